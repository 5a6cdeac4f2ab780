using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Stake;

/// <summary>"Microsoft conserve une participation de 27 % dans OpenAI", "X owns 27% of Y", "Y, in which X holds a 27% stake".</summary>
public sealed partial class StakeExpert : IExpert
{
    public string Name => "stake";

    [GeneratedRegex(@"\b(?:participations?|parts?|stakes?|holding|d[ée]tien\w*|keeps|retains|conserve\w*|garde\w*|d[ée]tenu\w*|holds|held|owns?|owned|owning|poss[èe]de\w*|ownership|actionnaires?|shareholders?|capital|equity)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRegex();

    [GeneratedRegex(@"\b(?:parts?\s+de\s+march[ée]|market\s+share|share\s+of\s+the\s+market|des\s+voix|of\s+the\s+vote|votes?|du\s+chiffre|of\s+revenue|des\s+revenus|de\s+ses\s+revenus|of\s+its\s+revenue|de\s+croissance|growth|hausse|baisse|rise|fall|drop|increase|decrease)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotStakeRegex();

    [GeneratedRegex(@"\b(?:c[èe]de\w*|c[ée]d[ée]\w*|vend\w*|sold|sells?|selling|divest\w*|offload\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaleRegex();

    [GeneratedRegex(@"\b(?:dont|dans\s+laquelle|dans\s+lequel|in\s+which|of\s+which|whose)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"\b(?:owned|held|d[ée]tenue?s?|poss[ée]d[ée]e?s?)\b[^.]{0,25}?\b(?:by|par)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassiveRegex();

    public double Gate(SentenceView s) =>
        s.Percents.Count == 0 ? 0 : s.MatchesOf(TriggerRegex()).Count * 0.8 + 0.3;

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var triggers = Cues.Spans(s, TriggerRegex());
        foreach (var p in s.Percents)
        {
            var trigger = triggers.Where(t => Cues.Distance((t.Start, t.End), (p.Start, p.End)) <= 60)
                .OrderBy(t => Cues.Distance((t.Start, t.End), (p.Start, p.End))).Cast<(int Start, int End, string Value)?>().FirstOrDefault();
            if (trigger is not { } t) continue;
            var after = s.Text.AsSpan(p.End, Math.Min(25, s.Text.Length - p.End)).ToString();
            var before = s.Text.AsSpan(Math.Max(0, p.Start - 25), p.Start - Math.Max(0, p.Start - 25)).ToString();
            if (NotStakeRegex().IsMatch(after) || NotStakeRegex().IsMatch(before)) continue;
            var left = Math.Min(t.Start, p.Start);
            var right = Math.Max(t.End, p.End);
            if (Cues.IsHedged(s, left, 60) || Cues.IsNegated(s, left, 40) || Cues.Near(SaleRegex(), s, left, 40)) continue;

            Entities.Mention? holder, target;
            var byMatch = s.Mentions.FirstOrDefault(m => m.IsOrganization && m.Start >= right && PassiveRegex().IsMatch(s.Text[Math.Max(0, m.Start - 40)..m.Start]));
            if (byMatch is not null)
            {
                holder = byMatch;
                target = s.Organizations.FirstOrDefault(m => m.Start >= right && m.End <= byMatch.Start && m.Name != byMatch.Name) ?? s.NearestOrgBefore(left);
            }
            else
            {
                holder = s.NearestOrgBefore(left, subjectsOnly: true) ?? s.NearestOrgBefore(left);
                target = s.FirstOrgAfter(right, 90, exclude: holder?.Name);
                if (target is null && holder is not null)
                {
                    // "OpenAI, dont Microsoft détient 27 %": the company before the relative pronoun is the target.
                    var relative = RelativeRegex().Match(s.Text, 0, holder.Start);
                    if (relative.Success) target = s.NearestOrgBefore(relative.Index + 1);
                }
                holder ??= ImplicitHolder(s, target);
            }
            if (holder is null || target is null || holder.Name == target.Name) continue;
            yield return new Fact
            {
                Type = FactTypes.Stake, Holder = holder.Name, Target = target.Name, Percent = p.Value,
                Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.9, holder, target), Expert = Name,
                Evidence = s.Evidence(article.OriginalText),
            };
        }
    }

    private static Entities.Mention? ImplicitHolder(SentenceView s, Entities.Mention? target) =>
        s.ImplicitSubject is { } name && name != target?.Name
            ? new Entities.Mention(0, 0, name, Entities.MentionKind.Organization, Entities.MentionSource.Coreference)
            : null;
}

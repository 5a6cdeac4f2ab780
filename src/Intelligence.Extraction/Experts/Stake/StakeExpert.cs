using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Stake;

/// <summary>"Microsoft conserve une participation de 27 % dans OpenAI", "X owns 27% of Y", "Y, in which X holds a 27% stake".</summary>
public sealed partial class StakeExpert : IExpert
{
    public string Name => "stake";

    [GeneratedRegex(@"\b(?:participations?|parts?|stakes?|holding|d[ée]tien\w*|keeps|retains|conserve\w*|garde\w*|d[ée]tenu\w*|holds|held|owns?|owned|owning|poss[èe]de\w*|ownership|actionnaires?|shareholders?|capital|equity|acqu[ée]rir|acquiert|acquire[sd]?|acquiring|contr[ôo]le(?:ra|rait|r)?|controls?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
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
            if (Cues.IsHedgedInClause(s, left, right, 60) || Cues.IsNegated(s, left, 40)) continue;

            Entities.Mention? holder, target;
            if (Cues.Near(SaleRegex(), s, left, 40))
            {
                // "Sanofi agreed to sell a 50% stake in Opella to CD&R": the buyer, after "to/à", holds it; no buyer, no fact.
                if (SoldStake(s, right) is not ({ } buyer, { } sold) || buyer.Name == sold.Name) continue;
                yield return Stake(s, article, buyer, sold, p.Value);
                continue;
            }
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
                // "the 75% stake that Lone Star holds in Novo Banco": the stake is in the company after "in", not the seller's.
                if (target is not null && ThatRegex().IsMatch(s.Text.AsSpan(right, target.Start - right)) &&
                    s.Organizations.FirstOrDefault(m => m.Start > target.End && m.Start - target.End <= 60 &&
                        InAfterRegex().IsMatch(s.Text.AsSpan(target.End, m.Start - target.End))) is { } inner)
                    target = inner;
                if (target is null && holder is not null)
                {
                    // "OpenAI, dont Microsoft détient 27 %": the company before the relative pronoun is the target.
                    var relative = RelativeRegex().Match(s.Text, 0, holder.Start);
                    if (relative.Success) target = s.NearestOrgBefore(relative.Index + 1);
                }
                holder ??= ImplicitHolder(s, target);
            }
            if (holder is null || target is null || holder.Name == target.Name) continue;
            yield return Stake(s, article, holder, target, p.Value);
        }
    }

    private Fact Stake(SentenceView s, ArticleContext article, Entities.Mention holder, Entities.Mention target, double percent) => new()
    {
        Type = FactTypes.Stake, Holder = holder.Name, Target = target.Name, Percent = percent,
        Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.9, holder, target), Expert = Name,
        Evidence = s.Evidence(article.OriginalText),
    };

    [GeneratedRegex(@"\b(?:that|which|que|qu')\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThatRegex();

    [GeneratedRegex(@"\b(?:in|dans)\s+(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InAfterRegex();

    [GeneratedRegex(@"\b(?i:to|à|au|aux)\s+(?:the\s+|la\s+|le\s+|les\s+|l')?(?:[\p{Ll}-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex BuyerGapRegex();

    /// <summary>The buyer ("to the investment firm CD&amp;R", "à Engie") and the company the stake sold is in (the first one
    /// after the percent that is not the buyer).</summary>
    private static (Entities.Mention? Buyer, Entities.Mention? Target) SoldStake(SentenceView s, int after)
    {
        Entities.Mention? buyer = null, target = null;
        foreach (var m in s.Organizations)
        {
            if (m.Start < after || m.Start - after > 120) continue;
            if (buyer is null && BuyerGapRegex().IsMatch(s.Text.AsSpan(after, m.Start - after))) buyer = m;
            else target ??= m;
        }
        return (buyer, target);
    }

    private static Entities.Mention? ImplicitHolder(SentenceView s, Entities.Mention? target) =>
        s.ImplicitSubject is { } name && name != target?.Name
            ? new Entities.Mention(0, 0, name, Entities.MentionKind.Organization, Entities.MentionSource.Coreference)
            : null;
}

using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Capex;

/// <summary>Capital expenditure: "140 milliards de dollars de dépenses d'investissement", "37,5 Md$ de CAPEX trimestriel",
/// "capital expenditures of $88.7bn in fiscal 2025", "plans to spend $80bn on AI data centers". Total expenses are not capex.</summary>
public sealed partial class CapexExpert : IExpert
{
    public string Name => "capex";

    [GeneratedRegex(@"\b(?:capex|d[ée]penses?\s+d'investissements?|d[ée]penses?\s+en\s+capital|d[ée]penses?\s+d'[ée]quipement|d[ée]penses?\s+(?:d'|en\s+|dans\s+les\s+|pour\s+(?:les\s+|ses\s+)?)infrastructures?|d[ée]penses?\s+(?:dans|pour)\s+(?:les\s+|ses\s+)?centres?\s+de\s+donn[ée]es|investissements?\s+(?:en\s+|dans\s+(?:les\s+|ses\s+)?)(?:infrastructures?|capital|centres?\s+de\s+donn[ée]es)|capital\s+expenditures?|capital\s+spending|capital\s+projects?|capital\s+investments?|(?:spend\w*|invest\w*)\s+(?:\S+\s+){0,6}?on\s+(?:AI\s+)?(?:infrastructure|data\s+cent(?:er|re)s?|capacity)|(?:d[ée]pens\w*|investi\w*)\s+(?:\S+\s+){0,6}?dans\s+(?:les\s+|ses\s+|des\s+)?(?:infrastructures?|centres?\s+de\s+donn[ée]es)|data\s+cent(?:er|re)\s+(?:spending|investments?))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex TriggerRegex();

    internal static Regex Trigger => TriggerRegex();

    public double Gate(SentenceView s) => s.Money.Count == 0 ? 0 : s.MatchesOf(TriggerRegex()).Count * 1.2;

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var triggers = Cues.Spans(s, TriggerRegex());
        if (triggers.Count == 0) yield break;
        foreach (var money in s.Money)
        {
            var trigger = triggers.OrderBy(t => Cues.Distance((t.Start, t.End), (money.Start, money.End))).First();
            if (Cues.Distance((trigger.Start, trigger.End), (money.Start, money.End)) > 70) continue;
            if (Cues.IsNotAFactAmount(s, money, 20)) continue;
            var anchor = Math.Min(trigger.Start, money.Start);
            if (Cues.IsHedged(s, anchor, 60) || Cues.IsNegated(s, anchor, 40) || Cues.IsAnalystEstimate(s)) continue;
            var clause = Cues.ClauseStart(s, anchor);
            var company = s.Organizations.LastOrDefault(m => m.Start >= clause && m.End <= anchor && !s.IsComplement(m))
                ?? s.Subject(before: anchor) ?? SubjectAfter(s, money.End) ?? s.NearestOrgBefore(anchor) ?? Implicit(s);
            if (company is null) continue;
            var period = Cues.PeriodNear(s, (money.Start, money.End),
                p => !p.Value.StartsWith("cumulative", StringComparison.Ordinal) && p.Value != "annualized");
            var fact = new Fact
            {
                Type = FactTypes.Capex, Company = company.Name, Period = period, Date = s.FirstDate?.Iso,
                Confidence = Cues.Confidence(s.IsVirtual ? 0.75 : 0.88, company), Expert = Name,
                Evidence = s.Evidence(article.OriginalText),
            };
            yield return Cues.WithAmount(fact, money, article);
        }
    }

    /// <summary>"Malgré 20 milliards de revenus, la startup…": the subject after a fronted amount.</summary>
    private static Mention? SubjectAfter(SentenceView s, int position) =>
        s.Organizations.FirstOrDefault(m => m.Start >= position && m.Start - position <= 80 && !s.IsComplement(m));

    private static Mention? Implicit(SentenceView s) =>
        s.ImplicitSubject is { } name ? new Mention(0, 0, name, MentionKind.Organization, MentionSource.Coreference) : null;
}

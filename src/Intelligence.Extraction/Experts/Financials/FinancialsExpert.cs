using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Financials;

/// <summary>Losses and revenue: "une perte projetée de 14 milliards de dollars en 2026", "$20bn in annualized revenue",
/// "Revenus élevés (20 Md$)". Each amount goes to the nearest loss or revenue cue.</summary>
public sealed partial class FinancialsExpert : IExpert
{
    public string Name => "financials";

    [GeneratedRegex(@"\b(?:pertes?|perd(?:u|ra|rait|ant|re)?|d[ée]ficits?|loss(?:es)?|lose|loses|losing|lost|in\s+the\s+red|dans\s+le\s+rouge|burn(?:ed|ing|s)?\s+(?:through)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LossRegex();

    [GeneratedRegex(@"\b(?:revenus?|chiffre\s+d'affaires|recettes|ventes|revenues?|sales|turnover|top\s+line|ARR|annual\s+recurring\s+revenue|facturation|(?-i:CA))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RevenueRegex();

    [GeneratedRegex(@"\b(?:projet[ée]e?s?|projected|projects|projections?|pr[ée]vu\w*|pr[ée]voi\w*|devrai(?:t|ent)|devrait|attend\w*|expect\w*|forecast\w*|anticip\w*|d'ici|will|estim\w*|pr[ée]visions?|on\s+track|s'attend\w*|table\s+sur|guidance|outlook|objectif|target\w*|budg[ée]t\w*|pr[ée]visionnel\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProjectedRegex();

    [GeneratedRegex(@"\b(?:a\s+enregistr[ée]|a\s+subi|a\s+perdu|a\s+accus[ée]|a\s+essuy[ée]|a\s+creus[ée]|a\s+publi[ée]|a\s+affich[ée]|a\s+r[ée]alis[ée]|posted|reported|recorded|booked|lost|incurred|generated|g[ée]n[ée]r[ée]|a\s+g[ée]n[ée]r[ée]|ended|clos|last\s+year|l'an\s+dernier|l'ann[ée]e\s+derni[èe]re)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportedRegex();

    [GeneratedRegex(@"\b(?:part\s+des\s+pertes|share\s+of|quote-part|sa\s+part\s+d|its\s+share|d[ée]penses?|spend\w*|expenses?|co[ûu]ts?|costs?|charges|d[ée]pense|b[ée]n[ée]fices?|profits?|earnings|marge|margin|croissance|growth|hausse|increase)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotLossOrRevenueRegex();

    public double Gate(SentenceView s) =>
        s.Money.Count == 0 ? 0 : (s.MatchesOf(LossRegex()).Count + s.MatchesOf(RevenueRegex()).Count) * 0.9 + 0.1;

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var cues = Cues.Spans(s, LossRegex()).Select(c => (c.Start, c.End, Type: FactTypes.Loss))
            .Concat(Cues.Spans(s, RevenueRegex()).Select(c => (c.Start, c.End, Type: FactTypes.Revenue)))
            .ToList();
        if (cues.Count == 0) yield break;
        var capex = Cues.Spans(s, Capex.CapexExpert.Trigger);
        foreach (var money in s.Money)
        {
            if (Cues.IsNotAFactAmount(s, money, 25)) continue;
            var cue = cues.OrderBy(c => Cues.Distance((c.Start, c.End), (money.Start, money.End))).First();
            var distance = Cues.Distance((cue.Start, cue.End), (money.Start, money.End));
            if (distance > 60) continue;
            if (capex.Any(c => Cues.Distance((c.Start, c.End), (money.Start, money.End)) < distance)) continue;
            // The word between the amount and the cue decides when another noun owns the amount ("1 milliard de dépenses").
            var between = s.Text[Math.Min(cue.End, money.End)..Math.Max(cue.Start, money.Start)];
            if (NotLossOrRevenueRegex().IsMatch(between)) continue;
            var anchor = Math.Min(cue.Start, money.Start);
            if (Cues.IsHedged(s, anchor, 60) || Cues.IsNegated(s, anchor, 40) || Cues.IsAnalystEstimate(s)) continue;

            var clause = Cues.ClauseStart(s, anchor);
            // "OpenAI revendique 20 milliards de revenus, tandis qu'Anthropic approche des 7 milliards": an amount in a later
            // clause than its cue belongs to that clause's own subject.
            var moneyClause = Cues.ClauseStart(s, money.Start);
            var elliptic = moneyClause > cue.End
                ? s.Organizations.LastOrDefault(m => m.Start >= moneyClause && m.End <= money.Start && !s.IsComplement(m)) : null;
            var company = elliptic ?? s.Organizations.LastOrDefault(m => m.Start >= clause && m.End <= anchor && !s.IsComplement(m))
                ?? s.Subject(before: anchor) ?? SubjectAfter(s, money.End) ?? s.NearestOrgBefore(anchor) ?? Implicit(s);
            if (company is null) continue;
            var period = Cues.PeriodNear(s, (money.Start, money.End));
            string? kind = null;
            if (cue.Type == FactTypes.Loss)
            {
                if (s.IsMatch(ProjectedRegex()) || period is not null && period.StartsWith("cumulative", StringComparison.Ordinal)) kind = "projected";
                else if (s.IsMatch(ReportedRegex())) kind = "reported";
            }
            var fact = new Fact
            {
                Type = cue.Type, Company = company.Name, Period = period, Kind = kind, Date = s.FirstDate?.Iso,
                Confidence = Cues.Confidence(s.IsVirtual ? 0.7 : 0.85, company), Expert = Name,
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

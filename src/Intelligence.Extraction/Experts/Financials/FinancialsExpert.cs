using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Financials;

/// <summary>Losses and revenue: "une perte projetée de 14 milliards de dollars en 2026", "$20bn in annualized revenue",
/// "revenue slipped to $12.8bn from $12.9bn" (two facts, the second for the year before). Each amount goes to the metric
/// that owns it (<see cref="AmountOwners"/>): an amount owned by a profit, a cash flow or a valuation gives nothing.</summary>
public sealed class FinancialsExpert : IExpert
{
    public string Name => "financials";

    public double Gate(SentenceView s)
    {
        if (s.Money.Count == 0) return 0;
        var cues = 0;
        foreach (Match m in FinancialLexicon.Metrics(s))
            if (m.Groups["loss"].Success || m.Groups["revenue"].Success) cues++;
        return cues * 0.9 + 0.1;
    }

    private static readonly System.Text.RegularExpressions.Regex RevenueForecast = new(
        @"\b(?:(?:is|are|was|were)\s+(?:expected|forecast|projected|set|poised|on\s+track)\s+to|expected\s+to\s+(?:grow|reach|rise|climb|hit|top|exceed|total)|devrai(?:t|ent)\s+(?:atteindre|progresser|croître|dépasser)|(?:est|sont)\s+attendue?s?\s+à)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled);

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var owners = AmountOwners.Assign(s);
        var periods = new Dictionary<AmountOwners.Owned, string?>();
        for (var i = 0; i < owners.Count; i++)
        {
            var owned = owners[i];
            var period = Periods.For(s, owners, i, periods, article);
            periods[owned] = period;
            if (owned.Metric is not ("loss" or "revenue") || owned.Estimate) continue;
            var money = owned.Money;
            var anchor = Math.Min(owned.MetricStart, money.Start);
            var clause = AmountOwners.ClauseStart(s.Text, anchor);
            if (FinancialLexicon.Hedge.IsMatch(s.Text.AsSpan(clause, money.End - clause)) || Cues.IsNegated(s, anchor, 30)) continue;
            // "revenue is expected to reach $30 billion by 2030", "les ventes devraient atteindre": a forecast, not revenue
            // reported (a projected loss, by contrast, is a fact of its own).
            if (owned.Metric == "revenue" && RevenueForecast.IsMatch(s.Text.AsSpan(Math.Min(owned.MetricStart, money.Start), money.End - Math.Min(owned.MetricStart, money.Start)))) continue;
            var company = Companies.For(s, anchor, money, owned.MetricEnd);
            if (company is null) continue;
            var fact = new Fact
            {
                Type = owned.Metric == "loss" ? FactTypes.Loss : FactTypes.Revenue, Company = company.Name, Period = period,
                Kind = owned.Metric == "loss" ? LossKind(s, owned, clause, period) : null, Date = s.FirstDate?.Iso,
                Confidence = Cues.Confidence(s.IsVirtual ? 0.7 : owned.Comparative ? 0.8 : 0.85, company), Expert = Name,
                Evidence = s.Evidence(article.OriginalText),
            };
            yield return Cues.WithAmount(fact, money, article);
        }
    }

    /// <summary>Projected when the company's own forecast words govern the amount, when the period is cumulative or lies
    /// after the article's date; reported otherwise (a comparative figure always is).</summary>
    private static string LossKind(SentenceView s, AmountOwners.Owned owned, int clause, string? period)
    {
        if (owned.Comparative) return "reported";
        if (period is not null && period.StartsWith("cumulative", StringComparison.Ordinal)) return "projected";
        if (FinancialLexicon.Projection.IsMatch(s.Text.AsSpan(clause, owned.Money.End - clause))) return "projected";
        if (Periods.Year(period) is { } year && s.ReferenceDate is { } reference && year > reference.Year) return "projected";
        return "reported";
    }
}

/// <summary>Who reports an amount: the subject of the amount's own clause when the metric sits in an earlier one
/// ("…, tandis qu'Anthropic approche des 7 milliards"), else the nearest organisation before the metric that is not a
/// prepositional complement ("Le groupe Atos, l'un des piliers des JO de Paris, a fait état d'une perte"), else the
/// subject after a fronted amount, else the article's salient company.</summary>
internal static class Companies
{
    private static readonly Regex OfRegex = new(@"^\s*(?:d'|de\s+|du\s+|of\s+|at\s+|chez\s+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static Mention? For(SentenceView s, int anchor, MoneyMention money, int metricEnd = -1, int metricStart = -1)
    {
        // "the $52.5bn Alphabet spent on capex": the subject of the relative clause between the amount and its metric.
        if (metricStart > money.End &&
            s.Organizations.FirstOrDefault(m => m.Start >= money.End && m.End <= metricStart && !s.IsComplement(m)) is { } spender)
            return spender;
        // "le chiffre d'affaires d'Oracle", "the revenue of Nvidia", "sales at Renault": the metric's own complement.
        if (metricEnd >= 0 && s.Organizations.FirstOrDefault(m => m.Start >= metricEnd && m.Start - metricEnd <= 6) is { } owner &&
            OfRegex.IsMatch(s.Text.AsSpan(metricEnd, owner.Start - metricEnd)))
            return owner;
        var moneyClause = AmountOwners.ClauseStart(s.Text, money.Start);
        if (moneyClause > anchor &&
            s.Organizations.LastOrDefault(m => m.Start >= moneyClause && m.End <= money.Start && !s.IsComplement(m)) is { } elliptic)
            return elliptic;
        return s.NearestOrgBefore(anchor, subjectsOnly: true)
            ?? s.Organizations.FirstOrDefault(m => m.Start >= money.End && m.Start - money.End <= 80 && !s.IsComplement(m))
            ?? s.NearestOrgBefore(anchor)
            ?? (s.ImplicitSubject is { } name ? new Mention(0, 0, name, MentionKind.Organization, MentionSource.Coreference) : null);
    }
}

/// <summary>The period of each amount: one named in the amount's own stretch of the sentence (between the amounts before
/// and after it), else, for a comparative figure, the period before the one of the figure it is compared with
/// ("€2.55bn in 2024 … a year earlier €2.94bn" gives 2023), else the sentence's nearest.</summary>
internal static class Periods
{
    private static readonly Regex YearBefore = new(@"\b((?:19|20)\d{2})\s+$");
    private static readonly Regex YearAfter = new(@"^\s+((?:19|20)\d{2})\b(?!\s*[%$€£])");

    public static string? For(SentenceView s, List<AmountOwners.Owned> owners, int i, Dictionary<AmountOwners.Owned, string?> known, ArticleContext? article = null)
    {
        var period = InSentence(s, owners, i, known);
        if (article is null) return period;
        // "revenue rose 8% in the quarter", "the loss widened to $2bn": the article's one stated quarter, or its one stated
        // period when the sentence names none and speaks of no full year.
        if (period == "quarter") return article.OnlyStatedPeriod("Q") ?? period;
        if (period is null && !owners[i].Comparative && !FullYear.IsMatch(s.Text)) return article.OnlyStatedPeriod("");
        return period;
    }

    private static readonly Regex FullYear = new(@"\b(?:full[- ]year|annual|annuel(?:le)?s?|for\s+the\s+year|de\s+l'ann[ée]e|sur\s+l'ann[ée]e|l'an\s+dernier|last\s+year)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string? InSentence(SentenceView s, List<AmountOwners.Owned> owners, int i, Dictionary<AmountOwners.Owned, string?> known)
    {
        var money = owners[i].Money;
        var lo = i > 0 ? owners[i - 1].Money.End : 0;
        var hi = i + 1 < owners.Count ? owners[i + 1].Money.Start : s.Text.Length;
        // A comparative figure's own period follows it ("contre 344 millions sur les trois premiers mois de 2023").
        if (owners[i].Comparative) lo = money.Start;
        var own = Cues.PeriodNear(s, (money.Start, money.End), p => p.Start >= lo && p.End <= hi);
        if (own is not null) return own;
        if (owners[i].Comparative)
            return i > 0 && known.TryGetValue(owners[i - 1], out var main) ? Earlier(main) : null;
        // "its 2025 capex", "le chiffre d'affaires 2024": a year set on the metric itself.
        var onMetric = YearBefore.Match(s.Text[..owners[i].MetricStart]);
        if (onMetric.Success) return onMetric.Groups[1].Value;
        onMetric = YearAfter.Match(s.Text[owners[i].MetricEnd..]);
        if (onMetric.Success) return onMetric.Groups[1].Value;
        // "$18bn, up from $16.2bn in 2024": the period told is the earlier figure's; this one is the period after it.
        if (i + 1 < owners.Count && owners[i + 1].Comparative)
        {
            var next = owners[i + 1].Money;
            var end = i + 2 < owners.Count ? owners[i + 2].Money.Start : s.Text.Length;
            if (Cues.PeriodNear(s, (next.Start, next.End), p => p.Start >= next.Start && p.End <= end) is { } earlier) return Later(earlier);
        }
        return Cues.PeriodNear(s, (money.Start, money.End));
    }

    public static int? Year(string? period)
    {
        if (period is null) return null;
        var digits = Regex.Match(period, @"(?:19|20)\d{2}");
        return digits.Success ? int.Parse(digits.Value) : null;
    }

    /// <summary>The same period a year before: "2024" → "2023", "FY2024" → "FY2023", "Q1 2024" → "Q1 2023".</summary>
    public static string? Earlier(string? period) => Shifted(period, -1);

    /// <summary>The same period a year after: "2024" → "2025".</summary>
    public static string? Later(string? period) => Shifted(period, 1);

    private static string? Shifted(string? period, int years)
    {
        if (Year(period) is not { } year || period!.StartsWith("cumulative", StringComparison.Ordinal)) return null;
        return period.Replace(year.ToString(), (year + years).ToString());
    }
}

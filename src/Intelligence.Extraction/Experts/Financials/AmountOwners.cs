using System.Text.RegularExpressions;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Financials;

/// <summary>Which metric each amount of a sentence measures, by the sentence's structure rather than by distance to a cue:
/// <list type="bullet">
/// <item>the metric named right after the amount owns it ("$6.5bn of revenue", "20 milliards de pertes", "$16.6bn loss");</item>
/// <item>else the nearest metric before it, across a list or a comparison ("revenue of $17.8bn and operating cash flow of
/// $1.3bn": the second amount is the cash flow's; "revenue slipped to $12.8bn from $12.9bn": both are revenue);</item>
/// <item>a fronted amount ("À 522 millions d'euros, …, la perte nette…") belongs to the first metric after its phrase;</item>
/// <item>an amount in brackets right after another is its conversion ("€4.5bn (£3.8bn)") and measures nothing new.</item>
/// </list>
/// An amount after "compared with", "contre", "from", or followed by "a year earlier", is a comparative figure for an
/// earlier period; one followed by "expected" or set in an analysts' clause is an estimate.</summary>
internal static class AmountOwners
{
    public sealed record Owned(MoneyMention Money, string Metric, int MetricStart, int MetricEnd, bool Comparative, bool Estimate);

    private sealed record MetricSpan(int Start, int End, string Kind);

    private static readonly string[] Kinds = ["loss", "revenue", "capex", "other", "change"];

    /// <summary>Gap allowed between an amount and a metric named after it: a preposition and up to two words.</summary>
    private static readonly Regex RightGap = new(@"^\s*(?:\([^()]{0,40}\)\s*)?(?:(?:of|de|d'|des|du|in|en|worth\s+of)\s*)?(?:(?!(?:and|et|or|ou|but|mais|while|with|avec|against|contre|versus|vs)\b)[\p{L}-]+\s+){0,2}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex AdjacentOf = new(@"^\s*(?:of|de|d'|by)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex FrontedAmount = new(@"^\s*(?:à|at|avec|with)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static List<Owned> Assign(SentenceView s)
    {
        var result = new List<Owned>(s.Money.Count);
        if (s.Money.Count == 0) return result;
        var metrics = Metrics(s);
        var bare = new HashSet<MoneyMention>();
        var amounts = WithBareAmounts(s, bare);
        Owned? previous = null;
        for (var i = 0; i < amounts.Count; i++)
        {
            var money = amounts[i];
            if (IsConversion(s.Text, amounts, i)) continue;
            var owner = Right(s.Text, money, metrics) ?? Fronted(s.Text, money, metrics) ??
                Left(s.Text, money, metrics, money.Currency is null || bare.Contains(money) ? 40 : 120, s.IsVirtual);
            var comparative = IsComparative(s.Text, money, previous);
            // "…, contre 344 millions", "…, tandis qu'Anthropic approche des 7 milliards": a comparison or a parallel
            // clause measures the same thing as the amount before it.
            if (owner is null && previous is not null && (comparative || Parallel(s.Text, previous.Money, money)))
                owner = new MetricSpan(previous.MetricStart, previous.MetricEnd, previous.Metric);
            if (owner is null) continue;
            var owned = new Owned(money, owner.Kind, owner.Start, owner.End, comparative, IsEstimate(s.Text, money));
            result.Add(owned);
            previous = owned;
        }
        return result;
    }

    private static List<MetricSpan> Metrics(SentenceView s)
    {
        var spans = new List<MetricSpan>();
        // The gates asked for the same matches: the sentence keeps them.
        foreach (var m in FinancialLexicon.Metrics(s))
            foreach (var kind in Kinds)
                if (m.Groups[kind].Success) { spans.Add(new MetricSpan(m.Index, m.Index + m.Length, kind)); break; }
        return spans;
    }

    /// <summary>The sentence's amounts plus the figures written with a scale word but no currency when another amount of
    /// the sentence gives one ("À 522 millions d'euros, contre 344 millions…"); those take its currency.</summary>
    private static List<MoneyMention> WithBareAmounts(SentenceView s, HashSet<MoneyMention> bare)
    {
        var currency = s.Money.FirstOrDefault(m => m.Currency is not null)?.Currency;
        if (currency is null) return s.Money as List<MoneyMention> ?? s.Money.ToList();
        List<MoneyMention>? all = null;
        foreach (Match m in BareAmount.Matches(s.Text))
        {
            if (s.Money.Any(x => x.Start < m.Index + m.Length && m.Index < x.End)) continue;
            if (!NumberParser.TryParse(m.Groups["num"].Value, out var number) || MoneyParser.Scale(m.Groups["scale"].Value, s.Language) is not { } scale) continue;
            all ??= s.Money.ToList();
            var mention = new MoneyMention(m.Index, m.Index + m.Length, number * scale, null, currency, false);
            all.Add(mention);
            bare.Add(mention);
        }
        if (all is null) return s.Money as List<MoneyMention> ?? s.Money.ToList();
        all.Sort((a, b) => a.Start.CompareTo(b.Start));
        return all;
    }

    private static readonly Regex BareAmount = new(@"(?<![\d.,])(?<num>\d{1,4}(?:[.,]\d{1,3})?)\s(?<scale>milliards?|millions?|billions?|bn)\b(?!\s*(?:de\s+|d'|of\s+)?(?:véhicules|vehicles|clients|customers|abonnés|subscribers|users|utilisateurs|personnes|people|barils|barrels|tonnes|tons|units|unités|actions|shares|habitants|emplois|jobs))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static bool IsConversion(string text, List<MoneyMention> amounts, int i)
    {
        if (i == 0) return false;
        var gap = text.AsSpan(amounts[i - 1].End, Math.Max(0, amounts[i].Start - amounts[i - 1].End)).Trim();
        return gap is "(" or "(about" or "(environ" or "(soit" || gap.StartsWith("(") && gap.Length <= 12 && !gap.Contains(')');
    }

    /// <summary>"the $52.5bn the company spent on capex", "les 3 milliards que le groupe a consacrés aux investissements": a
    /// relative clause whose verb spends the amount on the metric.</summary>
    private static readonly Regex RelativeSpendGap = new(@"^\s*(?:that\s+|which\s+|que\s+|qu')?(?:[\p{L}'’-]+\s+){0,3}(?:spent|spends|invested|allocated|devoted|(?:a|ont)\s+(?:consacr|investi|d[ée]pens|allou)\w*)\s+(?:on|in|to|en|dans|à|aux|au)\s+(?:its\s+|their\s+|ses\s+|leurs\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static MetricSpan? Right(string text, MoneyMention money, List<MetricSpan> metrics)
    {
        foreach (var m in metrics)
        {
            if (m.Start < money.End) continue;
            if (m.Start - money.End > 60) break;
            var gap = text.AsSpan(money.End, m.Start - money.End);
            // "net profit rose to €800 million on revenue of €21.5 billion", "pour un chiffre d'affaires de…": the revenue
            // the figure was made on, not the figure's own metric ("spent $34.9bn on capital projects" is).
            if (m.Kind == "revenue" && OnRevenueGap.IsMatch(gap)) return null;
            return (m.Start - money.End <= 40 && RightGap.IsMatch(gap)) || RelativeSpendGap.IsMatch(gap) ? m : null;
        }
        return null;
    }

    private static readonly Regex OnRevenueGap = new(@"^\s*(?:on|sur|pour)\s+(?:(?:a|an|the|un|une|le|la|its|son|sa|ses)\s+)?(?:[\p{L}-]+\s+){0,2}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static MetricSpan? Fronted(string text, MoneyMention money, List<MetricSpan> metrics)
    {
        if (!FrontedAmount.IsMatch(text.AsSpan(0, money.Start))) return null;
        return metrics.FirstOrDefault(m => m.Start > money.End && m.Start - money.End < 160);
    }

    private static MetricSpan? Left(string text, MoneyMention money, List<MetricSpan> metrics, int reach, bool tableCell)
    {
        MetricSpan? best = null;
        foreach (var m in metrics)
        {
            if (m.End > money.Start) break;
            // "en hausse de 17 % à 156,9 milliards": a change word owns only the amount right after it.
            if (m.Kind == "change" && !AdjacentOf.IsMatch(text.AsSpan(m.End, money.Start - m.End))) continue;
            best = m;
        }
        if (best is null || money.Start - best.End > reach) return null;
        // A sentence break inside the sentence (";", ":") ends a metric's reach; in a table cell read as
        // "column : row : cell" the colons join the header to its figure.
        var gap = text.AsSpan(best.End, money.Start - best.End);
        return gap.IndexOf(';') >= 0 || !tableCell && gap.IndexOf(':') >= 0 ? null : best;
    }

    private static bool IsComparative(string text, MoneyMention money, Owned? previous)
    {
        var before = text.AsSpan(Math.Max(previous?.Money.End ?? 0, money.Start - 40), money.Start - Math.Max(previous?.Money.End ?? 0, money.Start - 40));
        if (previous is not null && FinancialLexicon.Comparative.IsMatch(before)) return true;
        var after = text.AsSpan(money.End, Math.Min(60, text.Length - money.End));
        var comma = after.IndexOfAny(',', ';', '.');
        // "…, compared with 132 millions d'euros un an plus tôt": the earlier-period words close the amount's own phrase.
        var phrase = comma >= 0 && comma < after.Length - 1 && !char.IsDigit(after[comma + 1]) ? after[..comma] : after;
        return FinancialLexicon.EarlierPeriod.IsMatch(phrase);
    }

    private static bool Parallel(string text, MoneyMention previous, MoneyMention money) =>
        ParallelClause.IsMatch(text.AsSpan(previous.End, money.Start - previous.End));

    private static readonly Regex ParallelClause = new(@"(?:,\s*|\s)(?:tandis\s+qu[e']|alors\s+qu[e']|while|whereas|et\s+(?:celui|celle)|and\s+(?:that|those))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static bool IsEstimate(string text, MoneyMention money)
    {
        var after = text.AsSpan(money.End, Math.Min(30, text.Length - money.End));
        var stop = after.IndexOfAny(',', ';', '.');
        if (stop >= 0) after = after[..stop];
        if (FinancialLexicon.Estimate.IsMatch(after)) return true;
        var clauseStart = ClauseStart(text, money.Start);
        return AnalystWords.IsMatch(text.AsSpan(clauseStart, money.Start - clauseStart)) || AnalystsSaid.IsMatch(text.AsSpan(money.End));
    }

    /// <summary>"…, analysts said", "selon les analystes": the sentence's figures are the analysts' (an actual figure
    /// "beating analysts' estimates" is not).</summary>
    private static readonly Regex AnalystsSaid = new(@"(?:,\s*(?:the\s+)?(?:analysts?|analystes?)\s+(?:said|say|says|estimate|expect|forecast|estiment|prévoient|tablent)|\b(?:selon|d'après)\s+(?:les\s+)?(?:analystes|consensus)|\baccording\s+to\s+(?:the\s+)?(?:analysts|consensus))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex ClauseBreak = new(@"(?:,\s|;|\s(?:tandis\s+qu[e']|alors\s+qu[e']|while|whereas|but|mais)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Start of the clause holding <paramref name="position"/>: after the last comma, semicolon or contrastive
    /// conjunction before it.</summary>
    public static int ClauseStart(string text, int position)
    {
        var start = 0;
        foreach (Match m in ClauseBreak.Matches(text))
        {
            if (m.Index >= position) break;
            start = m.Index + m.Length;
        }
        return start;
    }

    private static readonly Regex AnalystWords = new(@"\b(?:analysts?|analystes?|consensus|FactSet|LSEG|StreetAccount|estimates?|estimations?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}

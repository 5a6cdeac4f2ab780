using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Experts.Financials;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Capex;

/// <summary>Capital expenditure, by structure: an amount owned by a capex noun ("140 milliards de dollars de dépenses
/// d'investissement", "capex would fall between $64bn and $72bn", "un plan d'investissement de 13 milliards"), or spent on
/// physical assets by a spending verb ("plans to spend $80bn in fiscal 2025 on expanding its data centers", "the $88bn
/// Microsoft spent building data centers", "4 milliards pour des centres de données"). Amounts owned by total expenses,
/// purchase pledges or another metric, analysts' figures and hedged plans are not capex; money put into a named
/// company is an investment, not capex.</summary>
public sealed partial class CapexExpert : IExpert
{
    public string Name => "capex";

    public double Gate(SentenceView s)
    {
        if (s.Money.Count == 0) return 0;
        var cues = 0;
        foreach (Match m in FinancialLexicon.Metrics(s))
            if (m.Groups["capex"].Success) cues++;
        if (cues == 0 && (s.IsMatch(FinancialLexicon.CapexAsset) || s.IsMatch(FinancialLexicon.MultiYear)) && s.IsMatch(FinancialLexicon.CapexVerb)) cues = 1;
        return cues * 1.2;
    }

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var owners = AmountOwners.Assign(s);
        var periods = new Dictionary<AmountOwners.Owned, string?>();
        var ownedMoney = new HashSet<MoneyMention>();
        for (var i = 0; i < owners.Count; i++)
        {
            var owned = owners[i];
            periods[owned] = Periods.For(s, owners, i, periods);
            ownedMoney.Add(owned.Money);
            if (owned.Metric != "capex" || owned.Estimate) continue;
            if (Build(s, article, owned.Money, Math.Min(owned.MetricStart, owned.Money.Start), periods[owned], owned.MetricEnd, owned.MetricStart) is { } fact) yield return fact;
        }
        // Spending verbs: only amounts no metric owns.
        foreach (var money in s.Money)
        {
            if (ownedMoney.Contains(money) || SpendingAnchor(s, money) is not { } anchor) continue;
            if (Build(s, article, money, anchor, Cues.PeriodNear(s, (money.Start, money.End))) is { } fact) yield return fact;
        }
    }

    private Fact? Build(SentenceView s, ArticleContext article, MoneyMention money, int anchor, string? period, int metricEnd = -1, int metricStart = -1)
    {
        var clause = AmountOwners.ClauseStart(s.Text, anchor);
        if (FinancialLexicon.Hedge.IsMatch(s.Text.AsSpan(clause, money.End - clause)) || Cues.IsNegated(s, anchor, 30)) return null;
        if (Cues.IsAnalystEstimate(s) && AnalystBefore(s, money)) return null;
        var company = Companies.For(s, anchor, money, metricEnd, metricStart) ?? s.FirstOrgAfter(money.End, 80);
        if (company is null) return null;
        if (period is not null && (period.StartsWith("cumulative", StringComparison.Ordinal) || period == "annualized")) period = null;
        var fact = new Fact
        {
            Type = FactTypes.Capex, Company = company.Name, Period = period, Date = s.FirstDate?.Iso,
            Confidence = Cues.Confidence(s.IsVirtual ? 0.75 : 0.85, company), Expert = Name,
            Evidence = s.Evidence(article.OriginalText),
        };
        return Cues.WithAmount(fact, money, article);
    }

    [GeneratedRegex(@"^\s*(?:pour|for)\s+(?:des|les|la|le|l'|ses|son|sa|the|its|new|de\s+nouve(?:aux|lles))?\s*(?:nouve(?:aux|lles)\s+|new\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForAsset();

    /// <summary>"Analysts expect Microsoft to spend $63.2bn": an analysts' clause before the amount; "…$83 billion, according
    /// to analysts' estimates": an attribution to analysts after it.</summary>
    private static bool AnalystBefore(SentenceView s, MoneyMention money)
    {
        var clause = AmountOwners.ClauseStart(s.Text, money.Start);
        return AnalystWordRegex().IsMatch(s.Text.AsSpan(clause, money.Start - clause)) || AnalystAttributionRegex().IsMatch(s.Text.AsSpan(money.End));
    }

    /// <summary>The company's own spending verb right before the amount: "plans to invest €180 billion", "investira 5 milliards"
    /// ("raised spending by $300 billion" is no company's plan).</summary>
    [GeneratedRegex(@"\b(?:invest(?:s|ed)?|to\s+invest|will\s+invest|(?:to|will)\s+spend|spends|investi(?:r|ra|ront|t|ssent)?|d[ée]penser(?:a|ont)?|consacrer(?:a|ont)?)\s+(?:(?:up\s+to|some|about|around|nearly|almost|more\s+than|over|plus\s+de|près\s+de|jusqu'à|environ|quelque)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlanVerbBeforeRegex();

    /// <summary>What a multi-year programme goes into or is for: "… over four years in start-ups developing…", "… sur cinq ans
    /// dans des jeunes pousses", "… to speed up the development of carbon removal technology".</summary>
    [GeneratedRegex(@"\G\s*,?\s*(?:in|into|dans|en|to|pour|afin\s+d[e'])\s+(?<what>[^,;.]{1,60})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlanTargetRegex();

    [GeneratedRegex(@"^invest(?:issement|ment)s?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InvestmentNounRegex();

    [GeneratedRegex(@"\b(?:announc(?:ed|es)|unveil(?:ed|s)|confirm(?:ed|s)|plans|planned|a\s+annonc[ée]|annonce|a\s+d[ée]voil[ée]|d[ée]voile|a\s+confirm[ée]|confirme|pr[ée]voit)\s+(?:a|an|un|une|its|son|sa|ses|the|le|la|l'|des|de|d')\s*(?:[^\s,;]+\s+){0,3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnnouncedBeforeRegex();

    [GeneratedRegex(@"^(?:build|built|construi)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BuildVerbRegex();

    [GeneratedRegex(@"\b(?:analysts?|analystes?|consensus)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnalystWordRegex();

    [GeneratedRegex(@"\b(?:according\s+to|selon|d'apr[èe]s|estimated\s+by|estim[ée]e?s?\s+par)\s+(?:\S+\s+){0,2}?(?:analysts?|analystes?|the\s+consensus|le\s+consensus)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnalystAttributionRegex();

    /// <summary>Where a spending frame around the amount starts: a spending verb in the amount's clause (before it, or
    /// after it in a relative clause) and a physical asset after it, with no company named as what the money goes into.</summary>
    private static int? SpendingAnchor(SentenceView s, MoneyMention money)
    {
        var clause = AmountOwners.ClauseStart(s.Text, money.Start);
        var end = Math.Min(s.Text.Length, money.End + 110);
        var asset = FinancialLexicon.CapexAsset.Match(s.Text, money.End, end - money.End);
        // "plans to invest €180 billion over the next five years": a company's multi-year spending plan is capex too.
        // The span right after the amount ("invest $100 billion in the US over four years" is a pledge to a country).
        var plan = FinancialLexicon.MultiYear.Match(s.Text, money.End, Math.Min(s.Text.Length, money.End + 30) - money.End);
        var planFollows = plan.Success && s.Text.AsSpan(money.End, plan.Index - money.End).IsWhiteSpace() &&
            PlanVerbBeforeRegex().IsMatch(s.Text.AsSpan(0, money.Start));
        // "invest $1 billion over four years in start-ups", "… to expand its business in Asia": a programme put into, or
        // spent for, something other than physical assets.
        if (planFollows && PlanTargetRegex().Match(s.Text, plan.Index + plan.Length) is { Success: true } target &&
            !FinancialLexicon.CapexAsset.IsMatch(target.Groups["what"].ValueSpan)) return null;
        if (!planFollows && (!asset.Success || s.Text.AsSpan(money.End, asset.Index - money.End).IndexOfAny(',', ';') >= 0)) return null;
        // "4 milliards pour des centres de données": the asset right after "for" is the verb's work.
        if (!planFollows && ForAsset().IsMatch(s.Text.AsSpan(money.End, asset.Index - money.End))) return money.Start;
        var verb = FinancialLexicon.CapexVerb.Match(s.Text, clause, end - clause);
        if (!verb.Success || (verb.Index > money.End && verb.Index - money.End > 40)) return null;
        // "Calvera announced a $3 billion investment in a new plant": an investment noun is the company's own only when it
        // announces it ("the project would start with a $100 billion investment", said by someone else, is not).
        if (InvestmentNounRegex().IsMatch(verb.ValueSpan) &&
            !AnnouncedBeforeRegex().IsMatch(s.Text.AsSpan(clause, Math.Min(verb.Index, money.Start) - clause))) return null;
        // "build a $20 billion factory" spends the amount; "a $500 billion deal … to build data centres" is a deal's value.
        if (verb.Index > money.Start && BuildVerbRegex().IsMatch(verb.Value)) return null;
        // "invests $2bn in Anthropic": money into a company is an investment.
        var into = s.FirstOrgAfter(money.End, 12);
        if (into is not null && Regex.IsMatch(s.Text.AsSpan(money.End, into.Start - money.End), @"^\s*(?:in|into|dans|en)\s+(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase))
            return null;
        return Math.Min(verb.Index, money.Start);
    }
}

using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts;

/// <summary>Shared lexical cues: hedges, negations, and the money that is not a fact (valuations, damages, purchase pledges).</summary>
public static partial class Cues
{
    [GeneratedRegex(@"\b(?:could|might|(?-i:may)|would|pourrai(?:t|ent)|pourra(?:it)?|envisag\w*|consider(?:s|ing|ed)?|weigh(?:s|ing)|mull(?:s|ing)|explor(?:e|es|ing)|in\s+talks|talks\s+to|en\s+(?:discussions?|pourparlers|négociations?)|discussions?\s+(?:pour|to|about)|négoci(?:e|ent|ait)|h[ée]sit\w*|frileux|frileuse|à\s+l'id[ée]e\s+d|said\s+to\s+be|is\s+said|reportedly\s+(?:considering|weighing|in\s+talks|planning)|rumou?r\w*|potenti(?:el|elle|al|ally|ellement)|[ée]ventuel\w*|possible|possibly|hypoth[ée]tique|hypothetical|serait\s+sur\s+le\s+point|sur\s+le\s+point\s+de|on\s+the\s+verge|whether|aurait\s+pu|could\s+have|would\s+have|if\s+only|si\s+seulement|seeks?\s+to|cherche\s+à|tente\s+de|vise\s+à\s+lever|hopes?\s+to|esp[èe]re|aims?\s+to\s+raise)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex HedgeRegex();

    [GeneratedRegex(@"\b(?:n'a\s+pas|n'ont\s+pas|ne\s+\w+\s+pas|n'\w+\s+pas|pas\s+encore|did\s+not|didn't|has\s+not|hasn't|have\s+not|haven't|won't|will\s+not|no\s+longer|never|jamais|no\s+(?:agreement|deal|accord)|aucun\s+accord|denied|d[ée]ment\w*|refus\w*\s+d'investir|declined\s+to\s+invest|rejected|rejects|rejet[ée]e?|rejette|turned\s+down|spurned|repouss[ée]e?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NegationRegex();

    private const string PurchaseWords = @"acheter|achat\w*|purchas\w*|to\s+buy|buy(?:ing)?";
    private const string OtherNotAFactMoneyWords =
        @"valoris\w*|valuation|valued|valuing|values\s+(?:the|it|\p{Lu}\w*)|valu[ée]e?s?\s+à|[ée]valu[ée]e?s?\s+à|capitalisation|market\s+(?:cap|value)|worth\s+of|(?:stake|holding|shareholding|participation|investment)\s+(?:\p{Ll}+\s+){0,2}?(?:is|are|was|were)\s+(?:now\s+|currently\s+|still\s+)?worth|dommages|damages|r[ée]clam\w*|seeks?|seeking|demand\w*|compensation|indemn\w*|asking\s+price|prix\s+demand[ée]|amende|fine[ds]?|penalt\w*|contrat\s+(?:cloud|de\s+calcul)|cloud\s+(?:contract|services|spend|computing\s+contract)|services\s+cloud|puissance\s+de\s+calcul\s+aupr[èe]s|compute\s+(?:deal|contract|capacity)|commande\w*|orders?|estim\w*\s+par\s+les\s+analystes|analysts?\s+(?:estimate|expect|forecast)\w*|selon\s+les\s+analystes|according\s+to\s+analysts|consensus";

    [GeneratedRegex(@"\b(?:" + OtherNotAFactMoneyWords + "|" + PurchaseWords + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NotAFactMoneyRegex();

    /// <summary><see cref="NotAFactMoneyRegex"/> without the purchase words, for an amount that buys a stake.</summary>
    [GeneratedRegex(@"\b(?:" + OtherNotAFactMoneyWords + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NotAFactStakeMoneyRegex();

    [GeneratedRegex(@"\b(?:analysts?|analystes?|consensus|brokers?|Jefferies|Morgan\s+Stanley|Goldman\s+Sachs)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnalystRegex();

    [GeneratedRegex(@"(?:,|;|\s(?:tandis\s+qu[e']|alors\s+qu[e']|while|whereas|but|mais)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBreakRegex();

    /// <summary>An analyst's estimate is not the company's figure.</summary>
    public static bool IsAnalystEstimate(SentenceView s) => s.IsMatch(AnalystRegex());

    /// <summary>Start of the clause that contains <paramref name="position"/> ("…, tandis qu'Anthropic approche des 7 milliards");
    /// the sentence's clause breaks are found once, however many amounts ask.</summary>
    public static int ClauseStart(SentenceView s, int position)
    {
        var start = 0;
        foreach (var m in s.MatchesOf(ClauseBreakRegex()))
        {
            if (m.Index >= position) break;
            start = m.Index + m.Length;
        }
        return start;
    }

    public static bool IsHedged(SentenceView s, int around, int window = 90) => Near(HedgeRegex(), s, around, window);

    [GeneratedRegex(@"\b(?:said|says|announced|announces|confirmed|confirms|told|a\s+annonc[ée]|annonce|a\s+indiqu[ée]|a\s+confirm[ée])\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportedRegex();

    /// <summary>Like <see cref="IsHedged"/>, except that "would" in reported speech announces rather than hedges
    /// ("Unilever said Hein Schumacher would step down").</summary>
    public static bool IsHedgedUnlessReported(SentenceView s, int around, int window = 90)
    {
        var (from, to) = (Math.Max(0, around - window), Math.Min(s.Text.Length, around + window));
        foreach (var m in s.MatchesOf(HedgeRegex()))
        {
            if (m.Index < from || m.Index + m.Length > to) continue;
            if (m.Value.Equals("would", StringComparison.OrdinalIgnoreCase) && s.IsMatch(ReportedRegex(), 0, m.Index)) continue;
            return true;
        }
        return false;
    }

    /// <summary>A hedge before <paramref name="end"/>, from <paramref name="window"/> characters before <paramref name="start"/>
    /// ("could buy X for…"); what follows the deal ("…, which would create…") does not hedge it.</summary>
    public static bool IsHedgedBefore(SentenceView s, int start, int end, int window = 60) =>
        s.IsMatch(HedgeRegex(), Math.Max(0, start - window), Math.Min(s.Text.Length, end));

    /// <summary>A hedge in the clause of the statement: from <paramref name="window"/> characters before
    /// <paramref name="start"/> to the first clause break after <paramref name="end"/> ("a $5 billion stake in Intel, a bold
    /// wager that could reshape the industry" is not hedged by the apposition's "could").</summary>
    public static bool IsHedgedInClause(SentenceView s, int start, int end, int window = 70)
    {
        var clauseEnd = s.Text.Length;
        foreach (var m in s.MatchesOf(ClauseBreakRegex()))
            if (m.Index >= end) { clauseEnd = m.Index; break; }
        return s.IsMatch(HedgeRegex(), Math.Max(0, start - window), clauseEnd);
    }

    /// <summary>The relative clause that holds the span, from its comma to the next clause break ("Kestrel, which has $12
    /// billion under management, invested…", "Vantor, qui pèse 40 milliards en Bourse, a racheté…"), or null. What is
    /// said inside it is said of the clause's own verb, not of a deal word outside it.</summary>
    public static (int Start, int End)? AsideAround(SentenceView s, int start, int end)
    {
        var open = -1;
        foreach (Match m in s.MatchesOf(AsideOpenRegex()))
        {
            if (m.Index >= start) break;
            open = m.Index;
        }
        if (open < 0 || s.Text.AsSpan(open + 1, start - open - 1).IndexOfAny(ClauseBreaks) >= 0) return null;
        var close = s.Text.AsSpan(end).IndexOfAny(ClauseBreaks);
        return (open, close < 0 ? s.Text.Length : end + close);
    }

    [GeneratedRegex(@",\s*(?:which|who|whose|qui)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsideOpenRegex();

    /// <summary>Whether a cue word may govern the span: both in the same relative clause, or the span in none.</summary>
    public static bool SameAside((int Start, int End)? aside, (int Start, int End) cue) =>
        aside is not { } a || (cue.Start >= a.Start && cue.End <= a.End);

    [GeneratedRegex(@"^\s*(?:a|per|par|l')\s*(?:share|action)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerShareRegex();

    /// <summary>"$229 a share", "31 euros par action": a price per share is no deal amount.</summary>
    public static bool IsPerShare(SentenceView s, MoneyMention money) => PerShareRegex().IsMatch(s.Text.AsSpan(money.End));
    public static bool IsNegated(SentenceView s, int around, int window = 60) => Near(NegationRegex(), s, around, window);
    public static bool IsNotAFactAmount(SentenceView s, MoneyMention money, int window = 45) => NotAFactNear(NotAFactMoneyRegex(), s, money, window);

    /// <summary>Like <see cref="IsNotAFactAmount"/> for an amount that buys a stake: the purchase words are its own cue
    /// there, everything else (valuations, damages, analysts' figures, orders…) still rules it out.</summary>
    public static bool IsNotAFactStakePurchase(SentenceView s, MoneyMention money, int window = 45) => NotAFactNear(NotAFactStakeMoneyRegex(), s, money, window);

    /// <summary>Whether a not-a-fact word in the window around the amount governs it. A valuation governs the amount it
    /// introduces ("valued at $5bn", "values it at $5bn") or one right before it ("a $5bn valuation"), not a price told
    /// before a clause break ("for $4.2bn, in a deal that values Calder at $5bn"), and "a deal valued at $4.2bn" is the
    /// price of the deal, not a valuation.</summary>
    private static bool NotAFactNear(Regex regex, SentenceView s, MoneyMention money, int window)
    {
        var from = Math.Max(0, money.Start - window);
        var to = Math.Min(s.Text.Length, money.End + window);
        foreach (var m in regex.EnumerateMatches(s.Text.AsSpan(from, to - from)))
        {
            var (start, wordEnd) = (from + m.Index, from + m.Index + m.Length);
            // "to invest $5 billion in Rivian, initially buying $1 billion of its shares": a word past a clause break that
            // introduces an amount of its own governs that one.
            if (start >= money.End && s.Text.AsSpan(money.End, start - money.End).IndexOfAny(ClauseBreaks) >= 0 &&
                s.Money.Any(o => o.Start >= wordEnd && o.Start - wordEnd <= 30)) continue;
            if (!ValuationWordRegex().IsMatch(s.Text.AsSpan(start, m.Length))) return true;
            if (start >= money.End)
            {
                var gap = s.Text.AsSpan(money.End, start - money.End);
                if (gap.IndexOfAny(ClauseBreaks) < 0 && gap.Length <= 20) return true;
                continue;
            }
            if (ParticipleRegex().IsMatch(s.Text.AsSpan(start, m.Length)) &&
                DealValuedRegex().IsMatch(s.Text.AsSpan(Math.Max(0, start - 30), start - Math.Max(0, start - 30)))) continue;
            // "valued at $5bn last year, was bought for $4.2bn": the valuation took the amount it introduced.
            if (s.Money.Any(o => o.Start > start && o.End <= money.Start)) continue;
            return true;
        }
        return false;
    }

    private static readonly System.Buffers.SearchValues<char> ClauseBreaks = System.Buffers.SearchValues.Create(",;:()—–");

    [GeneratedRegex(@"^(?:valued|valu[ée]e?s?\s+à)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParticipleRegex();

    [GeneratedRegex(@"^(?:valoris|valuation|valued|valuing|values|valu[ée]|[ée]valu)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ValuationWordRegex();

    [GeneratedRegex(@"\b(?:deal|transaction|acquisition|takeover|merger|offer|bid|purchase|op[ée]ration|rachat|offre|fusion)\s+(?:(?:is|was|that\s+is|which\s+is)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DealValuedRegex();

    public static bool Near(Regex regex, SentenceView s, int start, int window, int? end = null) =>
        s.IsMatch(regex, Math.Max(0, start - window), Math.Min(s.Text.Length, (end ?? start) + window));

    /// <summary>A subject relative pronoun and up to five lowercase words (auxiliaries, adverbs) ending right before the
    /// verb: ", which put", " qui a déjà investi". Not after a preposition ("in which it invested", "under which the
    /// chipmaker will invest") nor before a subject of its own.</summary>
    [GeneratedRegex(@"(?<!\b(?:in|of|into|to|for|by|with|under|through|from|on|at|dans|de|à|pour|par|avec|sur|sous|selon)\s)(?<=[\p{L}\d),]\s?)(?:qui|which|who)\s+(?!(?:it|he|she|they|il|elle|ils|elles|the|an|its|their|le|la|les|l'|un|une|son|sa|ses|leur|ce|cette)\b)(?:(?-i:\p{Ll})[\p{L}'’-]*\s+){0,5}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeSubjectRegex();

    /// <summary>Whether the verb starting at <paramref name="verbStart"/> has a relative pronoun for subject (", which put",
    /// " qui devient"), with the organisation the pronoun stands for: the one right before it, or null when a description
    /// names none ("un géant américain qui a investi").</summary>
    public static bool TryRelativeSubject(SentenceView s, int verbStart, out Entities.Mention? antecedent)
    {
        antecedent = null;
        var relative = RelativeSubjectRegex().Match(s.Text, 0, verbStart);
        if (!relative.Success) return false;
        antecedent = s.Organizations.LastOrDefault(m => m.End <= relative.Index && relative.Index - m.End <= 2);
        return true;
    }

    /// <summary>The matches of a cue regex, as spans, but those inside an organisation's name ("Allianz Global Investors",
    /// "the investment firm"): a word of a name cues nothing.</summary>
    public static List<(int Start, int End, string Value)> Spans(SentenceView s, Regex regex)
    {
        var matches = s.MatchesOf(regex);
        var spans = new List<(int, int, string)>(matches.Count);
        foreach (Match m in matches)
            if (!InsideOrganization(s, m.Index, m.Index + m.Length)) spans.Add((m.Index, m.Index + m.Length, m.Value));
        return spans;
    }

    private static bool InsideOrganization(SentenceView s, int start, int end)
    {
        foreach (var m in s.Mentions)
            if (m.IsOrganization && m.Start <= start && end <= m.End) return true;
        return false;
    }

    public static int Distance((int Start, int End) a, (int Start, int End) b) =>
        a.End <= b.Start ? b.Start - a.End : b.End <= a.Start ? a.Start - b.End : 0;

    /// <summary>Puts an amount in the contract's fields: USD in amountUsd (with the range's low end), anything else in amount + currency.</summary>
    public static Fact WithAmount(Fact fact, MoneyMention money, ArticleContext article)
    {
        var currency = money.Currency ?? article.DefaultCurrency;
        return currency == "USD"
            ? fact with { AmountUsd = money.Amount, AmountUsdLow = money.Low }
            : fact with { Amount = money.Amount, Currency = currency };
    }

    /// <summary>The period nearest the amount, more specific periods winning at equal distance.</summary>
    public static string? PeriodNear(SentenceView s, (int Start, int End) span, Func<PeriodMention, bool>? allowed = null)
    {
        PeriodMention? best = null;
        var bestScore = int.MaxValue;
        foreach (var p in s.Periods)
        {
            if (allowed is not null && !allowed(p)) continue;
            var score = Distance((p.Start, p.End), span) - p.Specificity * 10;
            if (score < bestScore) { bestScore = score; best = p; }
        }
        return best?.Value;
    }

    public static double Confidence(double baseline, params Entities.Mention?[] mentions)
    {
        var c = baseline;
        foreach (var m in mentions)
            if (m is not null) c *= m.Reliability;
        return Math.Round(Math.Clamp(c, 0.05, 0.99), 3);
    }
}

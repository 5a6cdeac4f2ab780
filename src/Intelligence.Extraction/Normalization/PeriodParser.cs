using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Normalization;

public sealed record PeriodMention(int Start, int End, string Value, int Specificity);

/// <summary>
/// Periods in the contract's vocabulary: "2026", "FY2026", "Q3 2025", "H1 2025", "9M 2025", "quarter", "annualized",
/// "cumulative to 2029".
/// A fiscal year given by its closing month ("exercice fiscal se terminant en juin") needs a reference date:
/// the fiscal year is the one whose closing month comes next after that date.
/// </summary>
public static partial class PeriodParser
{
    [GeneratedRegex(@"\b(?:FY\s?|fiscal\s+(?:year\s+)?|(?:l'|l'ann[ée]e\s+|son\s+|de\s+l')?exercice\s+(?:fiscal\s+)?|ann[ée]e\s+fiscale\s+)(?<year>(?:19|20)?\d{2})\b(?!\s*[%$€])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FiscalYearRegex();

    [GeneratedRegex(@"\b(?:exercice|ann[ée]e|fiscal\s+year)\s+(?:fiscale?\s+)?(?:qui\s+se\s+termine|se\s+terminant|clos|cl[ôo]tur[ée]|s'achevant|qui\s+s'ach[eè]ve|ending|that\s+ends|which\s+ends|ended|ends)\s+(?:le\s+\d{1,2}\s+|fin\s+|in\s+|en\s+|on\s+)?(?<month>" + Months.Pattern + @")(?:\s+(?:\d{1,2},?\s+)?(?<year>(?:19|20)\d{2}))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FiscalYearEndRegex();

    [GeneratedRegex(@"\b(?:(?:Q|T)(?<q>[1-4])\s?(?:de\s+|of\s+)?(?<year>(?:19|20)\d{2})|(?<qw>first|second|third|fourth|premier|1er|deuxi[èe]me|second|troisi[èe]me|quatri[èe]me|2e|3e|4e)\s+(?:quarter|trimestre)\s+(?:de\s+|of\s+|fiscal\s+|de\s+l'exercice\s+)?(?<year>(?:19|20)\d{2}))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex QuarterRegex();

    [GeneratedRegex(@"\b(?:H(?<h>[12])\s?(?:de\s+|of\s+)?(?<year>(?:19|20)\d{2})|(?<hw>first|second|premier|1er|deuxi[èe]me|second|2e)[\s-]+(?:half|semestre)\s+(?:de\s+|of\s+|fiscal\s+|de\s+l'exercice\s+)?(?<year>(?:19|20)\d{2})|(?<nine>nine|9|neuf)\s+(?:first\s+|premiers\s+)?months\s+(?:of\s+)?(?<year>(?:19|20)\d{2})|(?<nine>neuf)\s+premiers\s+mois\s+(?:de\s+)?(?<year>(?:19|20)\d{2}))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HalfRegex();

    [GeneratedRegex(@"(?<!\bfiscal\s+)\b(?:(?<qw>first|second|third|fourth)[\s-]quarter|(?:au\s+|du\s+|le\s+)(?<qw>premier|1er|deuxi[èe]me|second|troisi[èe]me|quatri[èe]me|2e|3e|4e)\s+trimestre|(?<hw>first|second)[\s-]half|(?:au\s+|du\s+|le\s+)(?<hw>premier|1er|second|deuxi[èe]me)\s+semestre)\b(?!\s+(?:of\s+|de\s+)?(?:19|20)\d{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BarePartRegex();

    [GeneratedRegex(@"\b(?:trimestriel(?:le)?s?|quarterly|par\s+trimestre|per\s+quarter|a\s+quarter|each\s+quarter|chaque\s+trimestre|(?:au\s+cours\s+du|du|au|ce|le\s+dernier|dernier)\s+trimestre|(?:in\s+the|this|last|the\s+latest|the\s+most\s+recent)\s+quarter)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex QuarterCadenceRegex();

    [GeneratedRegex(@"\b(?:annualis[ée]e?s?|annuali[sz]ed|run[- ]rate|rythme\s+annuel)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnnualizedRegex();

    [GeneratedRegex(@"\b(?:cumul\w*|accumul\w*|cumulative\w*|au\s+total|in\s+total|combined|total)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex CumulativeRegex();

    [GeneratedRegex(@"\b(?:d'ici(?:\s+(?:à|a))?(?:\s+fin)?|jusqu'(?:en|à)|through|until|by|to|à\s+l'horizon)\s+(?<year>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex HorizonRegex();

    [GeneratedRegex(@"\b(?:en|in|for|pour|sur|durant|during|au\s+titre\s+de|of|d'ici|by)\s+(?:l'ann[ée]e\s+|l'an\s+|the\s+year\s+|the\s+full\s+year\s+|calendar\s+)?(?<year>(?:19|20)\d{2})\b(?!\s*[-/]\s*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"^\s*(?<year>(?:19|20)\d{2})\s*$")]
    private static partial Regex BareYearRegex();

    /// <summary>All periods in the sentence; higher Specificity wins when an expert must pick one.</summary>
    private static readonly System.Buffers.SearchValues<string> Keywords = System.Buffers.SearchValues.Create(
        ["trimestr", "quarter", "semestre", "half", "annuali", "run-rate", "run rate", "rythme annuel", "exercice", "fiscal"], StringComparison.OrdinalIgnoreCase);

    // Cheap necessary conditions for the fiscal-year and quarter patterns (which need lookarounds, so backtrack).
    private static readonly System.Buffers.SearchValues<string> FiscalWords =
        System.Buffers.SearchValues.Create(["fy", "fiscal", "exercice"], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<string> QuarterWords = System.Buffers.SearchValues.Create(
        ["quarter", "trimestre", "q1", "q2", "q3", "q4", "t1", "t2", "t3", "t4"], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<string> HalfWords = System.Buffers.SearchValues.Create(
        ["half", "semestre", "h1", "h2", "months", "mois"], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<string> PartWords = System.Buffers.SearchValues.Create(
        ["quarter", "trimestre", "half", "semestre"], StringComparison.OrdinalIgnoreCase);

    // Words every match of the cadence, cumulative and annualized patterns contains (case-insensitively).
    private static readonly System.Buffers.SearchValues<string> CadenceWords =
        System.Buffers.SearchValues.Create(["trimestr", "quarter"], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<string> CumulativeWords =
        System.Buffers.SearchValues.Create(["cumul", "total", "combined"], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<string> AnnualizedWords =
        System.Buffers.SearchValues.Create(["annuali", "run-rate", "run rate", "rythme"], StringComparison.OrdinalIgnoreCase);

    public static List<PeriodMention> Find(string sentence, DateOnly? reference = null)
    {
        var result = new List<PeriodMention>();
        // Every period but the cadences carries a year or a month name ("se terminant en juin").
        if (!sentence.AsSpan().ContainsAnyInRange('0', '9') && sentence.AsSpan().IndexOfAny(Keywords) < 0)
            return result;
        var mayHaveYear = Years.MayContain(sentence);
        foreach (Match m in FiscalYearEndRegex().Matches(sentence))
        {
            var month = Months.Parse(m.Groups["month"].Value) ?? 12;
            int year;
            if (m.Groups["year"].Success) year = int.Parse(m.Groups["year"].Value);
            else if (reference is { } r) year = r.Month <= month ? r.Year : r.Year + 1;
            else continue;
            result.Add(new PeriodMention(m.Index, m.Index + m.Length, $"FY{year}", 5));
        }
        if (sentence.AsSpan().IndexOfAny(FiscalWords) >= 0)
        foreach (Match m in FiscalYearRegex().Matches(sentence))
        {
            var raw = m.Groups["year"].Value;
            var year = raw.Length == 2 ? 2000 + int.Parse(raw) : int.Parse(raw);
            if (raw.Length == 2 && !m.Value.StartsWith("FY", StringComparison.OrdinalIgnoreCase)) continue;
            result.Add(new PeriodMention(m.Index, m.Index + m.Length, $"FY{year}", 5));
        }
        if (mayHaveYear && sentence.AsSpan().IndexOfAny(QuarterWords) >= 0)
        foreach (Match m in QuarterRegex().Matches(sentence))
        {
            var q = m.Groups["q"].Success ? int.Parse(m.Groups["q"].Value) : QuarterWord(m.Groups["qw"].Value);
            result.Add(new PeriodMention(m.Index, m.Index + m.Length, $"Q{q} {m.Groups["year"].Value}", 5));
        }
        // "H1 2025", "first half of 2024", "premier semestre 2025", "nine months of 2025": halves and nine months.
        if (mayHaveYear && sentence.AsSpan().IndexOfAny(HalfWords) >= 0)
        foreach (Match m in HalfRegex().Matches(sentence))
        {
            var year = m.Groups["year"].Value;
            var value = m.Groups["nine"].Success ? $"9M {year}"
                : $"H{(m.Groups["h"].Success ? m.Groups["h"].Value : HalfWord(m.Groups["hw"].Value))} {year}";
            result.Add(new PeriodMention(m.Index, m.Index + m.Length, value, 5));
        }
        // "third-quarter revenue", "au premier semestre" with no year: the last such period to have ended by the article's date.
        if (reference is { } at && sentence.AsSpan().IndexOfAny(PartWords) >= 0)
        foreach (Match m in BarePartRegex().Matches(sentence))
        {
            if (result.Any(p => p.Start <= m.Index && m.Index < p.End)) continue;
            var (prefix, number, months) = m.Groups["qw"].Success ? ("Q", QuarterWord(m.Groups["qw"].Value), 3) : ("H", HalfWord(m.Groups["hw"].Value) == "1" ? 1 : 2, 6);
            var year = at.Month >= number * months ? at.Year : at.Year - 1;
            result.Add(new PeriodMention(m.Index, m.Index + m.Length, $"{prefix}{number} {year}", 4));
        }
        var cumulative = mayHaveYear && sentence.AsSpan().ContainsAny(CumulativeWords) ? CumulativeRegex().Match(sentence) : null;
        if (cumulative is { Success: true })
        {
            foreach (Match m in HorizonRegex().Matches(sentence))
                result.Add(new PeriodMention(Math.Min(m.Index, cumulative.Index), Math.Max(m.Index + m.Length, cumulative.Index + cumulative.Length), $"cumulative to {m.Groups["year"].Value}", 4));
        }
        if (sentence.AsSpan().ContainsAny(CadenceWords))
        foreach (Match m in QuarterCadenceRegex().Matches(sentence))
            result.Add(new PeriodMention(m.Index, m.Index + m.Length, "quarter", 3));
        if (sentence.AsSpan().ContainsAny(AnnualizedWords))
        foreach (Match m in AnnualizedRegex().Matches(sentence))
            result.Add(new PeriodMention(m.Index, m.Index + m.Length, "annualized", 3));
        if (mayHaveYear)
        foreach (Match m in YearRegex().Matches(sentence))
        {
            if (result.Any(p => p.Start <= m.Index && m.Index < p.End)) continue;
            result.Add(new PeriodMention(m.Index, m.Index + m.Length, m.Groups["year"].Value, 2));
        }
        return result;
    }

    /// <summary>A table header cell that is a period by itself ("2025", "FY2025", "Q3 2025").</summary>
    public static string? FromHeader(string cell)
    {
        var bare = BareYearRegex().Match(cell);
        if (bare.Success) return bare.Groups["year"].Value;
        var found = Find(cell);
        return found.Count == 0 ? null : found.MaxBy(p => p.Specificity)!.Value;
    }

    private static string HalfWord(string word) => word.ToLowerInvariant() is "first" or "premier" or "1er" ? "1" : "2";

    private static int QuarterWord(string word) => word.ToLowerInvariant() switch
    {
        "first" or "premier" or "1er" => 1,
        "second" or "deuxième" or "deuxieme" or "2e" => 2,
        "third" or "troisième" or "troisieme" or "3e" => 3,
        _ => 4,
    };
}

using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Normalization;

/// <summary>A date the text gives, as ISO-8601 of the precision written: "2026-02-11", "2025-10".</summary>
public sealed record DateMention(int Start, int End, int Year, int? Month, int? Day)
{
    public string Iso => Month is null ? $"{Year:D4}" : Day is null ? $"{Year:D4}-{Month:D2}" : $"{Year:D4}-{Month:D2}-{Day:D2}";
}

/// <summary>"en octobre 2025", "le 11 février 2026", "in January 2026", "January 11, 2026", "11 January 2026".</summary>
public static partial class DateParser
{
    [GeneratedRegex(
        @"\b(?:(?<day>\d{1,2})(?:er|st|nd|rd|th)?\s+(?<month>" + Months.Pattern + @")\.?|(?<month>" + Months.Pattern + @")\.?(?:\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?)?)\s+(?<year>(?:19|20)\d{2})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DateRegex();

    public static List<DateMention> Find(string sentence)
    {
        var result = new List<DateMention>();
        if (!Years.MayContain(sentence) || !sentence.AsSpan().ContainsAny(Months.Pieces)) return result;
        foreach (Match m in DateRegex().Matches(sentence))
        {
            var month = Months.Parse(m.Groups["month"].Value);
            if (month is null) continue;
            var year = int.Parse(m.Groups["year"].Value);
            int? day = m.Groups["day"].Success ? int.Parse(m.Groups["day"].Value) : null;
            if (day is < 1 or > 31) day = null;
            result.Add(new DateMention(m.Index, m.Index + m.Length, year, month, day));
        }
        return result;
    }
}

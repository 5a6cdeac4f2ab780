using System.Globalization;
using System.Text.RegularExpressions;

namespace Intelligence.Ingestion.Reading;

/// <summary>Machine dates (ISO 8601, RFC 1123) and visible date lines in French and English.</summary>
internal static partial class Dates
{
    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly string[] EnglishMonths =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly Regex[] DatePatterns = [FrenchDate(), EnglishMonthFirst(), EnglishDayFirst(), NumericDate()];

    public static DateTimeOffset? ParseMachine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        // "20250312T101500Z" and "2025-03-12 10:15:00 +0100" variants seen in the wild.
        string[] formats = ["yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz00"];
        return DateTimeOffset.TryParseExact(trimmed, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out parsed) ? parsed : null;
    }

    /// <summary>"Publié le 12 mars 2025 à 10h30", "March 12, 2025", "12 March 2025 10:30". Times are taken as UTC.</summary>
    public static DateTimeOffset? ParseVisible(string text)
    {
        var fr = FrenchDate().Match(text);
        if (fr.Success && Month(fr.Groups["month"].Value) is { } frMonth)
            return Build(fr.Groups["year"].Value, frMonth, fr.Groups["day"].Value, fr.Groups["hour"].Value, fr.Groups["minute"].Value);

        var en = EnglishMonthFirst().Match(text);
        if (en.Success && Month(en.Groups["month"].Value) is { } enMonth)
            return Build(en.Groups["year"].Value, enMonth, en.Groups["day"].Value, en.Groups["hour"].Value, en.Groups["minute"].Value, en.Groups["ampm"].Value);

        var enDayFirst = EnglishDayFirst().Match(text);
        if (enDayFirst.Success && Month(enDayFirst.Groups["month"].Value) is { } dayFirstMonth)
            return Build(enDayFirst.Groups["year"].Value, dayFirstMonth, enDayFirst.Groups["day"].Value,
                enDayFirst.Groups["hour"].Value, enDayFirst.Groups["minute"].Value);
        return null;
    }

    /// <summary>
    /// A line that is only a date with its lead words: "Publié le 12 mars 2026 à 14:05 Mis à jour le 12 mars 2026 à 16:32",
    /// "Updated on January 15, 2026 at 6:00 AM UTC". A sentence that mentions a date is not one.
    /// </summary>
    public static bool IsDateLine(string text)
    {
        if (text.Length > 150) return false;
        var rest = text;
        foreach (var date in DatePatterns) rest = date.Replace(rest, " ");
        return rest.Length < text.Length && DateLineWords().IsMatch(rest);
    }

    private static int? Month(string name)
    {
        var lower = name.ToLowerInvariant().TrimEnd('.');
        var fr = Array.FindIndex(FrenchMonths, m => m == lower || (lower.Length >= 3 && m.StartsWith(lower, StringComparison.Ordinal)));
        if (fr >= 0) return fr + 1;
        var en = Array.FindIndex(EnglishMonths, m => m == lower || (lower.Length >= 3 && m.StartsWith(lower, StringComparison.Ordinal)));
        return en >= 0 ? en + 1 : null;
    }

    private static DateTimeOffset? Build(string year, int month, string day, string hour, string minute, string ampm = "")
    {
        if (!int.TryParse(year, out var y) || !int.TryParse(day, out var d)) return null;
        var h = int.TryParse(hour, out var parsedHour) ? parsedHour : 0;
        var m = int.TryParse(minute, out var parsedMinute) ? parsedMinute : 0;
        if (ampm.StartsWith('p') || ampm.StartsWith('P')) h = h % 12 + 12;
        else if ((ampm.StartsWith('a') || ampm.StartsWith('A')) && h == 12) h = 0;
        if (y < 1990 || y > 2200 || d < 1 || d > DateTime.DaysInMonth(y, month) || h > 23 || m > 59) return null;
        return new DateTimeOffset(y, month, d, h, m, 0, TimeSpan.Zero);
    }

    [GeneratedRegex(@"\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b|\b\d{1,2}[h:]\d{2}\b")]
    private static partial Regex NumericDate();

    /// <summary>What a date line holds besides its dates: lead words, time zones, separators.</summary>
    [GeneratedRegex(@"^[\W\d]*(?:(?:published|updated|posted|modified|last|on|at|le|à|a|publié|publiée|mis|jour|modifié|modifiée|actualisé|actualisée|utc|gmt|cet|cest|est|edt|pdt|pst|bst|am|pm|h)\b[\W\d]*)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateLineWords();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:er)?\s+(?<month>janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|janv\.|févr\.|sept\.|oct\.|nov\.|déc\.)\s+(?<year>\d{4})(?:\s*(?:à|a|,)?\s*(?<hour>\d{1,2})\s*[h:]\s*(?<minute>\d{2})?)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FrenchDate();

    [GeneratedRegex(@"\b(?<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t|tember|\.)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})(?:\s*(?:at|,)?\s*(?<hour>\d{1,2}):(?<minute>\d{2})\s*(?<ampm>[ap]\.?m\.?)?)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishMonthFirst();

    [GeneratedRegex(@"\b(?<day>\d{1,2})\s+(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<year>\d{4})(?:\s*(?:at|,)?\s*(?<hour>\d{1,2}):(?<minute>\d{2}))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishDayFirst();
}

using System.Globalization;
using Intelligence.Domain.Languages;

namespace Intelligence.Ingestion.Reading.Evaluation;

/// <summary>
/// Whether a reader's metadata agrees with a reference (readability-pages' expected-metadata.json). Comparisons
/// ignore case, spacing and a "By"/"Par" prefix; a byline may list the reference among others.
/// </summary>
public static class MetadataMatch
{
    /// <summary>Equal, or equal once the reference's site-name part is cut ("Story title | Site" and "Story title").</summary>
    public static bool Title(string expected, string? actual)
    {
        if (actual is null) return false;
        string e = Normalize(expected), a = Normalize(actual);
        if (a.Length == 0) return false;
        if (e == a) return true;
        return TitleSeparators.Any(separator => e.StartsWith(a + separator, StringComparison.Ordinal) || e.EndsWith(separator + a, StringComparison.Ordinal));
    }

    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " _", ": "];

    public static bool Byline(string expected, string? actual)
    {
        if (actual is null) return false;
        string e = Normalize(StripBy(expected)), a = Normalize(StripBy(actual));
        return e.Length > 0 && a.Length > 0 && (e == a || e.Contains(a, StringComparison.Ordinal) || a.Contains(e, StringComparison.Ordinal));
    }

    public static bool Language(string expected, string? actual) =>
        actual is not null && string.Equals(LanguageTags.Primary(expected), LanguageTags.Primary(actual), StringComparison.Ordinal);

    /// <summary>The same instant (to the minute); a reference with no time of day matches the same date.</summary>
    public static bool Published(string expected, DateTimeOffset? actual)
    {
        if (actual is null || !DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reference))
            return false;
        if (expected.Trim().Length <= 10) return reference.Date == actual.Value.Date;
        return Math.Abs((reference - actual.Value).TotalMinutes) < 1;
    }

    private static string Normalize(string text) => TextBlocks.Collapse(text).Trim().TrimEnd('.').ToLowerInvariant();

    private static string StripBy(string text)
    {
        var t = TextBlocks.Collapse(text);
        foreach (var prefix in new[] { "by ", "par ", "written by " })
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return t[prefix.Length..];
        return t;
    }
}

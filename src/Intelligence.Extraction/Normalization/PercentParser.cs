using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Normalization;

public sealed record PercentMention(int Start, int End, double Value);

/// <summary>"27 %", "27%", "1,1 %", "a 27 percent stake", "27 pour cent".</summary>
public static partial class PercentParser
{
    [GeneratedRegex(@"(?<![\d.,])(?<num>\d{1,3}(?:[.,]\d+)?)\s?(?:%|pour\s?cent\b|percent\b|per\s?cent\b|pct\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentRegex();

    public static List<PercentMention> Find(string sentence)
    {
        var result = new List<PercentMention>();
        if (!sentence.AsSpan().ContainsAnyInRange('0', '9')) return result;
        foreach (Match m in PercentRegex().Matches(sentence))
        {
            if (NumberParser.TryParse(m.Groups["num"].Value.Replace(',', '.'), out var value) && value <= 100)
                result.Add(new PercentMention(m.Index, m.Index + m.Length, (double)value));
        }
        return result;
    }
}

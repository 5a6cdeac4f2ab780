using System.Buffers;

namespace Intelligence.Extraction.Text;

/// <summary>French/English detection from function-word frequencies (no network, no model).</summary>
public static class LanguageDetector
{
    private static readonly HashSet<string> French = new(StringComparer.OrdinalIgnoreCase)
    {
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "pour", "que", "qui", "sur", "au", "aux",
        "avec", "pas", "ses", "son", "sa", "ce", "cette", "il", "elle", "ont", "été", "sont", "par", "plus", "mais",
        "ou", "selon", "leur", "nous", "vous", "d", "l", "qu", "chez", "entre", "depuis", "milliards", "millions",
    };

    private static readonly HashSet<string> English = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "as", "by", "its", "was", "has", "from", "are",
        "will", "it", "be", "have", "this", "at", "an", "which", "said", "were", "had", "their", "been", "would", "but",
        "not", "than", "into", "after", "billion", "million", "company", "also",
    };

    // No word longer than this is in either list: longer words skip the lookups.
    private static readonly int LongestWord = French.Concat(English).Max(w => w.Length);

    private static readonly SearchValues<char> FrenchAccents = SearchValues.Create("éèêàçùûôî");

    /// <summary>Returns "fr" or "en" (English when the text gives no evidence either way).</summary>
    public static string Detect(string text, int maxChars = 20_000)
    {
        var span = text.AsSpan(0, Math.Min(text.Length, maxChars));
        var french = 0;
        var english = 0;
        var fr = French.GetAlternateLookup<ReadOnlySpan<char>>();
        var en = English.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && !char.IsLetter(span[i])) i++;
            var start = i;
            while (i < span.Length && char.IsLetter(span[i])) i++;
            if (i == start) break;
            var word = span[start..i];
            if (word.Length > 12) continue;
            if (word.Length <= LongestWord)
            {
                if (fr.Contains(word)) french++;
                if (en.Contains(word)) english++;
            }
            if (word.ContainsAny(FrenchAccents)) french++;
        }
        return french > english ? "fr" : "en";
    }
}

using Intelligence.Ingestion.Dedup;

namespace Intelligence.Ingestion.Reading;

/// <summary>Tells French from English by counting frequent function words; "und" when neither shows.</summary>
internal static class LanguageDetector
{
    private static readonly HashSet<string> French =
    [
        "le", "la", "les", "des", "du", "un", "une", "et", "est", "dans", "pour", "que", "qui", "sur", "pas",
        "avec", "au", "aux", "ce", "cette", "ces", "il", "elle", "ils", "sont", "ont", "été", "être", "par",
        "plus", "mais", "ou", "son", "sa", "ses", "leur", "leurs", "selon", "d", "l", "qu", "n", "s", "c",
    ];

    private static readonly HashSet<string> English =
    [
        "the", "and", "of", "to", "is", "in", "that", "for", "with", "on", "was", "are", "it", "as", "by",
        "has", "have", "this", "from", "be", "at", "its", "an", "which", "said", "will", "were", "would",
        "their", "they", "but", "or", "not", "been", "he", "she", "his", "her",
    ];

    public static string Detect(string text)
    {
        int fr = 0, en = 0, seen = 0;
        foreach (var word in ArticleIdentity.Words(text))
        {
            if (French.Contains(word)) fr++;
            if (English.Contains(word)) en++;
            if (++seen >= 2000) break;
        }
        if (fr == 0 && en == 0) return "und";
        return fr > en ? "fr" : "en";
    }

    /// <summary>"fr-FR", "fr_FR", "EN" → "fr", "en"; null for blanks.</summary>
    public static string? Primary(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var primary = tag.Trim().Split('-', '_', ',', ';')[0].Trim().ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }
}

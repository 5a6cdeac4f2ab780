namespace Intelligence.Domain.Languages;

public static class LanguageTags
{
    /// <summary>The primary language of a tag as pages declare it: "fr-FR", "fr_FR", "EN" → "fr", "en"; null for blanks
    /// and for what is no language tag.</summary>
    public static string? Primary(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var primary = tag.Trim().Split('-', '_', ',', ';')[0].Trim().ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }
}

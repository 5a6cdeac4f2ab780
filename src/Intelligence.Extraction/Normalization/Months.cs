namespace Intelligence.Extraction.Normalization;

public static class Months
{
    public const string Pattern =
        "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|" +
        "january|february|march|april|may|june|july|august|september|october|november|december|" +
        "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    /// <summary>A piece of every name in <see cref="Pattern"/>, ASCII (which keeps the search vectorized) and without 'k'
    /// (a case-insensitive regex also matches the Kelvin sign for it): text with none of them names no month.</summary>
    public static readonly System.Buffers.SearchValues<string> Pieces = System.Buffers.SearchValues.Create(
        ["jan", "vrier", "feb", "mar", "avr", "apr", "mai", "may", "jui", "jun", "jul", "ao", "aug", "sep", "oct", "nov", "cembre", "dec"],
        StringComparison.OrdinalIgnoreCase);

    public static int? Parse(string name)
    {
        var n = name.ToLowerInvariant().Replace('é', 'e').Replace('û', 'u');
        if (n.Length < 3) return null;
        return n[..3] switch
        {
            "jan" => 1, "fev" or "feb" => 2, "mar" => 3, "avr" or "apr" => 4, "mai" or "may" => 5,
            "jui" => n.StartsWith("juil", StringComparison.Ordinal) ? 7 : 6,
            "jun" => 6, "jul" => 7, "aou" or "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, "dec" => 12,
            _ => null,
        };
    }
}

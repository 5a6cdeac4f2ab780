using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Experts.Financials;

/// <summary>The financial experts' cue words, read once from the embedded <c>financial-lexicon.json</c>: each list becomes
/// one regex matched case-insensitively at word boundaries.</summary>
internal static class FinancialLexicon
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static readonly Dictionary<string, string[]> Lists = Load();

    /// <summary>Every metric noun or verb, each alternative in a named group: loss, revenue, capex, other or change.</summary>
    public static readonly Regex Metric = new(
        string.Join("|", new[] { "loss", "revenue", "capex", "other", "change" }.Select(k => $@"(?<{k}>\b(?:{Alternation(k)})\b)")),
        Options);

    public static readonly Regex Comparative = Words("comparative");
    public static readonly Regex EarlierPeriod = Words("earlierPeriod");
    public static readonly Regex Estimate = Words("estimate");
    public static readonly Regex Projection = Words("projection");
    public static readonly Regex Hedge = Words("hedge");
    public static readonly Regex CapexVerb = Words("capexVerb");
    public static readonly Regex CapexAsset = Words("capexAsset");

    private static Regex Words(string list) => new($@"\b(?:{Alternation(list)})\b", Options);

    // Longer alternatives first, so "net loss" wins over "loss" and "chiffre d'affaires" over "affaires".
    private static string Alternation(string list) =>
        string.Join("|", Lists[list].OrderByDescending(p => p.Length));

    private static Dictionary<string, string[]> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Intelligence.Extraction.Experts.Financials.financial-lexicon.json")
            ?? throw new InvalidOperationException("The embedded financial lexicon is missing.");
        using var doc = JsonDocument.Parse(stream);
        var lists = new Dictionary<string, string[]>();
        foreach (var p in doc.RootElement.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Array)
                lists[p.Name] = p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
        return lists;
    }
}

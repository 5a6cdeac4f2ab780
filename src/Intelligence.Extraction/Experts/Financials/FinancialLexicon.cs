using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Experts.Financials;

/// <summary>The financial experts' cue words, read once from the embedded <c>financial-lexicon.json</c>: each list becomes
/// one regex matched case-insensitively at word boundaries.</summary>
internal static class FinancialLexicon
{
    private static readonly CueLexicon Lexicon = CueLexicon.Load("Intelligence.Extraction.Experts.Financials.financial-lexicon.json");

    /// <summary>Every metric noun or verb, each alternative in a named group: loss, revenue, capex, other or change.</summary>
    public static readonly Regex Metric = new(
        string.Join("|", new[] { "loss", "revenue", "capex", "other", "change" }.Select(k => $@"(?<{k}>\b(?:{Lexicon.Alternation(k)})\b)")),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public static readonly Regex Comparative = Lexicon.Words("comparative");
    public static readonly Regex EarlierPeriod = Lexicon.Words("earlierPeriod");
    public static readonly Regex Estimate = Lexicon.Words("estimate");
    public static readonly Regex Projection = Lexicon.Words("projection");
    public static readonly Regex Hedge = Lexicon.Words("hedge");
    public static readonly Regex CapexVerb = Lexicon.Words("capexVerb");
    public static readonly Regex CapexAsset = Lexicon.Words("capexAsset");
    /// <summary>A span of several years after an amount: "over the next five years", "sur quatre ans", "d'ici 2030".</summary>
    public static readonly Regex MultiYear = Lexicon.Words("multiYear");
}

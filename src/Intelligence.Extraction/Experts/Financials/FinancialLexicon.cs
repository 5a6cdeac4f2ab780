using System.Text.RegularExpressions;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Financials;

/// <summary>The financial experts' cue words, read once from the embedded <c>financial-lexicon.json</c>: each list becomes
/// one regex matched case-insensitively at word boundaries.</summary>
internal static class FinancialLexicon
{
    private static readonly CueLexicon Lexicon = CueLexicon.Load("Intelligence.Extraction.Experts.Financials.financial-lexicon.json");

    private static readonly string[] MetricKinds = ["loss", "revenue", "capex", "other", "change"];

    /// <summary>Every metric noun or verb, each alternative in a named group: loss, revenue, capex, other or change.
    /// Read through <see cref="Metrics"/> only: a backtracking search of the whole text would be slow.</summary>
    private static readonly Regex Metric = new(
        string.Join("|", MetricKinds.Select(k => $@"(?<{k}>\b(?:{Lexicon.Alternation(k)})\b)")),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The same words without groups, on the linear-time engine, which would read the groups in a third pass
    /// costing several times the search itself.</summary>
    private static readonly Regex AnyMetric = new(
        string.Join("|", MetricKinds.Select(k => $@"\b(?:{Lexicon.Alternation(k)})\b")),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>The sentence's metric words with their group, found by <see cref="AnyMetric"/> and read by
    /// <see cref="Metric"/> where each starts.</summary>
    public static IReadOnlyList<Match> Metrics(SentenceView s) => s.MatchesOf(Metric, AnyMetric);

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

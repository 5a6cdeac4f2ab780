using Intelligence.Extraction.Entities;

namespace Intelligence.Extraction.Pipeline;

/// <summary>What the experts know about the article as a whole.</summary>
public sealed class ArticleContext
{
    public required string OriginalText { get; init; }
    public required string Language { get; init; }
    /// <summary>The currency an amount written without one ("88,7 milliards de dépenses") is in: the article's most used.</summary>
    public string DefaultCurrency { get; init; } = "USD";
    public DateOnly? ReferenceDate { get; init; }
    public required Coreference Coreference { get; init; }
    /// <summary>Every organisation the article names, which resolves a short form an expert reads as a new name
    /// ("Stability" for Stability AI).</summary>
    public HashSet<string> OrganizationNames { get; } = new(StringComparer.Ordinal);
    /// <summary>The last acquisition stated without its price, which a following sentence may give ("Le prix est de
    /// 9 milliards de dollars"), with the index of its sentence.</summary>
    public (Intelligence.Domain.Facts.Fact Fact, int Sentence)? PendingDeal { get; set; }
    /// <summary>The company the last stake stated was in: "Ferrovial will keep a 5.25% stake" is a stake in it.</summary>
    public string? LastStakeTarget { get; set; }

    /// <summary>Every sentence view of the article, set once they are built.</summary>
    public IReadOnlyList<SentenceView> Views { get; set; } = [];

    private List<string>? _statedPeriods;

    /// <summary>How many sentences open the article (headline and lede), where the period it reports on is told.</summary>
    private const int LedeSentences = 3;

    /// <summary>The one quarter, half or fiscal year the article's opening states ("Halvex Q3 2024 results: …"), starting
    /// with <paramref name="prefix"/> ("" for any): a figure told "in the quarter", or with no period at all, is for it.
    /// Null when the opening states none or several (periods named further on are often background).</summary>
    public string? OnlyStatedPeriod(string prefix)
    {
        _statedPeriods ??= Views.Where(v => v.Sentence.Index < LedeSentences).SelectMany(v => v.Periods)
            .Where(p => p.Specificity >= 4 && !p.Value.StartsWith("cumulative", StringComparison.Ordinal))
            .Select(p => p.Value).Distinct().ToList();
        string? only = null;
        foreach (var period in _statedPeriods)
        {
            if (!period.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (only is not null) return null;
            only = period;
        }
        return only;
    }
}

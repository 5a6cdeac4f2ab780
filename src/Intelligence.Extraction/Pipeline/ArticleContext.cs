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
}

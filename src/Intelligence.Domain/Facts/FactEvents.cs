namespace Intelligence.Domain.Facts;

/// <summary>
/// One fact read from one article. FactKey is the fact's identity (type + canonical entities + bucketed value + period),
/// the same for every article that states the same fact; provenance sits in Fact.Evidence.
/// </summary>
public sealed record FactExtracted(
    Guid ArticleId,
    string FactKey,
    Fact Fact,
    string ExtractorVersion,
    DateTimeOffset? PublishedAt,
    string? Outlet,
    DateTimeOffset ExtractedAt);

/// <summary>A re-analysis with a newer extractor version no longer finds a fact this article used to state.</summary>
public sealed record FactRetracted(
    Guid ArticleId,
    string FactKey,
    IReadOnlyList<string> Companies,
    string ExtractorVersion,
    DateTimeOffset RetractedAt);

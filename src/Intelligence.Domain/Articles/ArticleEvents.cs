namespace Intelligence.Domain.Articles;

/// <summary>An article was read and stored for the first time. Stream id = ArticleId (UUID v5 of the canonical URL).
/// SimHash is the 64-bit fingerprint as 16 hex digits (a JSON number would overflow int64 readers such as pandas).</summary>
public sealed record ArticleIngested(
    Guid ArticleId,
    string Url,
    string CanonicalUrl,
    string? Outlet,
    string Title,
    string? Byline,
    DateTimeOffset? PublishedAt,
    string Language,
    string Text,
    string TextHash,
    string SimHash,
    string? SourceId,
    DateTimeOffset IngestedAt);

/// <summary>Another URL carried the same (or nearly the same) text as this article: a syndicated copy.</summary>
public sealed record ArticleCopySeen(
    Guid ArticleId,
    string CopyUrl,
    string? CopyOutlet,
    int SimHashDistance,
    DateTimeOffset SeenAt);

/// <summary>The summarizer read the article with a given extractor version.</summary>
public sealed record ArticleAnalyzed(
    Guid ArticleId,
    string ExtractorVersion,
    string Language,
    IReadOnlyList<string> Summary,
    IReadOnlyDictionary<string, ExpertRouting> Routing,
    int FactCount,
    DateTimeOffset AnalyzedAt);

/// <summary>Per expert: how many sentences the router sent to it and how many facts it produced.</summary>
public sealed record ExpertRouting(int SentencesSeen, int FactsProduced);

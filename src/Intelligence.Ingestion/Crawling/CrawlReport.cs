using Intelligence.Ingestion.Dedup;
using Intelligence.Ingestion.Reading;

namespace Intelligence.Ingestion.Crawling;

/// <summary>
/// One article read during a crawl, handed to the callback. When <see cref="CopyOf"/> is set it is a copy of an
/// article already seen (record a corroboration, not a new article with new facts).
/// </summary>
public sealed record CrawledArticle(
    string SourceId,
    Guid ArticleId,
    Uri Url,
    ReadArticle Article,
    string TextHash,
    ulong SimHash,
    DateTimeOffset FetchedAt,
    byte[] RawHtml,
    string? Charset)
{
    public ArticleCopy? CopyOf { get; init; }

    /// <summary>Title and date the feed or sitemap gave, when it gave them.</summary>
    public string? FeedTitle { get; init; }

    public DateTimeOffset? FeedPublishedAt { get; init; }
}

/// <summary>A URL the crawl did not turn into an article, and why.</summary>
public sealed record CrawlProblem(Uri Url, string Kind, string Reason);

public sealed record ReportedArticle(Guid ArticleId, Uri Url, string Title);

public sealed record ReportedCopy(Guid ArticleId, Uri Url, ArticleCopy CopyOf);

/// <summary>What one crawl of one source did.</summary>
public sealed record CrawlReport(
    string SourceId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool SourceNotModified,
    int Discovered,
    int Fetched,
    int NotModified,
    int SkippedKnown,
    IReadOnlyList<CrawlProblem> DisallowedByRobots,
    IReadOnlyList<CrawlProblem> Refused,
    IReadOnlyList<CrawlProblem> Failed,
    IReadOnlyList<ReportedArticle> Articles,
    IReadOnlyList<ReportedCopy> Copies)
{
    public override string ToString() =>
        $"{SourceId}: discovered {Discovered}{(SourceNotModified ? " (source not modified)" : "")}, fetched {Fetched}, not modified {NotModified}, " +
        $"known {SkippedKnown}, articles {Articles.Count}, copies {Copies.Count}, disallowed by robots {DisallowedByRobots.Count}, " +
        $"refused {Refused.Count}, failed {Failed.Count}";
}

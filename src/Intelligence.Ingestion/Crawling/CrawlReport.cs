namespace Intelligence.Ingestion.Crawling;

/// <summary>
/// One page fetched during a crawl, handed to the callback to be read and ingested: the text as decoded, with the
/// charset it was decoded from (BOM, HTTP header, meta charset, else UTF-8 when valid, else windows-1252).
/// </summary>
public sealed record CrawledPage(string SourceId, Uri Url, string Html, string Charset, DateTimeOffset FetchedAt)
{
    /// <summary>Title and date the feed or sitemap gave, when it gave them.</summary>
    public string? FeedTitle { get; init; }

    public DateTimeOffset? FeedPublishedAt { get; init; }
}

/// <summary>A URL the crawl did not turn into an article, and why.</summary>
public sealed record CrawlProblem(Uri Url, string Kind, string Reason);

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
    IReadOnlyList<Uri> Handed)
{
    public override string ToString() =>
        $"{SourceId}: discovered {Discovered}{(SourceNotModified ? " (source not modified)" : "")}, fetched {Fetched}, not modified {NotModified}, " +
        $"known {SkippedKnown}, handed {Handed.Count}, disallowed by robots {DisallowedByRobots.Count}, " +
        $"refused {Refused.Count}, failed {Failed.Count}";
}

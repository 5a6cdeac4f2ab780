using Intelligence.Server.Sources.Crawling;

namespace Intelligence.Server.Sources.CrawlRuns;

public enum CrawlState { Queued, Running, Completed, Failed }

/// <summary>
/// One crawl asked for through `crawlSource`: queued as a durable command, run by whichever node holds it, and kept with
/// its report. <see cref="Attempts"/> above 1 means a node stopped or died mid-crawl and the crawl was resumed (pages
/// already ingested are recognised and skipped).
/// </summary>
public sealed class CrawlRun
{
    public Guid Id { get; set; }
    public string SourceId { get; set; } = "";
    public CrawlState State { get; set; } = CrawlState.Queued;
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public CrawlSummary? Report { get; set; }
}

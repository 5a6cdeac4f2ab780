namespace Intelligence.Server.Hosting;

/// <summary>Settings shared by the server and the CLI. Environment: INTELLIGENCE_DB, INTELLIGENCE_PORT, ...</summary>
public sealed record IntelligenceOptions
{
    public required string ConnectionString { get; init; }
    public string Schema { get; init; } = "intel";
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 5080;
    /// <summary>Opens reads to anonymous callers on loopback. Off by default.</summary>
    public bool DevMode { get; init; }
    /// <summary>When false the host starts no HTTP listener (CLI commands that only need the store and the bus).</summary>
    public bool ServeHttp { get; init; } = true;
    /// <summary>Applies schema changes on start (Marten/Wolverine tables).</summary>
    public bool AutoCreateSchema { get; init; } = true;
    /// <summary>The sources file (see docs/crawling.md); null = only sources added through GraphQL.</summary>
    public string? SourcesFile { get; init; }
    /// <summary>Crawl enabled sources on their cron schedules (`intel run --crawl`).</summary>
    public bool CrawlOnSchedule { get; init; }
    public TimeSpan CrawlTick { get; init; } = TimeSpan.FromSeconds(30);
    public Intelligence.Ingestion.Fetching.FetcherOptions? Fetcher { get; init; }
    /// <summary>Summarizer settings (GPU expert off by default).</summary>
    public Intelligence.Extraction.SummarizerOptions? Summarizer { get; init; }
}

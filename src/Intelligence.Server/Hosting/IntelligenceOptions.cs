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
    /// <summary>
    /// False for one-off CLI commands: the process is not a cluster node. It registers no Wolverine node, takes no
    /// leadership, runs no durability agent, async projection daemon or scheduled-message poller, and handles no
    /// queued message; what its commands cascade is written to the durable inbox for the server (owner "any node").
    /// </summary>
    public bool ClusterNode { get; init; } = true;
    /// <summary>
    /// A node started to serve for hours (`intel run`): it compiles its message handlers ahead, in the background
    /// (<see cref="ClusterOptions.WarmUpHandlers"/>). Hosts started for a test or a benchmark skip what only pays off later.
    /// </summary>
    public bool LongRunning { get; init; }
    /// <summary>Applies schema changes on start (Marten/Wolverine tables).</summary>
    public bool AutoCreateSchema { get; init; } = true;
    /// <summary>The sources file (see docs/crawling.md); null = only sources added through GraphQL.</summary>
    public string? SourcesFile { get; init; }
    /// <summary>
    /// Directories under which sources added over GraphQL may be `file` sources (INTELLIGENCE_FILE_SOURCE_ROOTS, separated
    /// by the path separator, ':' on Linux). Empty (the default): no file source over the API; the sources file and
    /// `intel ingest file` are for operators and read anywhere.
    /// </summary>
    public IReadOnlyList<string> FileSourceRoots { get; init; } =
        (Environment.GetEnvironmentVariable("INTELLIGENCE_FILE_SOURCE_ROOTS") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    /// <summary>Crawl enabled sources on their cron schedules (`intel run --crawl`).</summary>
    public bool CrawlOnSchedule { get; init; }
    public TimeSpan CrawlTick { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Serve repeated read-only queries built from versioned documents (timelines, profiles) from memory, after checking their versions.</summary>
    public bool CacheResponses { get; init; } = true;
    /// <summary>Ingested articles analysed together, in one transaction (pipeline throughput; 1 = one at a time).</summary>
    public int AnalysisBatchSize { get; init; } = 25;
    public Intelligence.Ingestion.Fetching.FetcherOptions? Fetcher { get; init; }
    /// <summary>How handlers retry database and network faults before dead-lettering (see <see cref="TransientFaults"/>).</summary>
    public FaultRetryOptions FaultRetry { get; init; } = new();
    /// <summary>Node health and takeover timings; configuration section "Cluster" overrides them.</summary>
    public ClusterOptions Cluster { get; init; } = new();
    /// <summary>Summarizer settings (GPU expert off by default; see <see cref="GpuFromEnvironment"/>).</summary>
    public Intelligence.Extraction.SummarizerOptions? Summarizer { get; init; } = GpuFromEnvironment();

    /// <summary>
    /// The optional GPU expert, from INTELLIGENCE_GPU_ENDPOINT (OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1),
    /// INTELLIGENCE_GPU_MODEL, INTELLIGENCE_GPU_KEY and INTELLIGENCE_GPU_MODE (none | low-confidence | all; default low-confidence
    /// when an endpoint is set). Without an endpoint the CPU experts work alone.
    /// </summary>
    public static Intelligence.Extraction.SummarizerOptions? GpuFromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable("INTELLIGENCE_GPU_ENDPOINT");
        if (string.IsNullOrWhiteSpace(endpoint)) return null;
        var gpu = new Intelligence.Extraction.Gpu.GpuExpertOptions
        {
            Endpoint = new Uri(endpoint),
            Mode = Intelligence.Extraction.Gpu.GpuExpertOptions.ParseMode(Environment.GetEnvironmentVariable("INTELLIGENCE_GPU_MODE") ?? "low-confidence"),
            ApiKey = Environment.GetEnvironmentVariable("INTELLIGENCE_GPU_KEY"),
        };
        if (Environment.GetEnvironmentVariable("INTELLIGENCE_GPU_MODEL") is { Length: > 0 } model) gpu = gpu with { Model = model };
        return new Intelligence.Extraction.SummarizerOptions { Gpu = gpu };
    }
}

namespace Intelligence.Ingestion.Fetching;

/// <summary>Limits and manners of the fetcher. Defaults suit crawling public news sites.</summary>
public sealed record FetcherOptions
{
    public const string DefaultUserAgent = "IntelligenceBot/1.0 (+https://github.com/intelligence-news/intelligence/blob/main/docs/crawling.md)";

    /// <summary>Names the project and a page explaining the crawler and how to reach its operators.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>The product token matched against robots.txt user-agent lines.</summary>
    public string RobotsProductToken { get; init; } = "IntelligenceBot";

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per attempt, from sending the request to receiving the response headers.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Reading the whole body, after the headers arrived.</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes on the wire (compressed).</summary>
    public long MaxResponseBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Bytes after decompression; a gzip bomb stops here.</summary>
    public long MaxDecompressedBytes { get; init; } = 20 * 1024 * 1024;

    public int MaxRedirects { get; init; } = 5;

    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A Retry-After longer than this is not waited for: the fetch fails and reports it.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Circuit breaker per host: opens at this failure ratio over <see cref="BreakerSamplingDuration"/>.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    public int BreakerMinimumThroughput { get; init; } = 10;

    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Delay between two requests to one host when neither the source nor robots.txt ask for more.</summary>
    public TimeSpan DefaultHostDelay { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxConcurrencyPerHost { get; init; } = 2;

    public int MaxConcurrency { get; init; } = 16;

    public TimeSpan RobotsCacheDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long a host whose robots.txt answered 5xx or could not be reached is treated as fully disallowed.</summary>
    public TimeSpan RobotsUnreachableRetry { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>robots.txt bytes parsed; RFC 9309 asks crawlers to read at least 500 KiB.</summary>
    public int MaxRobotsBytes { get; init; } = 512 * 1024;
}

namespace Intelligence.Ingestion.Fetching;

/// <summary>A URL could not be fetched; <see cref="Exception.Message"/> says why in words a log reader understands.</summary>
public abstract class FetchException : Exception
{
    protected FetchException(Uri url, string message, Exception? inner = null) : base(message, inner) => Url = url;

    public Uri Url { get; }
}

public enum RefusalReason
{
    /// <summary>The host resolved to a loopback, private, link-local, multicast or metadata address not on the source's allow-list.</summary>
    PrivateAddress,

    /// <summary>robots.txt disallows the URL for our user agent.</summary>
    DisallowedByRobots,

    /// <summary>Not an http(s) URL (file:, ftp:, javascript:…).</summary>
    UnsupportedScheme,
}

/// <summary>The crawler refused to make the request at all (SSRF guard, robots.txt, scheme).</summary>
public sealed class FetchRefusedException(Uri url, RefusalReason reason, string message, Exception? inner = null)
    : FetchException(url, message, inner)
{
    public RefusalReason Reason { get; } = reason;
}

public enum FetchFailure
{
    HttpStatus,
    Timeout,
    TooLarge,
    DecompressionBomb,
    UnsupportedContentType,
    TooManyRedirects,
    RedirectLoop,
    Network,
    CircuitOpen,
}

/// <summary>The request was made (or attempted) and did not yield a usable body.</summary>
public sealed class FetchFailedException(Uri url, FetchFailure failure, string message, Exception? inner = null)
    : FetchException(url, message, inner)
{
    public FetchFailure Failure { get; } = failure;

    public int? StatusCode { get; init; }

    /// <summary>Retry-After sent with a 429/503 that was too far away to wait for.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

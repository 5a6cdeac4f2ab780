using Intelligence.Ingestion.Safety;

namespace Intelligence.Ingestion.Fetching;

/// <summary>What kind of body a fetch expects; anything else is refused by the content-type check.</summary>
public enum ExpectedContent
{
    Html,

    /// <summary>RSS, Atom, sitemaps (also gzip-compressed .xml.gz).</summary>
    Xml,

    Any,
}

public sealed record FetchRequest(Uri Url, ExpectedContent Expect = ExpectedContent.Html)
{
    /// <summary>Private addresses this request may reach (from its source); none by default.</summary>
    public PrivateAddressAllowList AllowPrivate { get; init; } = PrivateAddressAllowList.None;

    /// <summary>Minimum delay between requests to the host; robots.txt crawl-delay can raise it, never lower it.</summary>
    public TimeSpan? HostDelay { get; init; }

    /// <summary>Send the validators remembered for this URL, so an unchanged resource costs a 304.</summary>
    public bool Conditional { get; init; } = true;
}

public sealed record FetchResult(
    Uri RequestedUrl,
    Uri FinalUrl,
    int StatusCode,
    bool NotModified,
    string? MediaType,
    string? Charset,
    byte[] Body,
    string Text,
    DateTimeOffset FetchedAt)
{
    public string? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public int Redirects { get; init; }
}

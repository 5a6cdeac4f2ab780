using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Intelligence.Ingestion.Robots;
using Intelligence.Ingestion.Safety;
using Microsoft.Extensions.Http.Resilience;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Intelligence.Ingestion.Fetching;

/// <summary>
/// The one way the crawler touches the web: robots.txt first, politeness per host, SSRF check at connect time,
/// resilience (retries, Retry-After, breaker per host), manual redirects with a limit, conditional GET,
/// size/decompression caps and charset decoding. Thread-safe; keep one per process.
/// </summary>
public sealed class Fetcher : IDisposable
{
    private readonly FetcherOptions _options;
    private readonly IConditionalGetStore _conditionalGets;
    private readonly TimeProvider _time;
    private readonly NetworkAccess _network;
    private readonly ResiliencePipelines _resilience;
    private readonly HostPoliteness _politeness;
    private readonly RobotsCache _robots;
    // One connection pool per allow-list, so a connection opened for a source allowed to reach a private
    // address is never reused by a request from a source that is not.
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _invokers = new(StringComparer.Ordinal);

    public Fetcher(FetcherOptions? options = null, IConditionalGetStore? conditionalGets = null, TimeProvider? time = null, NetworkAccess? network = null)
    {
        _options = options ?? new FetcherOptions();
        _conditionalGets = conditionalGets ?? new InMemoryConditionalGetStore();
        _time = time ?? TimeProvider.System;
        _network = network ?? NetworkAccess.Default;
        _resilience = new ResiliencePipelines(_options);
        _politeness = new HostPoliteness(_options.MaxConcurrencyPerHost, _options.MaxConcurrency, _time);
        _robots = new RobotsCache(_time);
    }

    public FetcherOptions Options => _options;

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var url = RequireHttp(request.Url);
        var validators = request.Conditional ? await _conditionalGets.GetAsync(url, cancellationToken) : null;
        var seen = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };

        for (var hop = 0; ; hop++)
        {
            var robots = await RobotsAsync(url, request.AllowPrivate, cancellationToken);
            if (!robots.IsAllowed(_options.RobotsProductToken, url))
                throw new FetchRefusedException(url, RefusalReason.DisallowedByRobots,
                    $"robots.txt of {url.GetLeftPart(UriPartial.Authority)} disallows {url} for {_options.RobotsProductToken}; not fetched.");

            var delay = Max(request.HostDelay ?? _options.DefaultHostDelay, robots.CrawlDelay(_options.RobotsProductToken) ?? TimeSpan.Zero);
            using var lease = await _politeness.EnterAsync(url.Authority, delay, cancellationToken);
            using var response = await SendAsync(url, request.AllowPrivate, request.Expect, hop == 0 ? validators : null, cancellationToken);

            if (RedirectTarget(response, url) is { } next)
            {
                if (hop >= _options.MaxRedirects)
                    throw new FetchFailedException(request.Url, FetchFailure.TooManyRedirects,
                        $"{request.Url} redirected more than {_options.MaxRedirects} times (last to {next}); gave up.");
                if (!seen.Add(next.AbsoluteUri))
                    throw new FetchFailedException(request.Url, FetchFailure.RedirectLoop,
                        $"{request.Url} is a redirect loop: {url} sends back to {next}.");
                url = RequireHttp(next);
                continue;
            }

            var fetchedAt = _time.GetUtcNow();
            if (response.StatusCode == HttpStatusCode.NotModified)
                return new FetchResult(request.Url, url, 304, true, null, null, [], "", fetchedAt) { Redirects = hop };

            if (!response.IsSuccessStatusCode)
                throw StatusFailure(url, response);

            var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
            CheckContentType(url, mediaType, request.Expect);
            var body = await BodyReader.ReadAsync(response, url, _options, cancellationToken);
            if (request.Expect == ExpectedContent.Xml) body = await BodyReader.GunzipIfCompressedAsync(body, url, _options, cancellationToken);
            var (text, encoding) = Fetching.Charset.Decode(body, response.Content.Headers.ContentType?.CharSet);

            var etag = response.Headers.ETag?.ToString();
            var lastModified = response.Content.Headers.LastModified;
            if (etag is not null || lastModified is not null)
                await _conditionalGets.SetAsync(request.Url, new ConditionalGetState(etag, lastModified), cancellationToken);

            return new FetchResult(request.Url, url, (int)response.StatusCode, false, mediaType, encoding.WebName, body, text, fetchedAt)
            {
                ETag = etag,
                LastModified = lastModified,
                Redirects = hop,
            };
        }
    }

    /// <summary>The robots.txt rules that apply to <paramref name="url"/>'s host (cached).</summary>
    public Task<RobotsTxt> RobotsAsync(Uri url, PrivateAddressAllowList allowPrivate, CancellationToken cancellationToken) =>
        _robots.GetAsync(url, (robotsUrl, ct) => LoadRobotsAsync(robotsUrl, allowPrivate, ct), cancellationToken);

    private async Task<RobotsEntry> LoadRobotsAsync(Uri robotsUrl, PrivateAddressAllowList allowPrivate, CancellationToken cancellationToken)
    {
        var origin = robotsUrl.GetLeftPart(UriPartial.Authority);
        var now = _time.GetUtcNow();
        var unreachable = new RobotsEntry(RobotsTxt.DisallowAll, now + _options.RobotsUnreachableRetry, origin);
        var url = robotsUrl;
        try
        {
            for (var hop = 0; hop <= 5; hop++)
            {
                using var lease = await _politeness.EnterAsync(url.Authority, _options.DefaultHostDelay, cancellationToken);
                using var response = await SendAsync(url, allowPrivate, ExpectedContent.Any, null, cancellationToken);
                if (RedirectTarget(response, url) is { } next)
                {
                    url = RequireHttp(next);
                    continue;
                }
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    var body = await BodyReader.ReadAsync(response, url, _options, cancellationToken);
                    var (text, _) = Fetching.Charset.Decode(body.AsSpan(0, Math.Min(body.Length, _options.MaxRobotsBytes)), response.Content.Headers.ContentType?.CharSet);
                    return new RobotsEntry(RobotsTxt.Parse(text), now + _options.RobotsCacheDuration, origin);
                }
                // RFC 9309 §2.3.1.3: "unavailable" (4xx) allows everything; 429 is treated like a server error.
                if (status is >= 400 and < 500 and not 429)
                    return new RobotsEntry(RobotsTxt.AllowAll, now + _options.RobotsCacheDuration, origin);
                return unreachable;
            }
            return new RobotsEntry(RobotsTxt.AllowAll, now + _options.RobotsCacheDuration, origin);
        }
        catch (FetchFailedException)
        {
            return unreachable;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, PrivateAddressAllowList allowPrivate, ExpectedContent expect,
        ConditionalGetState? validators, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        request.Headers.Accept.ParseAdd(expect switch
        {
            ExpectedContent.Html => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            ExpectedContent.Xml => "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
            _ => "*/*",
        });
        request.Headers.AcceptLanguage.ParseAdd("en,fr;q=0.9");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var parsedTag))
            request.Headers.IfNoneMatch.Add(parsedTag);
        if (validators?.LastModified is { } lastModified)
            request.Headers.IfModifiedSince = lastModified;

        try
        {
            return await Invoker(allowPrivate).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refusal)
        {
            throw new FetchRefusedException(url, refusal.Reason, refusal.Message, e);
        }
        catch (FetchRefusedException)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            throw new FetchFailedException(url, FetchFailure.Timeout,
                $"{url} sent no response headers within {_options.HeadersTimeout.TotalSeconds:0.###} s (after {_options.MaxRetries + 1} attempts).", e);
        }
        catch (BrokenCircuitException e)
        {
            throw new FetchFailedException(url, FetchFailure.CircuitOpen,
                $"Requests to {url.Authority} are paused: too many recent failures opened its circuit breaker.", e);
        }
        catch (HttpRequestException e)
        {
            throw new FetchFailedException(url, FetchFailure.Network, $"Could not fetch {url}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException(url, FetchFailure.Timeout,
                $"Could not connect to {url.Authority} within {_options.ConnectTimeout.TotalSeconds:0.###} s.", e);
        }
    }

    private HttpMessageInvoker Invoker(PrivateAddressAllowList allowPrivate) =>
        _invokers.GetOrAdd(allowPrivate.Key, _ =>
        {
            var guard = new ConnectGuard(allowPrivate, _network);
            var sockets = EgressHandler.Create(guard, _options.ConnectTimeout);
            sockets.AutomaticDecompression = DecompressionMethods.None;
            sockets.MaxResponseHeadersLength = 64;
            return new HttpMessageInvoker(new ResilienceHandler(_resilience.For) { InnerHandler = sockets });
        });

    private static FetchRefusedException? FindRefusal(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
            if (current is FetchRefusedException refusal) return refusal;
        return null;
    }

    private static Uri? RedirectTarget(HttpResponseMessage response, Uri from)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308)) return null;
        var location = response.Headers.Location;
        if (location is null) return null;
        return location.IsAbsoluteUri ? location : new Uri(from, location);
    }

    private FetchFailedException StatusFailure(Uri url, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter.Of(response, _time.GetUtcNow());
        var message = $"{url} answered HTTP {status} {response.ReasonPhrase}"
            + (retryAfter is { } wait ? $" (Retry-After {wait.TotalSeconds:0} s, longer than we wait)." : ".");
        return new FetchFailedException(url, FetchFailure.HttpStatus, message) { StatusCode = status, RetryAfter = retryAfter };
    }

    private static void CheckContentType(Uri url, string? mediaType, ExpectedContent expect)
    {
        if (mediaType is null || expect == ExpectedContent.Any) return;
        var ok = expect switch
        {
            ExpectedContent.Html => mediaType is "text/html" or "application/xhtml+xml",
            ExpectedContent.Xml => mediaType.Contains("xml") || mediaType is "text/plain" or "application/x-gzip" or "application/gzip" or "application/octet-stream",
            _ => true,
        };
        if (!ok)
            throw new FetchFailedException(url, FetchFailure.UnsupportedContentType,
                $"{url} returned '{mediaType}', not {(expect == ExpectedContent.Html ? "HTML" : "XML")}; skipped.");
    }

    private static Uri RequireHttp(Uri url)
    {
        if (url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)) return url;
        throw new FetchRefusedException(url, RefusalReason.UnsupportedScheme, $"Refused {url}: only http and https URLs are fetched.");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public void Dispose()
    {
        foreach (var invoker in _invokers.Values) invoker.Dispose();
        _invokers.Clear();
    }
}

using System.Collections.Concurrent;
using Intelligence.Ingestion.Dedup;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intelligence.Ingestion.Crawling;

public sealed record CrawlOptions
{
    /// <summary>Article pages fetched at once for one source (per-host limits in the fetcher still apply).</summary>
    public int MaxParallel { get; init; } = 4;

    /// <summary>Lets the caller skip URLs it already ingested (by normalized-URL article id), so they are not fetched again.</summary>
    public Func<Guid, CancellationToken, ValueTask<bool>>? IsKnown { get; init; }
}

/// <summary>
/// Crawls one source: discover URLs, fetch each politely, decode it, hand the page to the callback, and report what
/// happened to every URL. Reading and dedup are the callback's (the one ingest path), not the crawler's.
/// Callbacks run one at a time, in completion order, so each sees what the previous ones stored.
/// </summary>
public sealed class Crawler(Fetcher fetcher, TimeProvider? time = null, ILogger<Crawler>? logger = null)
{
    private readonly SourceDiscovery _discovery = new(fetcher);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _log = (ILogger?)logger ?? NullLogger.Instance;

    public async Task<CrawlReport> CrawlAsync(
        SourceDefinition source,
        Func<CrawledPage, CancellationToken, Task> onPage,
        CancellationToken cancellationToken,
        CrawlOptions? options = null)
    {
        options ??= new CrawlOptions();
        var run = new Run(source, _time.GetUtcNow());

        Discovery discovery;
        try
        {
            discovery = await _discovery.DiscoverAsync(source, cancellationToken);
        }
        catch (Exception e) when (e is FetchException or DiscoveryException)
        {
            run.Problem(source.Url ?? new Uri(Path.GetFullPath(source.Path ?? ".")), e);
            _log.LogWarning("Source {Source} could not be discovered: {Reason}", source.Id, e.Message);
            return run.Report(_time.GetUtcNow(), notModified: false, discovered: 0);
        }

        var callbackGate = new SemaphoreSlim(1, 1);
        await Parallel.ForEachAsync(discovery.Links,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallel), CancellationToken = cancellationToken },
            async (link, ct) =>
            {
                var page = await TakeAsync(run, link, options, ct);
                if (page is null) return;
                await callbackGate.WaitAsync(ct);
                try
                {
                    await onPage(page, ct);
                    run.Handed(page.Url);
                }
                finally
                {
                    callbackGate.Release();
                }
            });

        var report = run.Report(_time.GetUtcNow(), discovery.NotModified, discovery.Links.Count);
        _log.LogInformation("Crawl {Report}", report.ToString());
        return report;
    }

    private async Task<CrawledPage?> TakeAsync(Run run, DiscoveredLink link, CrawlOptions options, CancellationToken ct)
    {
        try
        {
            if (link.Url.IsFile)
            {
                var (text, encoding) = Charset.Decode(await File.ReadAllBytesAsync(link.Url.LocalPath, ct), headerCharset: null);
                return Page(run, link, link.Url, text, encoding.WebName, _time.GetUtcNow());
            }

            if (options.IsKnown is { } isKnown && await isKnown(ArticleIdentity.FromUrl(link.Url.AbsoluteUri), ct))
            {
                Interlocked.Increment(ref run.SkippedKnown);
                return null;
            }

            var fetched = await fetcher.FetchAsync(new FetchRequest(link.Url, ExpectedContent.Html)
            {
                AllowPrivate = run.Source.AllowPrivateAddresses,
                HostDelay = run.Source.HostDelay,
            }, ct);
            Interlocked.Increment(ref run.Fetched);
            if (fetched.NotModified)
            {
                Interlocked.Increment(ref run.NotModified);
                return null;
            }
            return Page(run, link, fetched.FinalUrl, fetched.Text, fetched.Charset!, fetched.FetchedAt);
        }
        catch (Exception e) when (e is FetchException or IOException or UnauthorizedAccessException)
        {
            run.Problem(link.Url, e);
            if (e is FetchRefusedException { Reason: RefusalReason.DisallowedByRobots })
                _log.LogInformation("Not fetched, robots.txt disallows: {Url}", link.Url);
            else
                _log.LogWarning("Skipped {Url}: {Reason}", link.Url, e.Message);
            return null;
        }
    }

    private static CrawledPage Page(Run run, DiscoveredLink link, Uri url, string text, string charset, DateTimeOffset fetchedAt) =>
        new(run.Source.Id, url, text, charset, fetchedAt)
        {
            FeedTitle = link.Title,
            FeedPublishedAt = link.PublishedAt,
        };

    private sealed class Run(SourceDefinition source, DateTimeOffset startedAt)
    {
        public int Fetched;
        public int NotModified;
        public int SkippedKnown;
        private readonly ConcurrentQueue<CrawlProblem> _disallowed = new();
        private readonly ConcurrentQueue<CrawlProblem> _refused = new();
        private readonly ConcurrentQueue<CrawlProblem> _failed = new();
        private readonly ConcurrentQueue<Uri> _handed = new();

        public SourceDefinition Source { get; } = source;

        public void Problem(Uri url, Exception e)
        {
            switch (e)
            {
                case FetchRefusedException { Reason: RefusalReason.DisallowedByRobots } refused:
                    _disallowed.Enqueue(new CrawlProblem(url, "robots", refused.Message));
                    break;
                case FetchRefusedException refused:
                    _refused.Enqueue(new CrawlProblem(url, refused.Reason.ToString(), refused.Message));
                    break;
                case FetchFailedException failed:
                    _failed.Enqueue(new CrawlProblem(url, failed.Failure.ToString(), failed.Message));
                    break;
                default:
                    _failed.Enqueue(new CrawlProblem(url, e.GetType().Name, e.Message));
                    break;
            }
        }

        public void Handed(Uri url) => _handed.Enqueue(url);

        public CrawlReport Report(DateTimeOffset finishedAt, bool notModified, int discovered) => new(
            Source.Id, startedAt, finishedAt, notModified, discovered, Fetched, NotModified, SkippedKnown,
            [.. _disallowed], [.. _refused], [.. _failed], [.. _handed]);
    }
}

using System.Collections.Concurrent;
using Intelligence.Ingestion.Dedup;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Reading;
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

    /// <summary>Dedup memory; pass a longer-lived one to dedup across runs and sources. A fresh one per run by default.</summary>
    public DuplicateIndex? Duplicates { get; init; }
}

/// <summary>
/// Crawls one source: discover URLs, fetch each politely, read the article, dedup, hand it to the callback,
/// and report what happened to every URL. Callbacks run one at a time, in completion order.
/// </summary>
public sealed class Crawler(Fetcher fetcher, TimeProvider? time = null, ILogger<Crawler>? logger = null)
{
    private readonly SourceDiscovery _discovery = new(fetcher);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _log = (ILogger?)logger ?? NullLogger.Instance;

    public async Task<CrawlReport> CrawlAsync(
        SourceDefinition source,
        Func<CrawledArticle, CancellationToken, Task> onArticle,
        CancellationToken cancellationToken,
        CrawlOptions? options = null)
    {
        options ??= new CrawlOptions();
        var run = new Run(source, _time.GetUtcNow(), options.Duplicates ?? new DuplicateIndex());

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
                var article = await TakeAsync(run, link, options, ct);
                if (article is null) return;
                await callbackGate.WaitAsync(ct);
                try
                {
                    var copy = run.Duplicates.CheckAndAdd(article.ArticleId, article.Url.AbsoluteUri, article.TextHash, article.SimHash, article.Article.Text);
                    var handed = article with { CopyOf = copy };
                    await onArticle(handed, ct);
                    run.Took(handed);
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

    private async Task<CrawledArticle?> TakeAsync(Run run, DiscoveredLink link, CrawlOptions options, CancellationToken ct)
    {
        try
        {
            if (link.Url.IsFile) return Read(run, link, await File.ReadAllBytesAsync(link.Url.LocalPath, ct), null, link.Url, _time.GetUtcNow());

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
            return Read(run, link, fetched.Body, fetched.Text, fetched.FinalUrl, fetched.FetchedAt, fetched.Charset);
        }
        catch (Exception e) when (e is FetchException or ArticleReadException or IOException or UnauthorizedAccessException)
        {
            run.Problem(link.Url, e);
            if (e is FetchRefusedException { Reason: RefusalReason.DisallowedByRobots })
                _log.LogInformation("Not fetched, robots.txt disallows: {Url}", link.Url);
            else
                _log.LogWarning("Skipped {Url}: {Reason}", link.Url, e.Message);
            return null;
        }
    }

    private static CrawledArticle Read(Run run, DiscoveredLink link, byte[] raw, string? text, Uri url, DateTimeOffset fetchedAt, string? charset = null)
    {
        if (text is null)
        {
            var decoded = Charset.Decode(raw, null);
            text = decoded.Text;
            charset = decoded.Encoding.WebName;
        }
        var article = ArticleReader.Read(text, url.IsFile ? null : url);
        if (article.Language == "und" && run.Source.Language is { } hint) article = article with { Language = hint };
        return new CrawledArticle(run.Source.Id, IdentityOf(article, url), url, article,
            ArticleIdentity.TextHash(article.Text), ArticleIdentity.SimHash(article.Text), fetchedAt, raw, charset)
        {
            FeedTitle = link.Title,
            FeedPublishedAt = link.PublishedAt,
        };
    }

    /// <summary>
    /// The canonical URL names the article only when it stays on the same site: a page claiming another site's
    /// URL as canonical must not take over that article's identity.
    /// </summary>
    internal static Guid IdentityOf(ReadArticle article, Uri fetchedUrl)
    {
        if (fetchedUrl.IsFile) return ArticleIdentity.FromUrl(article.CanonicalUrl ?? fetchedUrl.AbsoluteUri);
        if (article.CanonicalUrl is { } canonical && Uri.TryCreate(canonical, UriKind.Absolute, out var canonicalUrl)
            && SameSite(canonicalUrl.Host, fetchedUrl.Host))
            return ArticleIdentity.FromUrl(canonical);
        return ArticleIdentity.FromUrl(fetchedUrl.AbsoluteUri);
    }

    private static bool SameSite(string a, string b) =>
        string.Equals(StripWww(a), StripWww(b), StringComparison.OrdinalIgnoreCase);

    private static string StripWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    private sealed class Run(SourceDefinition source, DateTimeOffset startedAt, DuplicateIndex duplicates)
    {
        public int Fetched;
        public int NotModified;
        public int SkippedKnown;
        private readonly ConcurrentQueue<CrawlProblem> _disallowed = new();
        private readonly ConcurrentQueue<CrawlProblem> _refused = new();
        private readonly ConcurrentQueue<CrawlProblem> _failed = new();
        private readonly ConcurrentQueue<ReportedArticle> _articles = new();
        private readonly ConcurrentQueue<ReportedCopy> _copies = new();

        public SourceDefinition Source { get; } = source;

        public DuplicateIndex Duplicates { get; } = duplicates;

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
                case ArticleReadException:
                    _failed.Enqueue(new CrawlProblem(url, "Unreadable", e.Message));
                    break;
                default:
                    _failed.Enqueue(new CrawlProblem(url, e.GetType().Name, e.Message));
                    break;
            }
        }

        public void Took(CrawledArticle article)
        {
            if (article.CopyOf is { } copy) _copies.Enqueue(new ReportedCopy(article.ArticleId, article.Url, copy));
            else _articles.Enqueue(new ReportedArticle(article.ArticleId, article.Url, article.Article.Title));
        }

        public CrawlReport Report(DateTimeOffset finishedAt, bool notModified, int discovered) => new(
            Source.Id, startedAt, finishedAt, notModified, discovered, Fetched, NotModified, SkippedKnown,
            [.. _disallowed], [.. _refused], [.. _failed], [.. _articles], [.. _copies]);
    }
}

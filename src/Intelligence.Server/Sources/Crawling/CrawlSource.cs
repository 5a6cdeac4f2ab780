using Intelligence.Ingestion.Crawling;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Sources.Catalog;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Intelligence.Server.Sources.Crawling;

/// <summary>Crawl one source now: discover, fetch politely, ingest each new article.</summary>
public sealed record CrawlSource(string SourceId);

public sealed record CrawlOutcome(string SourceId, bool Found, CrawlSummary? Summary);

/// <summary>The last crawl of a source, as shown by GraphQL `sources` and the CLI.</summary>
public sealed class CrawlSummary
{
    public string Id { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public int Discovered { get; set; }
    public int Fetched { get; set; }
    public int NotModified { get; set; }
    public int Ingested { get; set; }
    public int Copies { get; set; }
    public List<string> DisallowedByRobots { get; set; } = [];
    public List<string> Refused { get; set; } = [];
    public List<string> Failed { get; set; } = [];

    public override string ToString() =>
        $"{Id}: discovered {Discovered}, fetched {Fetched}, not modified {NotModified}, ingested {Ingested}, copies {Copies}, " +
        $"disallowed by robots {DisallowedByRobots.Count}, refused {Refused.Count}, failed {Failed.Count}";
}

public static class CrawlSourceHandler
{
    // No session parameter on purpose: a crawl is long and each article commits on its own (through IngestArticle).
    public static async Task<CrawlOutcome> Handle(CrawlSource command, SourceCatalog catalog, Crawler crawler, IMessageBus bus,
        IDocumentStore store, ILogger<CrawlSource> log, CancellationToken ct)
    {
        var source = await catalog.Find(command.SourceId, ct);
        if (source is null) return new CrawlOutcome(command.SourceId, false, null);

        var ingested = 0;
        var report = await crawler.CrawlAsync(source, async (article, token) =>
        {
            var result = await bus.InvokeAsync<IngestResult>(
                new IngestArticle(article.Url.AbsoluteUri, System.Text.Encoding.UTF8.GetString(article.RawHtml), source.Id), token);
            if (result.Outcome == IngestOutcome.Ingested) ingested++;
            if (result.Outcome == IngestOutcome.Unreadable) log.LogInformation("{Url}: {Problem}", article.Url, result.Problem);
        }, ct, new CrawlOptions
        {
            IsKnown = async (id, token) =>
            {
                await using var session = store.QuerySession();
                return await session.LoadAsync<ArticleView>(id, token) is not null;
            },
        });

        var summary = Summarize(report, ingested);
        foreach (var problem in report.DisallowedByRobots) log.LogInformation("robots.txt disallows {Url}: {Reason}", problem.Url, problem.Reason);
        log.LogInformation("Crawled {Summary}", summary);
        await using (var session = store.LightweightSession())
        {
            session.Store(summary);
            await session.SaveChangesAsync(ct);
        }
        return new CrawlOutcome(source.Id, true, summary);
    }

    private static CrawlSummary Summarize(CrawlReport report, int ingested) => new()
    {
        Id = report.SourceId,
        StartedAt = report.StartedAt,
        FinishedAt = report.FinishedAt,
        Discovered = report.Discovered,
        Fetched = report.Fetched,
        NotModified = report.NotModified,
        Ingested = ingested,
        Copies = report.Copies.Count,
        DisallowedByRobots = [.. report.DisallowedByRobots.Select(p => $"{p.Url} ({p.Reason})")],
        Refused = [.. report.Refused.Select(p => $"{p.Url} ({p.Reason})")],
        Failed = [.. report.Failed.Select(p => $"{p.Url} ({p.Kind}: {p.Reason})")],
    };
}

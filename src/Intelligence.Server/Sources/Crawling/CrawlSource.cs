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

        var ingest = new IngestTally();
        var report = await crawler.CrawlAsync(source, async (page, token) =>
        {
            var result = await bus.InvokeAsync<IngestResult>(IngestArticle.Of(page, source.Language), token);
            ingest.Add(page.Url, result);
            if (result.Outcome == IngestOutcome.Unreadable) log.LogInformation("{Url}: {Problem}", page.Url, result.Problem);
        }, ct, new CrawlOptions
        {
            IsKnown = async (id, token) =>
            {
                await using var session = store.QuerySession();
                return await session.LoadAsync<ArticleView>(id, token) is not null;
            },
        });

        var summary = Summarize(report, ingest);
        foreach (var problem in report.DisallowedByRobots) log.LogInformation("robots.txt disallows {Url}: {Reason}", problem.Url, problem.Reason);
        log.LogInformation("Crawled {Summary}", summary);
        await using (var session = store.LightweightSession())
        {
            session.Store(summary);
            await session.SaveChangesAsync(ct);
        }
        return new CrawlOutcome(source.Id, true, summary);
    }

    /// <summary>What the ingest path made of the pages a crawl handed it.</summary>
    private sealed class IngestTally
    {
        public int Ingested { get; private set; }
        public int Copies { get; private set; }
        public List<string> Unreadable { get; } = [];

        public void Add(Uri url, IngestResult result)
        {
            switch (result.Outcome)
            {
                case IngestOutcome.Ingested: Ingested++; break;
                case IngestOutcome.CopyOfExisting: Copies++; break;
                case IngestOutcome.Unreadable: Unreadable.Add($"{url} (Unreadable: {result.Problem})"); break;
            }
        }
    }

    private static CrawlSummary Summarize(CrawlReport report, IngestTally ingest) => new()
    {
        Id = report.SourceId,
        StartedAt = report.StartedAt,
        FinishedAt = report.FinishedAt,
        Discovered = report.Discovered,
        Fetched = report.Fetched,
        NotModified = report.NotModified,
        Ingested = ingest.Ingested,
        Copies = ingest.Copies,
        DisallowedByRobots = [.. report.DisallowedByRobots.Select(p => $"{p.Url} ({p.Reason})")],
        Refused = [.. report.Refused.Select(p => $"{p.Url} ({p.Reason})")],
        Failed = [.. report.Failed.Select(p => $"{p.Url} ({p.Kind}: {p.Reason})"), .. ingest.Unreadable],
    };
}

using Intelligence.Server.Tests.Infrastructure;

namespace Intelligence.Server.Tests.Sources;

/// <summary>A crawl as `crawlSource` and `crawl(id:)` show it: whichever of its fields the query asked for.</summary>
public sealed record CrawlRun(string CrawlId, string State, string? SourceId, int Attempts, int ArticlesIngested, string? Error,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, CrawlReport? Report);

/// <summary>A crawl's report: whichever of its fields the query asked for.</summary>
public sealed record CrawlReport(int Discovered, int Fetched, int Ingested, List<string>? DisallowedByRobots, List<string>? Refused, List<string>? Failed);

/// <summary>crawlSource answers at once with a crawl id; these helpers follow the crawl through `crawl(id:)`.</summary>
public static class CrawlSourceRuns
{
    private sealed record Started(CrawlRun? Crawl, List<UserError> UserErrors);

    /// <summary>Starts the crawl and returns the mutation's `crawl` (crawlId, state, sourceId).</summary>
    public static async Task<CrawlRun> Start(RunningServer server, string editor, string sourceId)
    {
        var started = await server.Query<Started>("""
            mutation($id: ID!) { crawlSource(input: { id: $id }) { crawl { crawlId state sourceId } userErrors { message code } } }
            """, new { id = sourceId }, editor, "crawlSource");
        Assert.Empty(started.UserErrors);
        return started.Crawl!;
    }

    /// <summary>The crawl as `crawl(id:)` shows it now.</summary>
    public static Task<CrawlRun> Read(RunningServer server, string crawlId, string reportFields = "ingested") =>
        server.Query<CrawlRun>($$"""
            query($id: ID!) { crawl(id: $id) { crawlId state attempts articlesIngested error startedAt finishedAt report { {{reportFields}} } } }
            """, new { id = crawlId }, path: "crawl");

    /// <summary>Waits until the crawl is COMPLETED (or FAILED: the test fails) and returns it.</summary>
    public static async Task<CrawlRun> WaitForEnd(RunningServer server, string crawlId, TimeSpan timeout, string reportFields = "ingested")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var crawl = await Read(server, crawlId, reportFields);
            if (crawl.State == "COMPLETED") return crawl;
            Assert.True(crawl.State != "FAILED", crawl.ToString());
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Crawl {crawlId} still {crawl.State} after {timeout}: {crawl}");
            await Task.Delay(200);
        }
    }

    /// <summary>Starts a crawl, waits for it, and returns its report.</summary>
    public static async Task<CrawlReport> CrawlAndWait(RunningServer server, string editor, string sourceId, string reportFields)
    {
        var started = await Start(server, editor, sourceId);
        var done = await WaitForEnd(server, started.CrawlId, TimeSpan.FromSeconds(60), reportFields);
        return done.Report!;
    }
}

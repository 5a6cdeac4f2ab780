using System.Diagnostics;
using System.Text.Json.Nodes;
using Intelligence.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Intelligence.Server.Tests.Sources;

/// <summary>
/// crawlSource on a polite source (3 s between requests to the host, 20 pages: a minute of crawling) answers at once;
/// the crawl goes on without the request, survives the node being restarted midway, and ends with its report.
/// </summary>
public sealed class DurableCrawlTests(PostgresDatabase db, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_slow_crawl_returns_at_once_survives_a_restart_and_completes_with_its_report()
    {
        await using var site = await NewsSite.Start(pages: 20);
        var server = await RunningServer.Start(db.ConnectionString);
        try
        {
            var editor = await server.CreateKey("editor");
            var admin = await server.CreateKey("admin"); // only an admin may let a source reach a private address
            var add = await server.GraphQL("""
                mutation($input: AddSourceInput!) { addSource(input: $input) { userErrors { message code } } }
                """, new { input = new { id = "polite", name = "Polite wire", kind = "rss", url = site.FeedUrl.ToString(), hostDelaySeconds = 3,
                                         allowPrivateAddresses = new[] { site.AllowEntry } } }, admin);
            Assert.Empty(add.DataAt<List<UserError>>("addSource", "userErrors"));

            var clock = Stopwatch.StartNew();
            var started = await CrawlSourceRuns.Start(server, editor, "polite");
            var answeredIn = clock.Elapsed;
            output.WriteLine($"crawlSource answered in {answeredIn.TotalMilliseconds:0} ms with state {started.State}");
            Assert.True(answeredIn < TimeSpan.FromSeconds(10), $"crawlSource took {answeredIn}");
            var crawlId = started.CrawlId;

            // Progress is visible while it runs.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var progress = await CrawlSourceRuns.Read(server, crawlId);
            while (progress.ArticlesIngested < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                progress = await CrawlSourceRuns.Read(server, crawlId);
            }
            Assert.Equal("RUNNING", progress.State);
            var before = progress.ArticlesIngested;
            Assert.InRange(before, 3, 19);

            // The node restarts midway: the crawl is picked up again and finishes.
            await server.DisposeAsync();
            output.WriteLine($"node stopped after {before} articles, {site.Fetches} page fetches");
            server = await RunningServer.Start(db.ConnectionString);
            var done = await CrawlSourceRuns.WaitForEnd(server, crawlId, TimeSpan.FromSeconds(150), "discovered fetched ingested failed");
            output.WriteLine($"crawl ended after {clock.Elapsed.TotalSeconds:0} s: {done}");
            Assert.True(done.Attempts >= 2, done.ToString());
            Assert.Equal(20, done.Report!.Discovered);
            Assert.Empty(done.Report.Failed!);

            var articles = await server.Query<Connection<JsonNode>>("""{ articles(first: 0, filter: { source: "polite" }) { totalCount } }""", path: "articles");
            Assert.Equal(20, articles.TotalCount);
            var sources = await server.GraphQL("""{ sources(first: 10) { nodes { sourceId lastCrawl { discovered } } } }""");
            Assert.Contains("\"discovered\":20", sources.ToJsonString());
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}

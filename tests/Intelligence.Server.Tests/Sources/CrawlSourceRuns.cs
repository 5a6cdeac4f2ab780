using System.Text.Json.Nodes;
using Intelligence.Server.Tests.Infrastructure;

namespace Intelligence.Server.Tests.Sources;

/// <summary>crawlSource answers at once with a crawl id; these helpers follow the crawl through `crawl(id:)`.</summary>
public static class CrawlSourceRuns
{
    /// <summary>Starts the crawl and returns the mutation's `crawl` object (crawlId, state, requestedAt).</summary>
    public static async Task<JsonNode> Start(RunningServer server, string editor, string sourceId)
    {
        var started = await server.GraphQL("""
            mutation($id: ID!) { crawlSource(input: { id: $id }) { crawl { crawlId state sourceId } userErrors { message code } } }
            """, new { id = sourceId }, editor);
        Assert.True(started["errors"] is null, started.ToJsonString());
        Assert.Empty(started["data"]!["crawlSource"]!["userErrors"]!.AsArray());
        return started["data"]!["crawlSource"]!["crawl"]!;
    }

    /// <summary>The crawl as `crawl(id:)` shows it now.</summary>
    public static async Task<JsonNode> Read(RunningServer server, string crawlId, string reportFields = "ingested")
    {
        var read = await server.GraphQL($$"""
            query($id: ID!) { crawl(id: $id) { crawlId state attempts articlesIngested error startedAt finishedAt report { {{reportFields}} } } }
            """, new { id = crawlId });
        Assert.True(read["errors"] is null, read.ToJsonString());
        return read["data"]!["crawl"]!;
    }

    /// <summary>Waits until the crawl is COMPLETED (or FAILED: the test fails) and returns it.</summary>
    public static async Task<JsonNode> WaitForEnd(RunningServer server, string crawlId, TimeSpan timeout, string reportFields = "ingested")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var crawl = await Read(server, crawlId, reportFields);
            var state = (string?)crawl["state"];
            if (state == "COMPLETED") return crawl;
            Assert.True(state != "FAILED", crawl.ToJsonString());
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Crawl {crawlId} still {state} after {timeout}: {crawl.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Starts a crawl, waits for it, and returns its report.</summary>
    public static async Task<JsonNode> CrawlAndWait(RunningServer server, string editor, string sourceId, string reportFields)
    {
        var started = await Start(server, editor, sourceId);
        var done = await WaitForEnd(server, (string)started["crawlId"]!, TimeSpan.FromSeconds(60), reportFields);
        return done["report"]!;
    }
}

using System.Text.Json.Nodes;
using Intelligence.Server.Tests.Cluster;
using Intelligence.Server.Tests.Infrastructure;

namespace Intelligence.Server.Tests.Hosting;

/// <summary>
/// `intel run --dev --ingest samples/corpus`, as ops/demo.sh starts it: when the node says "GraphQL ready", every sample
/// article has been analysed by the node's own queue, once, and the README's tour answers.
/// </summary>
public sealed class RunIngestTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task When_GraphQL_is_ready_every_ingested_sample_is_analysed()
    {
        await using var node = await NodeProcess.Start("demo", db.ConnectionString, new Dictionary<string, string>(),
            "--dev", "--ingest", RepoPaths.SampleCorpus);
        await node.WaitForOutput("GraphQL ready", TimeSpan.FromMinutes(3));

        var answer = await node.GraphQL("{ articles(first: 50) { totalCount nodes { title extractorVersion } } }");
        var articles = answer["data"]?["articles"] ?? throw new InvalidOperationException(answer.ToJsonString());
        var samples = Directory.GetFiles(RepoPaths.SampleCorpus, "*.html").Length;
        Assert.InRange(articles["totalCount"]!.GetValue<int>(), 1, samples);
        var unanalysed = articles["nodes"]!.AsArray().Where(a => a!["extractorVersion"] is null).Select(a => a!["title"]!.ToString()).ToList();
        Assert.True(unanalysed.Count == 0, $"not analysed at 'GraphQL ready': {string.Join("; ", unanalysed)}\n{node.Log}");
        Assert.Contains($"analysed {articles["totalCount"]} of {articles["totalCount"]} articles", node.Log);

        var losses = await node.GraphQL("""{ company(name: "OpenAI") { losses { key latest { money { amount } } } } }""");
        var projected2026 = losses["data"]!["company"]!["losses"]!.AsArray().Single(l => l!["key"]!.ToString() == "2026 (projected)");
        Assert.Equal(14_000_000_000m, projected2026!["latest"]!["money"]!["amount"]!.GetValue<decimal>());
    }
}

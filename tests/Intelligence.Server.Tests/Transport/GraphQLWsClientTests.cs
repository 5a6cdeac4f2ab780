using System.Text.Json.Nodes;
using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Transport;

/// <summary>A fact test that runs only where `node` and `npm` are on PATH (skipped, with the reason, elsewhere).</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!OnPath("node") || !OnPath("npm")) Skip = "node and npm are needed to run the graphql-ws npm client; not found on PATH.";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Any(dir => File.Exists(Path.Combine(dir, tool)) || File.Exists(Path.Combine(dir, tool + ".exe")) || File.Exists(Path.Combine(dir, tool + ".cmd")));
}

/// <summary>The same subscription from the real `graphql-ws` npm client (tests/.../Transport/js/subscribe.mjs).</summary>
public sealed class GraphQLWsClientTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private sealed record FactEvent(string Type, string FactKey);

    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "Intelligence.Server.Tests", "Transport", "js");

    [NodeFact]
    public async Task The_graphql_ws_client_queries_and_receives_a_subscribed_fact()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "graphql-ws")))
        {
            var install = await Run("npm", "ci --no-audit --no-fund");
            Assert.True(install.Code == 0, "npm ci failed (the npm registry must be reachable once): " + install.Stderr);
        }

        await using var node = await TestNode.Start(db.ConnectionString);
        var key = await node.App.CreateKey("reader");
        var client = Run("node", $"subscribe.mjs {node.WebSocketUri} {key}");
        await node.WaitForSubscribers(1).WaitAsync(TimeSpan.FromSeconds(30));

        var fact = new Fact
        {
            Type = FactTypes.Loss, Company = "OpenAI", AmountUsd = 5_000_000_000m, Period = "2025", Confidence = 0.9, Expert = "financials",
            Evidence = new Evidence(0, 0, 5, "loses"),
        };
        var articleId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await using (var session = node.App.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Events.StartStream(articleId,
                new ArticleIngested(articleId, "https://ft.com/x", "https://ft.com/x", "ft.com", "X", null, now, "en", "text", "h", "0", null, now),
                new FactExtracted(articleId, FactKey.Of(fact), fact, "test-1", now, "ft.com", now));
            await session.SaveChangesAsync();
        }

        var run = await client;
        Assert.True(run.Code == 0, $"graphql-ws client failed ({run.Code}): {run.Stderr}\n{run.Stdout}");
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        JsonObject Step(string step) => lines.Single(l => (string?)l["step"] == step)["result"]!.AsObject();
        Assert.Equal("Query", Step("query").DataAt<string>("__typename"));
        var next = Step("next").DataAt<FactEvent>("factExtracted");
        Assert.Equal("LOSS", next.Type);
        Assert.Equal(FactKey.Of(fact), next.FactKey);
        // The client's `complete` on break: the server dropped the subscriber.
        await node.WaitForSubscribers(0).ContinueWith(_ => { });
    }

    private static Task<ExternalTool.Result> Run(string tool, string arguments) =>
        ExternalTool.Run(Folder, tool, arguments, TimeSpan.FromMinutes(2));
}

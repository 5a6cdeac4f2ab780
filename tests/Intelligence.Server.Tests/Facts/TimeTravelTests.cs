using Intelligence.Server.Tests.Infrastructure;

namespace Intelligence.Server.Tests.Facts;

/// <summary>`asOf` (publication time) and `knownAt` (recording time) on company and partnership; own ids; node(id:).</summary>
public sealed class TimeTravelTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Two_clocks_give_past_views_with_their_own_ids_that_node_resolves()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var beforeIngest = DateTimeOffset.UtcNow;
        await server.IngestSample("01-ledger-microsoft-openai-stake.html");          // published 2026-02-03: a stake
        await server.IngestSample("07-mondedulogiciel-openai-publicite-pertes.html"); // published 2026-02-13: losses

        const string query = """
            query($asOf: DateTime, $knownAt: DateTime) {
              company(name: "OpenAI", asOf: $asOf, knownAt: $knownAt) { id asOf knownAt losses { key } stakesIn { key } }
              partnership(a: "Microsoft", b: "OpenAI", asOf: $asOf, knownAt: $knownAt) { id asOf timeline(first: 50) { totalCount } }
            }
            """;
        var live = (await server.GraphQL(query))["data"]!;
        Assert.NotEmpty(live["company"]!["losses"]!.AsArray());
        Assert.Null(live["company"]!["asOf"]);

        // Reported by 10 February: the stake, not yet the losses, although both were recorded just now.
        var reported = (await server.GraphQL(query, new { asOf = "2026-02-10T00:00:00Z" }))["data"]!;
        Assert.Empty(reported["company"]!["losses"]!.AsArray());
        Assert.NotEmpty(reported["company"]!["stakesIn"]!.AsArray());
        Assert.NotEqual((string?)live["company"]!["id"], (string?)reported["company"]!["id"]);
        Assert.NotEqual((string?)live["partnership"]!["id"], (string?)reported["partnership"]!["id"]);
        Assert.True((int)reported["partnership"]!["timeline"]!["totalCount"]! > 0);

        // Known to the store before the ingest: nothing. Known now: everything reported, same as live.
        var known = (await server.GraphQL(query, new { knownAt = beforeIngest }))["data"]!;
        Assert.Null(known["company"]);
        var knownNow = (await server.GraphQL(query, new { knownAt = DateTimeOffset.UtcNow.AddMinutes(1) }))["data"]!;
        Assert.Equal(live["company"]!["losses"]!.ToJsonString(), knownNow["company"]!["losses"]!.ToJsonString());

        // node(id:) gives back the same views, live and historical.
        const string node = "query($id: ID!) { node(id: $id) { id ... on Company { asOf losses { key } } ... on Partnership { asOf } } }";
        var pastCompany = (await server.GraphQL(node, new { id = (string)reported["company"]!["id"]! }))["data"]!["node"]!;
        Assert.Equal((string?)reported["company"]!["id"], (string?)pastCompany["id"]);
        Assert.Empty(pastCompany["losses"]!.AsArray());
        Assert.NotNull(pastCompany["asOf"]);
        var liveCompany = (await server.GraphQL(node, new { id = (string)live["company"]!["id"]! }))["data"]!["node"]!;
        Assert.NotEmpty(liveCompany["losses"]!.AsArray());
        var pastPartnership = (await server.GraphQL(node, new { id = (string)reported["partnership"]!["id"]! }))["data"]!["node"]!;
        Assert.Equal((string?)reported["partnership"]!["id"], (string?)pastPartnership["id"]);
    }
}

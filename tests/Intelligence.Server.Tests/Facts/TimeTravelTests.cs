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
        var live = await server.Query<View>(query);
        Assert.NotEmpty(live.Company!.Losses);
        Assert.Null(live.Company.AsOf);

        // Reported by 10 February: the stake, not yet the losses, although both were recorded just now.
        var reported = await server.Query<View>(query, new { asOf = "2026-02-10T00:00:00Z" });
        Assert.Empty(reported.Company!.Losses);
        Assert.NotEmpty(reported.Company.StakesIn);
        Assert.NotEqual(live.Company.Id, reported.Company.Id);
        Assert.NotEqual(live.Partnership!.Id, reported.Partnership!.Id);
        Assert.True(reported.Partnership.Timeline.TotalCount > 0);

        // Known to the store before the ingest: nothing. Known now: everything reported, same as live.
        var known = await server.Query<View>(query, new { knownAt = beforeIngest });
        Assert.Null(known.Company);
        var knownNow = await server.Query<View>(query, new { knownAt = DateTimeOffset.UtcNow.AddMinutes(1) });
        Assert.Equal(live.Company.Losses, knownNow.Company!.Losses);

        // node(id:) gives back the same views, live and historical.
        const string node = "query($id: ID!) { node(id: $id) { id ... on Company { asOf losses { key } } ... on Partnership { asOf } } }";
        var pastCompany = await server.Query<Company>(node, new { id = reported.Company.Id }, path: "node");
        Assert.Equal(reported.Company.Id, pastCompany.Id);
        Assert.Empty(pastCompany.Losses);
        Assert.NotNull(pastCompany.AsOf);
        var liveCompany = await server.Query<Company>(node, new { id = live.Company.Id }, path: "node");
        Assert.NotEmpty(liveCompany.Losses);
        var pastPartnership = await server.Query<Partnership>(node, new { id = reported.Partnership.Id }, path: "node");
        Assert.Equal(reported.Partnership.Id, pastPartnership.Id);
    }

    private sealed record Keyed(string Key);

    private sealed record Company(string Id, DateTimeOffset? AsOf, DateTimeOffset? KnownAt)
    {
        public List<Keyed> Losses { get; init; } = [];
        public List<Keyed> StakesIn { get; init; } = [];
    }

    private sealed record Partnership(string Id, DateTimeOffset? AsOf)
    {
        public Connection<Keyed> Timeline { get; init; } = new();
    }

    private sealed record View(Company? Company, Partnership? Partnership);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.GraphQL.Caching;
using Intelligence.Server.Partnerships.Timelines;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Storage;

/// <summary>GraphQL reads timelines and profiles through an in-memory cache; whatever changes the row must show at once.</summary>
public sealed class ProjectionCacheTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start(db.ConnectionString);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The timeline of a pair and the profile of its second company. Each test reads its own pair: the
    /// tests of this class share one database.</summary>
    private static string Query(string a, string b) => $$"""
        { partnership(a: "{{a}}", b: "{{b}}") { timeline(first: 10) { totalCount nodes { type percent } } }
          company(name: "{{b}}") { stakesIn { key latest { percent } } investmentsReceived { investor } } }
        """;

    private static Fact StakeFact(string holder, string target) =>
        new() { Type = FactTypes.Stake, Holder = holder, Target = target, Percent = 27, Confidence = 0.9, Expert = "stake" };

    private static Fact InvestmentFact(string investor, string target) =>
        new() { Type = FactTypes.Investment, Investor = investor, Target = target, AmountUsd = 13_000_000_000m, Confidence = 0.9, Expert = "investment" };

    [Fact]
    public async Task An_unchanged_answer_is_served_from_the_cache()
    {
        await Report(StakeFact("Microsoft", "OpenAI"));
        var first = await Read("Microsoft", "OpenAI");
        Assert.Equal(1, first.Partnership!.Timeline.TotalCount);
        Assert.Equal(27, first.Company!.StakesIn[0].Latest.Percent);

        var hits = ResponseHits;
        var again = await Read("Microsoft", "OpenAI"); // the whole response served from the cache, after its two documents were checked
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(again));
        Assert.Equal(hits + 1, ResponseHits);
    }

    [Fact]
    public async Task A_new_fact_is_seen_by_the_next_read()
    {
        await Report(StakeFact("Amazon", "Anthropic"));
        await Read("Amazon", "Anthropic");

        await Report(InvestmentFact("Amazon", "Anthropic"));
        var hits = ResponseHits;
        var afterNewFact = await Read("Amazon", "Anthropic");
        Assert.Equal(hits, ResponseHits); // both documents changed: the cached response was not served
        Assert.Equal(2, afterNewFact.Partnership!.Timeline.TotalCount);
        Assert.Contains(afterNewFact.Company!.InvestmentsReceived, i => i.Investor == "Amazon");
    }

    [Fact]
    public async Task A_direct_write_to_a_timeline_is_seen_by_the_next_read()
    {
        await Report(StakeFact("Google", "Mistral"));
        await Report(InvestmentFact("Google", "Mistral"));
        Assert.Equal(2, (await Read("Google", "Mistral")).Partnership!.Timeline.TotalCount);

        await using (var session = Store.LightweightSession())
        {
            var timeline = (await session.LoadAsync<PartnershipTimeline>(PartnershipTimelineProjection.PairKey("Google", "Mistral")))!;
            timeline.Entries.RemoveAll(e => e.Fact.Type == FactTypes.Investment);
            session.Store(timeline);
            await session.SaveChangesAsync();
        }
        Assert.Equal(1, (await Read("Google", "Mistral")).Partnership!.Timeline.TotalCount);
    }

    [Fact]
    public async Task A_deleted_timeline_is_seen_by_the_next_read()
    {
        await Report(StakeFact("Nvidia", "Cohere"));
        Assert.NotNull((await Read("Nvidia", "Cohere")).Partnership);

        await using (var session = Store.LightweightSession())
        {
            session.Delete<PartnershipTimeline>(PartnershipTimelineProjection.PairKey("Nvidia", "Cohere"));
            await session.SaveChangesAsync();
        }
        Assert.Null((await Read("Nvidia", "Cohere")).Partnership);
    }

    private IDocumentStore Store => _server.App.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Responses_that_read_anything_but_versioned_documents_are_not_cached()
    {
        await Report(new Fact { Type = FactTypes.Stake, Holder = "Nvidia", Target = "xAI", Percent = 5, Confidence = 0.9, Expert = "stake" });
        string[] uncacheable =
        [
            """{ facts(first: 5, filter: { companies: ["xAI"] }) { nodes { type } } }""", // a SQL query
            """{ partnership(a: "Nvidia", b: "xAI", asOf: "2100-01-01T00:00:00Z") { timeline(first: 5) { totalCount } } }""", // folded from events
            """{ partnership(a: "nvidia", b: "XAI") { timeline(first: 5) { totalCount } } }""", // names resolved in SQL
            """{ partnership(a: "Nvidia", b: "xAI") { timeline(first: 5) { nodes { sources { article { title } } } } } }""", // articles loaded
            """{ partnership(a: "Nvidia", b: "xAI") { id } facts(first: 5, filter: { companies: ["xAI"] }) { nodes { type } } }""", // a sibling's SQL
        ];
        foreach (var query in uncacheable)
        {
            var first = await _server.GraphQL(query);
            Assert.True(first["errors"] is null, first.ToJsonString());
            var hits = ResponseHits;
            Assert.Equal(first.ToJsonString(), (await _server.GraphQL(query)).ToJsonString());
            Assert.True(hits == ResponseHits, $"served from the response cache: {query}");
        }
        var cacheable = """{ partnership(a: "Nvidia", b: "xAI") { timeline(first: 5) { totalCount nodes { sources { outlet } } } } }""";
        await _server.GraphQL(cacheable);
        var before = ResponseHits;
        await _server.GraphQL(cacheable);
        Assert.Equal(before + 1, ResponseHits);
    }

    private long ResponseHits => _server.App.Services.GetRequiredService<ResponseCache>().Hits;

    private sealed record Answer(PartnershipAnswer? Partnership, CompanyAnswer? Company);

    private sealed record PartnershipAnswer(Connection<TimelineEntry> Timeline);

    private sealed record TimelineEntry(string Type, double? Percent);

    private sealed record CompanyAnswer(List<Stake> StakesIn, List<Investment> InvestmentsReceived);

    private sealed record Stake(string Key, StakeLatest Latest);

    private sealed record StakeLatest(double? Percent);

    private sealed record Investment(string Investor);

    private Task<Answer> Read(string a, string b) => _server.Query<Answer>(Query(a, b));

    /// <summary>Appends an article and a fact it states, in one transaction, as the pipeline does.</summary>
    private async Task Report(Fact fact)
    {
        var store = _server.App.Services.GetRequiredService<IDocumentStore>();
        var articleId = Guid.NewGuid();
        var url = $"https://ft.com/a/{articleId:N}";
        var now = DateTimeOffset.UtcNow;
        fact = fact with { Evidence = new Evidence(0, 0, 10, "A report.") };
        await using var session = store.LightweightSession();
        session.Events.StartStream(articleId,
            new ArticleIngested(articleId, url, url, "ft.com", "A report", null, now.AddHours(-1), "en", "text", articleId.ToString("N"), "0", null, now),
            new FactExtracted(articleId, FactKey.Of(fact), fact, "test-1", now.AddHours(-1), "ft.com", now));
        await session.SaveChangesAsync();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }
}

/// <summary>Before any profile or timeline exists (their tables not created yet), reads answer null, not an SQL error.</summary>
public sealed class EmptyStoreReadTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Company_and_partnership_of_an_empty_store_are_null()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var result = await server.GraphQL("""{ company(name: "OpenAI") { name } partnership(a: "Microsoft", b: "OpenAI") { id } }""");
        Assert.Null(result.DataAt<JsonNode?>("company"));
        Assert.Null(result.DataAt<JsonNode?>("partnership"));
    }
}

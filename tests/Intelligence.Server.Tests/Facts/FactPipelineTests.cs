using System.Text.Json.Nodes;
using Intelligence.Domain.Facts;
using Intelligence.Extraction;
using Intelligence.Server.Articles.Analyzing;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Tests.Facts;

/// <summary>Ingest → analyse → facts, corroboration, profiles and timelines, through the real server and database.</summary>
public sealed class FactPipelineTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.Start(db.ConnectionString);
        await _server.IngestSample("01-ledger-microsoft-openai-stake.html");
        await _server.IngestSample("02-quotidien-eco-microsoft-openai-participation.html");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_same_stake_from_two_outlets_is_one_fact_with_two_sources()
    {
        await using var session = _server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stakes = await session.Query<FactView>().Where(f => f.Type == FactTypes.Stake).ToListAsync();

        var stake = Assert.Single(stakes, f => f.Fact.Holder == "Microsoft" && f.Fact.Target == "OpenAI");
        Assert.Equal(27, stake.Fact.Percent!.Value, 0.5);
        Assert.Equal(2, stake.SourceCount);
        Assert.Equal(2, stake.OutletCount);
        Assert.Contains(stake.Sources, s => s.Outlet == "The Meridian Ledger");
        Assert.All(stake.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Quote)));
    }

    [Fact]
    public async Task Analysing_again_with_the_same_extractor_version_appends_nothing()
    {
        var article = await _server.IngestSample("01-ledger-microsoft-openai-stake.html");
        var before = await EventCount(article.ArticleId);

        var outcome = await _server.Bus.InvokeAsync<AnalysisOutcome>(new AnalyzeArticle(article.ArticleId));

        Assert.False(outcome.Analyzed);
        Assert.Equal(before, await EventCount(article.ArticleId));
    }

    private sealed record SourceArticle(string? Title);
    private sealed record FactSource(string? Outlet, SourceArticle? Article);
    private sealed record FactNode(string? Key, string? Type, int OutletCount, List<FactSource> Sources);
    private sealed record LatestReport(string Key);
    private sealed record Company(string Name, List<LatestReport> StakesIn);
    private sealed record TimelineEntry(string? FactKey, string? Type, DateTimeOffset Date, int SourceCount);

    [Fact]
    public async Task Graphql_serves_the_stake_corroborated_by_two_outlets_with_its_articles()
    {
        var facts = await _server.Query<Connection<FactNode>>("""
            { facts(first: 10, filter: { types: [STAKE], companies: ["OpenAI"], minSources: 2 }) {
                totalCount nodes { type holder target percent sourceCount outletCount sources { outlet article { title } } } } }
            """, path: "facts");

        var fact = Assert.Single(facts.Nodes);
        Assert.Equal("STAKE", fact.Type);
        Assert.Equal(2, fact.OutletCount);
        Assert.All(fact.Sources, s => Assert.False(string.IsNullOrEmpty(s.Article!.Title)));
    }

    [Fact]
    public async Task Graphql_serves_a_company_profile_by_its_name_in_any_case()
    {
        var company = await _server.Query<Company>("""{ company(name: "openai") { name stakesIn { key latest { percent } } } }""", path: "company");

        Assert.Equal("OpenAI", company.Name);
        Assert.Contains(company.StakesIn, s => s.Key == "Microsoft");
    }

    [Fact]
    public async Task Graphql_serves_the_partnership_timeline_in_date_order()
    {
        var timeline = await _server.Query<Connection<TimelineEntry>>("""
            { partnership(a: "OpenAI", b: "Microsoft") { companies timeline(first: 100) { nodes { type date dateSource sourceCount } } } }
            """, path: ["partnership", "timeline"]);

        Assert.Contains(timeline.Nodes, e => e.Type == "STAKE" && e.SourceCount == 2);
        var dates = timeline.Nodes.Select(e => e.Date).ToList();
        Assert.Equal(dates.Order(), dates);
    }

    [Fact]
    public async Task The_companies_filter_keeps_the_facts_that_involve_any_of_them()
    {
        await _server.IngestSample("05-pulse-big-tech-capex.html");
        await _server.IngestSample("06-usine-numerique-mistral-asml.html");
        await using var session = _server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var facts = await session.Query<FactView>().Where(f => f.SourceCount > 0).ToListAsync();
        // The two companies named in the fewest facts: their union is a real subset of the store.
        var named = facts.SelectMany(f => f.Companies).GroupBy(c => c).OrderBy(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).Take(2).ToList();
        Assert.Equal(2, named.Count);
        var expected = facts.Where(f => f.Companies.Intersect(named).Any()).Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(expected.Count, 1, facts.Count - 1);

        var page = await _server.Query<Connection<FactNode>>("""
            query($companies: [String!]) { facts(first: 100, filter: { companies: $companies }) { totalCount nodes { key } } }
            """, new { companies = named }, path: "facts");

        Assert.Equal(expected.Count, page.TotalCount);
        Assert.Equal(expected, page.Nodes.Select(n => n.Key!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_timeline_pages_forward_and_backward_by_cursor_without_gaps_or_repeats()
    {
        var expected = Keys(await Timeline("first: 100"));
        Assert.True(expected.Count >= 3, $"the sample corpus should give several Microsoft–OpenAI entries, got {expected.Count}");

        var forward = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = await Timeline(after is null ? "first: 2" : $"first: 2, after: \"{after}\"");
            Assert.Equal(expected.Count, page.TotalCount);
            forward.AddRange(Keys(page));
            if (!page.PageInfo.HasNextPage) break;
            after = page.PageInfo.EndCursor;
        }
        Assert.Equal(expected, forward);

        var last = await Timeline("last: 2");
        Assert.Equal(expected.TakeLast(2), Keys(last));
        Assert.True(last.PageInfo.HasPreviousPage);
        var previous = await Timeline($"last: 1, before: \"{last.PageInfo.StartCursor}\"");
        Assert.Equal(expected.SkipLast(2).TakeLast(1), Keys(previous));

        static List<string> Keys(Connection<TimelineEntry> connection) => connection.Nodes.Select(n => n.FactKey!).ToList();
    }

    private Task<Connection<TimelineEntry>> Timeline(string arguments) => _server.Query<Connection<TimelineEntry>>($$"""
        { partnership(a: "Microsoft", b: "openai") { timeline({{arguments}}) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { factKey } } } }
        """, path: ["partnership", "timeline"]);

    [Fact]
    public async Task As_of_a_date_before_anything_was_reported_there_is_no_profile()
    {
        var result = await _server.GraphQL("""{ company(name: "OpenAI", asOf: "2000-01-01T00:00:00Z") { name } now: company(name: "OpenAI", asOf: "2100-01-01T00:00:00Z") { name stakesIn { key } } }""");
        Assert.Null(result.DataAt<Company?>("company"));
        Assert.Equal("OpenAI", result.DataAt<Company>("now").Name);
    }

    [Fact]
    public async Task A_page_of_facts_with_their_sources_costs_a_constant_number_of_sql_commands()
    {
        using var counter = new SqlCommandCounter();
        const string query = "query($n: Int!) { facts(first: $n) { nodes { key sources { outlet article { title } } } } }";
        await _server.GraphQL(query, new { n = 1 }); // warm-up: schema and connection set-up are not part of the cost

        var one = await _server.GraphQL(query, new { n = 1 }, traceParent: counter.NewTrace());
        var forOne = counter.Count;
        var statementsForOne = counter.Statements;
        var many = await _server.GraphQL(query, new { n = 100 }, traceParent: counter.NewTrace());
        var forMany = counter.Count;

        Assert.True(one["errors"] is null, one.ToJsonString());
        Assert.True(many["errors"] is null, many.ToJsonString());
        var sources = many.DataAt<Connection<FactNode>>("facts").Nodes.SelectMany(n => n.Sources).ToList();
        Assert.True(sources.Count > 5, $"expected a page with several sources, got {sources.Count}");
        Assert.All(sources, s => Assert.False(string.IsNullOrEmpty(s.Article!.Title)));
        Assert.True(forOne > 0, "the counter saw no SQL at all");
        Assert.True(forOne == forMany, $"{forOne} statements for one fact, {forMany} for a page:\n{statementsForOne}\n=====\n{counter.Statements}");
    }

    private sealed record ArticleNode(string? Title);

    [Fact]
    public async Task Articles_page_forward_with_stable_cursors()
    {
        var page = await _server.Query<Connection<ArticleNode>>(
            "{ articles(first: 1) { totalCount edges { cursor node { title } } pageInfo { hasNextPage endCursor } } }", path: "articles");
        Assert.Equal(2, page.TotalCount);
        Assert.True(page.PageInfo.HasNextPage);
        var after = page.PageInfo.EndCursor;

        var second = await _server.Query<Connection<ArticleNode>>(
            "query($after: String) { articles(first: 5, after: $after) { edges { cursor node { title } } pageInfo { hasNextPage hasPreviousPage } } }",
            new { after }, path: "articles");
        var only = Assert.Single(second.Edges);
        Assert.NotEqual(page.Edges[0].Node.Title, only.Node.Title);
        Assert.False(string.IsNullOrWhiteSpace(only.Node.Title));
        Assert.False(second.PageInfo.HasNextPage);
    }

    [Fact]
    public async Task A_page_of_more_than_100_articles_is_refused_with_its_code()
    {
        var unbounded = await _server.GraphQL("{ articles(first: 500) { totalCount } }");
        Assert.Contains("PAGE_SIZE_OUT_OF_RANGE", unbounded.ToJsonString());
        Assert.Contains("PAGE_SIZE_OUT_OF_RANGE", unbounded.ErrorCodes());
    }

    [Fact]
    public async Task Rebuilding_the_projections_from_the_events_gives_the_same_views()
    {
        var store = _server.App.Services.GetRequiredService<IDocumentStore>();
        var before = await Views(store);
        Assert.All(before, kind => Assert.NotEmpty(kind.Value));

        var run = await IntelCli.Invoke(db.ConnectionString, "projections", "rebuild");
        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (var name in new[] { "FactView", "CompanyProfile", "PartnershipTimeline" }) Assert.Contains("rebuilt " + name, run.Stdout);

        var after = await Views(store);
        foreach (var (kind, documents) in before)
        {
            Assert.Equal(documents.Count, after[kind].Count);
            foreach (var (live, rebuilt) in documents.Zip(after[kind]))
                Assert.True(live == rebuilt, $"{kind} differs after the rebuild:\n live:    {live}\n rebuilt: {rebuilt}");
        }
    }

    /// <summary>Every analyst view as its stored JSON, by id: rebuilt documents must equal the live ones field for field.</summary>
    private static async Task<Dictionary<string, List<string>>> Views(IDocumentStore store)
    {
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using var session = store.QuerySession();
        var views = new Dictionary<string, List<string>>();
        foreach (var table in new[] { "mt_doc_factview", "mt_doc_companyprofile", "mt_doc_partnershiptimeline" })
            views[table] = (await session.AdvancedSql.QueryAsync<string>($"select id || ' ' || data::text from {store.Options.DatabaseSchemaName}.{table} order by id", CancellationToken.None)).ToList();
        return views;
    }

    private async Task<int> EventCount(Guid articleId)
    {
        await using var session = _server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(articleId)).Count;
    }
}

/// <summary>The pure decision behind re-analysis: new facts are appended, vanished ones retracted.</summary>
public sealed class ReanalysisDecisionTests
{
    [Fact]
    public void A_new_extractor_version_appends_the_differences()
    {
        var kept = new Fact { Type = FactTypes.Stake, Holder = "Microsoft", Target = "OpenAI", Percent = 27, Confidence = 0.9 };
        var dropped = new Fact { Type = FactTypes.Launch, Company = "Microsoft", Product = "Maia 200", Kind = "chip", Confidence = 0.8 };
        var added = new Fact { Type = FactTypes.Investment, Investor = "Microsoft", Target = "OpenAI", AmountUsd = 13_000_000_000m, Confidence = 0.8 };
        var article = new Intelligence.Server.Articles.Analyzing.Article
        {
            Id = Guid.NewGuid(),
            Facts = [new(FactKey.Of(kept), ["Microsoft", "OpenAI"]), new(FactKey.Of(dropped), ["Microsoft"])],
        };
        var analysis = new ArticleAnalysis("en", ["summary"], [kept, added], new Intelligence.Extraction.Routing.RoutingStats(2, 2, 0, new Dictionary<string, Intelligence.Extraction.Routing.ExpertRouting>()), "cpu-moe/2.0.0");

        var events = AnalyzeArticleHandler.Decide(article, analysis, DateTimeOffset.UnixEpoch);

        Assert.IsType<Intelligence.Domain.Articles.ArticleAnalyzed>(events[0]);
        var extracted = Assert.Single(events.OfType<FactExtracted>());
        Assert.Equal(FactKey.Of(added), extracted.FactKey);
        var retracted = Assert.Single(events.OfType<FactRetracted>());
        Assert.Equal(FactKey.Of(dropped), retracted.FactKey);
        Assert.Equal(["Microsoft"], retracted.Companies);
    }

    [Fact]
    public void Amounts_stated_differently_share_one_identity()
    {
        var a = new Fact { Type = FactTypes.Investment, Investor = "Microsoft", Target = "OpenAI", AmountUsd = 13_000_000_000m };
        var b = a with { AmountUsd = 13_040_000_000m, Confidence = 0.5 };
        var c = a with { AmountUsd = 14_000_000_000m };
        Assert.Equal(FactKey.Of(a), FactKey.Of(b));
        Assert.NotEqual(FactKey.Of(a), FactKey.Of(c));
    }
}

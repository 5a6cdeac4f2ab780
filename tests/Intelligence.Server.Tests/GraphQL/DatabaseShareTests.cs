using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.GraphQL.Limits;
using Intelligence.Server.Hosting;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Intelligence.Server.Tests.GraphQL;

/// <summary>
/// One request cannot take the database: costly aliases are refused by complexity, and what is allowed runs a few
/// resolvers at a time, while a small query from another caller still answers at once.
/// </summary>
public sealed class DatabaseShareTests(PostgresDatabase db, ITestOutputHelper output) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const int Articles = 600;

    public async Task InitializeAsync()
    {
        // Articles with long texts: a `search` reads every one of them (sequential scan with ILIKE).
        await using var app = await Start(db.ConnectionString, _ => { });
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var words = string.Join(' ', Enumerable.Range(0, 1_000).Select(i => $"word{i % 397}"));
        var articles = Enumerable.Range(0, Articles).Select(i => new ArticleView
        {
            Id = new Guid(i, 0, 0, new byte[8]), Url = $"https://example.com/{i}", CanonicalUrl = $"https://example.com/{i}", Title = $"Article {i}",
            Language = "en", Text = $"{words} token{i:D5}", IngestedAt = DateTimeOffset.UtcNow, Sequence = i + 1, TextHash = i.ToString(),
        }).ToList();
        // xunit builds the class for each test: seed the shared database once.
        await using (var session = store.QuerySession())
            if (await session.Query<ArticleView>().AnyAsync()) return;
        await store.BulkInsertDocumentsAsync(articles);
        await app.StopAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<WebApplication> Start(string connectionString, Action<GraphQLLimits> limits)
    {
        var options = new IntelligenceOptions { ConnectionString = connectionString, Port = 0, DevMode = true, CacheResponses = false };
        var app = IntelligenceHost.Build(options, builder => builder.Services.PostConfigure(limits));
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static string Aliases(int count, Func<int, string> field)
    {
        var query = new StringBuilder("{ ");
        for (var i = 0; i < count; i++) query.Append($"a{i}: ").Append(field(i)).Append(' ');
        return query.Append('}').ToString();
    }

    private static string SearchCount(int i) => $"articles(first: 0, filter: {{ search: \"token{i:D5} word5\" }}) {{ totalCount }}";

    [Fact]
    public async Task A_thousand_aliases_of_a_search_count_or_of_an_asOf_fold_are_refused_before_running()
    {
        await using var app = await Start(db.ConnectionString, _ => { });
        using var http = new HttpClient { BaseAddress = Address(app) };
        // The GraphQL-over-HTTP media type answers a document refused in validation with 400 (application/json would say 200).
        http.DefaultRequestHeaders.Accept.Add(new("application/graphql-response+json"));
        foreach (var query in new[] { Aliases(1_000, SearchCount), Aliases(1_000, i => $"company(name: \"OpenAI\", asOf: \"2026-0{1 + i % 9}-01T00:00:00Z\") {{ name }}") })
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync("/graphql", new { query });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            output.WriteLine($"1,000 aliases: HTTP {(int)response.StatusCode} in {clock.ElapsedMilliseconds} ms: {body["errors"]?[0]?["message"]}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("complexity", body.AsObject().Errors()[0].Message, StringComparison.OrdinalIgnoreCase);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refusal took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task What_one_request_may_run_takes_a_few_connections_and_a_small_query_still_answers_in_under_a_second()
    {
        const int perRequest = 4;
        await using var app = await Start(db.ConnectionString, limits => limits.ConnectionsPerRequest = perRequest);
        using var http = new HttpClient { BaseAddress = Address(app), Timeout = TimeSpan.FromSeconds(60) };
        const int allowed = 40;
        var big = Aliases(allowed, SearchCount);
        // The small query once alone first: its first run on a fresh host (parsing, query plans) is not what is measured.
        var alone = Stopwatch.StartNew();
        using (var first = await http.PostAsJsonAsync("/graphql", new { query = "{ articles(first: 1) { nodes { title } } }" }))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        alone.Stop();
        var running = http.PostAsJsonAsync("/graphql", new { query = big });

        var peak = 0;
        var slowest = TimeSpan.Zero;
        var probes = 0;
        await using var watcher = new NpgsqlConnection(db.ConnectionString);
        await watcher.OpenAsync();
        while (!running.IsCompleted)
        {
            peak = Math.Max(peak, await RunningSearches(watcher));
            var clock = Stopwatch.StartNew();
            using var small = await http.PostAsJsonAsync("/graphql", new { query = "{ articles(first: 1) { nodes { title } } }" });
            clock.Stop();
            Assert.Equal(HttpStatusCode.OK, small.StatusCode);
            if (!running.IsCompleted) { slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest; probes++; }
            await Task.Delay(50);
        }
        using var result = await running;
        var body = JsonNode.Parse(await result.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString()[..Math.Min(500, body.ToJsonString().Length)]);
        for (var i = 0; i < allowed; i++) Assert.Equal(1, body.AsObject().DataAt<Connection<JsonNode>>($"a{i}").TotalCount);
        output.WriteLine($"{allowed} search counts in one request: at most {peak} searches running at once; " +
                         $"small query slowest {slowest.TotalMilliseconds:0} ms over {probes} probes (alone, before: {alone.ElapsedMilliseconds} ms)");
        Assert.True(peak <= perRequest, $"{peak} searches ran at once for one request (limit {perRequest})");
        Assert.True(probes > 0, "The big request finished before any probe: the test measured nothing.");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"A small query took {slowest.TotalMilliseconds:0} ms while the big one ran");
    }

    /// <summary>Statements scanning article texts right now, on this test database.</summary>
    private async Task<int> RunningSearches(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and state = 'active' and query ilike '%ilike%' and pid <> pg_backend_pid()", connection);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }
}

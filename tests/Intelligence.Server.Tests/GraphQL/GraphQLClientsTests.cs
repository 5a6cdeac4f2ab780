using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;

namespace Intelligence.Server.Tests.GraphQL;

/// <summary>
/// A dev-mode server (anonymous reads from loopback, as `ops/demo.sh` runs it) over a fresh ingest of the sample
/// corpus, and the npm packages of tests/.../GraphQL/js installed once.
/// </summary>
public sealed class SampleCorpusServer : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();
    public RunningServer Server { get; private set; } = null!;
    public string ReaderKey { get; private set; } = "";
    public Uri GraphQLUri => new(Server.BaseAddress, "/graphql");

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Intelligence.Server.Tests", "GraphQL", "js");

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        Server = await RunningServer.Start(_db.ConnectionString);
        ReaderKey = await Server.CreateKey("reader");
        foreach (var page in Directory.GetFiles(RepoPaths.SampleCorpus, "*.html").Order(StringComparer.Ordinal))
            await Server.IngestSample(Path.GetFileName(page));
    }

    public async Task<IReadOnlyList<JsonNode>> Node(params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "graphql-http")))
        {
            var install = await ExternalTool.Run(Folder, "npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(3));
            Assert.True(install.Code == 0, "npm ci failed (the npm registry must be reachable once): " + install.Stderr);
        }
        var run = await ExternalTool.Run(Folder, "node", "clients.mjs " + string.Join(' ', arguments.Select(a => $"\"{a}\"")), TimeSpan.FromMinutes(2));
        Assert.True(run.Code == 0, $"node clients.mjs {arguments[0]} failed ({run.Code}): {run.Stderr}\n{run.Stdout}");
        return run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _db.DisposeAsync();
    }
}

/// <summary>The tools and clients analysts and front-end developers use, run for real against the server (node + npm).</summary>
public sealed class GraphQLClientsTests(SampleCorpusServer corpus) : IClassFixture<SampleCorpusServer>
{
    private sealed record TimeTravel(CompanyView Company, CompanyView Before);

    private sealed record CompanyView(string Id, List<JsonNode> Losses);

    private static readonly string SchemaFile = Path.Combine(RepoPaths.Root, "schemas", "graphql", "schema.graphql");
    private static readonly string GraphQLDoc = Path.Combine(RepoPaths.Root, "docs", "graphql.md");

    [NodeFact]
    public async Task Graphql_js_introspection_builds_the_checked_in_schema()
    {
        var results = await corpus.Node("introspect", corpus.GraphQLUri.ToString(), corpus.ReaderKey, SchemaFile);
        Assert.Equal(["default", "extended"], results.Select(r => (string)r["variant"]!));
        foreach (var result in results)
            Assert.True((bool)result["equal"]!, $"{result["variant"]}: buildClientSchema differs from schema.graphql: {result.ToJsonString()}");
    }

    [NodeFact]
    public async Task The_graphql_http_audit_passes_every_must_and_explains_every_failing_should()
    {
        var results = await corpus.Node("audit", corpus.GraphQLUri.ToString(), corpus.ReaderKey);
        Assert.True(results.Count > 30, $"Only {results.Count} audits ran.");
        var failedMusts = results.Where(r => (string)r["status"]! == "error").Select(r => $"{r["name"]}: {r["reason"]}").ToList();
        Assert.True(failedMusts.Count == 0, "MUST audits failed:\n" + string.Join('\n', failedMusts));
        var explained = File.ReadAllText(GraphQLDoc);
        var unexplained = results.Where(r => (string)r["status"]! == "warn" && !explained.Contains((string)r["id"]!, StringComparison.Ordinal))
            .Select(r => $"{r["id"]} {r["name"]}: {r["reason"]}").ToList();
        Assert.True(unexplained.Count == 0, "SHOULD audits failing without a reason in docs/graphql.md:\n" + string.Join('\n', unexplained));
    }

    [NodeFact]
    public async Task Urql_with_default_settings_answers_the_readme_tour()
    {
        var queries = ReadmeTourQueries();
        Assert.True(queries.Count >= 6, $"Found {queries.Count} tour queries in README.md.");
        var file = Path.Combine(Path.GetTempPath(), $"tour-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(queries));
        try
        {
            var results = await corpus.Node("urql", corpus.GraphQLUri.ToString(), file);
            Assert.Equal(queries.Count, results.Count);
            foreach (var result in results)
            {
                Assert.True(result["error"] is null, $"{result["query"]} -> {result["error"]}");
                var data = result.AsObject().DataAt<JsonObject>();
                Assert.All(data, field => Assert.True(field.Value is not null, $"`{field.Key}` is null for {result["query"]}"));
            }
            Assert.Contains(results, r => (string?)r["method"] == "GET");
            // The tour's time-travel example returns a past view that is not the live one.
            var travel = results.Single(r => ((string)r["query"]!).Contains("asOf:", StringComparison.Ordinal)).AsObject().DataAt<TimeTravel>();
            Assert.NotEqual(travel.Company.Id, travel.Before.Id);
            Assert.True(travel.Before.Losses.Count < travel.Company.Losses.Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [NodeFact]
    public async Task Apollo_InMemoryCache_keeps_a_live_and_an_asOf_company_apart()
    {
        var result = (await corpus.Node("apollo", corpus.GraphQLUri.ToString(), "2026-02-10T00:00:00Z")).Single();
        var live = result["live"]!;
        var past = result["past"]!;
        Assert.NotEqual((string?)live["id"], (string?)past["id"]);
        Assert.True(live["losses"]!.AsArray().Count > 0, result.ToJsonString());
        Assert.Empty(past["losses"]!.AsArray());
        Assert.Equal(live["losses"]!.AsArray().Count, result["cachedLive"]!["losses"]!.AsArray().Count);
        Assert.Empty(result["cachedPast"]!["losses"]!.AsArray());
    }

    /// <summary>The ```graphql blocks of README's tour that are queries (mutations need a key and change data).</summary>
    internal static List<string> ReadmeTourQueries()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("## A tour of the GraphQL API", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        var tour = readme[start..end];
        return Regex.Matches(tour, "```graphql\\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value.Trim())
            .Where(q => q.StartsWith('{'))
            .ToList();
    }
}

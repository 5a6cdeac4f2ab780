using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intelligence.Cli.Extraction;
using Intelligence.Cli.Hosting;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.GraphQL.Limits;
using Intelligence.Server.Hosting;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Intelligence.Cli.Benchmarks;

/// <summary>
/// `intel bench flood`: one request of a thousand costly aliases (a full-text search count each, or a company state
/// folded as of a date each) against a server holding real articles, while another caller sends a small query every
/// 100 ms. The small query alone, before the flood, is the baseline. Run with the limits as shipped (the flood is
/// refused by complexity) and with the complexity limit lifted (only the per-request database share bounds it).
/// </summary>
public static class FloodBench
{
    private const string BenchSchema = "intel_bench_flood";
    private const string SmallQuery = "{ articles(first: 1) { nodes { title } } }";

    public static void AddTo(Command bench)
    {
        var corpus = new Option<string?>("--corpus") { Description = "Directory of .txt/.html articles to ingest (default: ../shared/corpus/news-dev/passages, else samples/corpus)." };
        var aliases = new Option<int>("--aliases") { Description = "Aliases in the flooding request.", DefaultValueFactory = _ => 1_000 };
        var command = new Command("flood", "A request of N costly aliases against real articles, with the latency of a small query from another caller meanwhile.");
        command.Options.Add(corpus);
        command.Options.Add(aliases);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var dir = parse.GetValue(corpus) ?? DefaultCorpus() ?? throw new CliException("No corpus: pass --corpus <dir>.");
            var files = ArticleFiles.InDirectory(dir);
            if (files.Count == 0) throw new CliException($"No .txt/.html articles in {dir}.");
            var connectionString = CliHost.ConnectionString(parse);
            var options = new IntelligenceOptions { ConnectionString = connectionString, Schema = BenchSchema, Port = 0, DevMode = true, CacheResponses = false };
            // Articles are kept between runs; a schema holding fewer than the corpus is dropped before the host starts.
            var reseed = await BenchSchemas.Count(connectionString, $"{BenchSchema}.mt_doc_articleview", ct) < files.Count * 9 / 10;
            if (reseed) await BenchSchemas.Drop(connectionString, BenchSchema, ct);

            var n = parse.GetValue(aliases);
            await using (var shipped = await Start(options, lifted: false, ct))
            {
                if (reseed) await Ingest(shipped, files, ct);
                var articles = await BenchSchemas.Count(connectionString, $"{BenchSchema}.mt_doc_articleview", ct);
                Console.WriteLine($"corpus: {dir} — {articles} articles in the store; flooding request: {n:N0} aliases; small query every 100 ms from another client");
                await Phase(shipped, "limits as shipped", n, ct);
            }
            await using (var lifted = await Start(options, lifted: true, ct))
                await Phase(lifted, "complexity limit lifted (only the per-request database share bounds the request)", n, ct);
            return 0;
        }));
        bench.Subcommands.Add(command);
    }

    private static string? DefaultCorpus()
    {
        foreach (var candidate in new[] { "../shared/corpus/news-dev/passages", "samples/corpus" })
            if (Directory.Exists(candidate)) return candidate;
        return null;
    }

    private static async Task<WebApplication> Start(IntelligenceOptions options, bool lifted, CancellationToken ct)
    {
        var app = IntelligenceHost.Build(options, builder =>
        {
            if (lifted) builder.Services.PostConfigure<GraphQLLimits>(limits => { limits.MaxComplexity = int.MaxValue; limits.ExecutionTimeout = TimeSpan.FromMinutes(10); });
        });
        await app.StartAsync(ct);
        return app;
    }

    /// <summary>Each file as a page (a .txt file wrapped in minimal HTML), through the real pipeline; waits for analysis and projections.</summary>
    private static async Task Ingest(WebApplication app, IReadOnlyList<string> files, CancellationToken ct)
    {
        var bus = app.Services.GetRequiredService<IMessageBus>();
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var raw = await File.ReadAllTextAsync(file, ct);
            var html = file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? AsPage(raw) : raw;
            await bus.InvokeAsync<IngestResult>(new IngestArticle($"https://bench.example/{ArticleFiles.IdOf(file)}", html, "bench"), ct);
        }
        // Analysis is queued: wait for it (company states come from the facts), then for the async projections.
        var connectionString = app.Services.GetRequiredService<IntelligenceOptions>().ConnectionString;
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var unanalysed = db.CreateCommand($"""
            select count(*) filter (where type = 'article_ingested') - count(*) filter (where type = 'article_analyzed') from {BenchSchema}.mt_events
            """);
        while ((long)(await unanalysed.ExecuteScalarAsync(ct))! > 0 && clock.Elapsed < TimeSpan.FromMinutes(10))
            await Task.Delay(500, ct);
        await app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(5));
        Console.Error.WriteLine($"ingested {files.Count} files in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string AsPage(string text)
    {
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var title = WebUtility.HtmlEncode(paragraphs.FirstOrDefault() is { } first ? first[..Math.Min(first.Length, 90)] : "Article");
        var body = string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"));
        return $"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>";
    }

    private static async Task Phase(WebApplication app, string label, int n, CancellationToken ct)
    {
        var limits = app.Services.GetRequiredService<GraphQLLimits>();
        Console.WriteLine($"{label}: MaxComplexity {limits.MaxComplexity:N0}, ConnectionsPerRequest {limits.ConnectionsPerRequest}, ReaderConnections {limits.ReaderConnections}");
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var flooder = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(11) };
        using var prober = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(11) };
        var connectionString = app.Services.GetRequiredService<IntelligenceOptions>().ConnectionString;

        await Probe(prober, connectionString, Task.Delay(TimeSpan.FromSeconds(1), ct), ct); // warm-up
        var alone = await Probe(prober, connectionString, Task.Delay(TimeSpan.FromSeconds(3), ct), ct);
        Console.WriteLine($"  small query alone (baseline): {alone}");
        var shapes = new (string Name, Func<int, string> Field)[]
        {
            ("search totalCount", i => $"articles(first: 0, filter: {{ search: \"billion w{i}\" }}) {{ totalCount }}"),
            ("company(name:, asOf:)", i => $"company(name: \"OpenAI\", asOf: \"{new DateTime(2026, 1, 1).AddHours(i):yyyy-MM-ddTHH:mm:ssZ}\") {{ name }}"),
        };
        foreach (var (name, field) in shapes)
        {
            var query = new StringBuilder("{ ");
            for (var i = 0; i < n; i++) query.Append($"a{i}: ").Append(field(i)).Append(' ');
            query.Append('}');
            var clock = Stopwatch.StartNew();
            var flood = flooder.PostAsJsonAsync("/graphql", new { query = query.ToString() }, ct);
            var during = await Probe(prober, connectionString, flood, ct);
            using var response = await flood;
            var elapsed = clock.Elapsed;
            var body = await response.Content.ReadAsStringAsync(ct);
            var answer = JsonNode.Parse(body);
            var errors = answer?["errors"]?.AsArray();
            var data = answer?["data"]?.AsObject();
            var outcome = errors is { Count: > 0 }
                ? $"{errors.Count} error(s), first: {Shorten((string?)errors[0]?["message"])}"
                : $"{data?.Count ?? 0} aliases answered";
            Console.WriteLine($"  {n:N0} × {name}: HTTP {(int)response.StatusCode} in {elapsed.TotalSeconds:0.00} s — {outcome}");
            Console.WriteLine($"    small query meanwhile: {during}");
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 110 ? text : text[..110] + "…";

    /// <summary>The small query every 100 ms until <paramref name="until"/> completes, with the peak of this database's busy connections.</summary>
    private static async Task<Probes> Probe(HttpClient http, string connectionString, Task until, CancellationToken ct)
    {
        var latencies = new List<double>();
        var peak = 0L;
        await using var watcher = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await watcher.OpenAsync(ct);
        do
        {
            await using (var busy = new NpgsqlCommand("select count(*) from pg_stat_activity where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()", watcher))
                peak = Math.Max(peak, (long)(await busy.ExecuteScalarAsync(ct))!);
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync("/graphql", new { query = SmallQuery }, ct);
            await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw new CliException($"The small query failed with HTTP {(int)response.StatusCode}.");
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            await Task.WhenAny(until, Task.Delay(100, ct));
        } while (!until.IsCompleted);
        return new Probes(latencies, peak);
    }

    private sealed record Probes(List<double> Latencies, long PeakBusyConnections)
    {
        public override string ToString()
        {
            var sorted = Latencies.Order().ToArray();
            double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return $"{sorted.Length} probes, p50 {At(0.5):0} ms, p95 {At(0.95):0} ms, max {sorted[^1]:0} ms; busy connections at most {PeakBusyConnections}";
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using Intelligence.Cli.Hosting;
using Intelligence.Domain.Facts;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Hosting;
using Intelligence.Server.Partnerships.Timelines;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intelligence.Cli.Benchmarks;

/// <summary>
/// `intel bench api`: seeds N facts (in a separate schema), serves GraphQL on 127.0.0.1 and drives it with concurrent
/// clients on the timeline, company and facts queries; the same reads straight from SQL are measured in the same run.
/// </summary>
public static class ApiBench
{
    private const string BenchSchema = "intel_bench_api";
    private static readonly string[] Queries = ["timeline", "company", "facts"];

    public static void AddTo(Command bench)
    {
        var facts = new Option<int>("--facts") { Description = "Facts in the store.", DefaultValueFactory = _ => 100_000 };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 32 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per phase.", DefaultValueFactory = _ => 10 };
        var only = new Option<string[]>("--query") { Description = "Reads to measure: timeline, company, facts (default: all).", AllowMultipleArgumentsPerToken = true };
        only.AcceptOnlyFromAmong(Queries);
        var noResponseCache = new Option<bool>("--no-response-cache") { Description = "Execute every request (the response cache off), to see what it saves." };
        var command = new Command("api", "Requests/s and p50/p95/p99 of GraphQL reads under concurrent clients, next to the same reads in SQL.");
        foreach (var option in new Option[] { facts, clients, seconds, only, noResponseCache }) command.Options.Add(option);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var options = new IntelligenceOptions
            {
                ConnectionString = CliHost.ConnectionString(parse), Schema = BenchSchema, Port = 0, DevMode = true,
                CacheResponses = !parse.GetValue(noResponseCache),
            };
            // Seeded data is kept between runs; a schema holding too few facts is dropped before the host (and its
            // async daemon) starts, never wiped under it.
            var reseed = await BenchSchemas.Count(options.ConnectionString, $"{BenchSchema}.mt_doc_factview", ct) < parse.GetValue(facts) * 9 / 10;
            if (reseed) await BenchSchemas.Drop(options.ConnectionString, BenchSchema, ct);
            var app = IntelligenceHost.Build(options);
            await app.StartAsync(ct);
            try
            {
                var store = app.Services.GetRequiredService<IDocumentStore>();
                if (reseed) await Seed(store, parse.GetValue(facts), ct);
                await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10)); // timelines and profiles are async
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var http = new HttpClient { BaseAddress = new Uri(address) };
                var n = parse.GetValue(clients);
                var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
                Console.WriteLine($"facts in store: {parse.GetValue(facts):N0}; {n} clients; {duration.TotalSeconds:N0} s per phase; response cache {(options.CacheResponses ? "on" : "off")}");
                Console.WriteLine($"{"read",-22} {"req/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"CPU ms/req",11}");
                var db = app.Services.GetRequiredService<NpgsqlDataSource>();
                foreach (var query in parse.GetValue(only) is { Length: > 0 } chosen ? chosen : Queries)
                {
                    // One read at a time, so a slow read does not blur another's latency.
                    await Drive(n, TimeSpan.FromSeconds(1), query, GraphQLRead(http), ct); // warm-up
                    Report("GraphQL " + query, await Drive(n, duration, query, GraphQLRead(http), ct));
                    Report("SQL     " + query, await Drive(n, duration, query, SqlRead(db), ct));
                }
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
            return 0;
        }));
        bench.Subcommands.Add(command);
    }

    private static Func<string, CancellationToken, Task> GraphQLRead(HttpClient http) => async (query, ct) =>
    {
        var text = query switch
        {
            "timeline" => """{ partnership(a: "Microsoft", b: "OpenAI") { timeline(first: 100) { nodes { date type percent money { amount } sourceCount } } } }""",
            "company" => """{ company(name: "OpenAI") { name stakesIn { key latest { percent } } losses { key latest { money { amount } } } } }""",
            _ => """{ facts(first: 20, filter: { companies: ["OpenAI"], types: [STAKE, INVESTMENT] }) { nodes { type confidence sourceCount sources { outlet } } } }""",
        };
        using var response = await http.PostAsJsonAsync("/graphql", new { query = text }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode || body.Contains("\"errors\"")) throw new InvalidOperationException($"{query}: {body}");
    };

    private static Func<string, CancellationToken, Task> SqlRead(NpgsqlDataSource db) => async (query, ct) =>
    {
        await using var command = query switch
        {
            "timeline" => db.CreateCommand($"select data from {BenchSchema}.mt_doc_partnershiptimeline where id = 'Microsoft + OpenAI'"),
            "company" => db.CreateCommand($"select data from {BenchSchema}.mt_doc_companyprofile where id = 'OpenAI'"),
            _ => db.CreateCommand($"select data from {BenchSchema}.mt_doc_factview where data @> '{{\"companies\":[\"OpenAI\"]}}' and data ->> 'type' in ('stake', 'investment') order by (data ->> 'firstSequence')::bigint limit 21"),
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) _ = reader.GetString(0);
    };

    /// <summary>Latencies of every read, the phase's wall time, and this process's CPU time (client and server both run here; PostgreSQL does not).</summary>
    private sealed record Phase(List<double> Samples, TimeSpan Wall, TimeSpan Cpu);

    private static async Task<Phase> Drive(int clients, TimeSpan duration, string query, Func<string, CancellationToken, Task> read, CancellationToken ct)
    {
        var samples = new List<double>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = new List<double>();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                await read(query, ct);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            lock (samples) samples.AddRange(mine);
        }));
        return new Phase(samples, Stopwatch.GetElapsedTime(started), Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    private static void Report(string label, Phase phase)
    {
        var sorted = phase.Samples.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"{label,-22} {sorted.Length / phase.Wall.TotalSeconds,9:N0} {At(0.50),8:F1} {At(0.95),8:F1} {At(0.99),8:F1} {phase.Cpu.TotalMilliseconds / sorted.Length,11:F2}");
    }

    /// <summary>
    /// N facts over 2,000 companies and 20 facts per article; Microsoft–OpenAI gets a realistic long timeline (300 facts),
    /// other pairs a handful each. Appended through Marten so the inline projections build the views as in production.
    /// </summary>
    private static async Task Seed(IDocumentStore store, int n, CancellationToken ct)
    {
        var random = new Random(42);
        var companies = Enumerable.Range(0, 2000).Select(i => $"Company {i:D4}").Concat(["Microsoft", "OpenAI"]).ToArray();
        var types = new[] { FactTypes.Stake, FactTypes.Investment, FactTypes.Loss, FactTypes.Revenue, FactTypes.Partnership };
        var clock = Stopwatch.StartNew();
        const int perArticle = 20, articlesPerSession = 50;
        for (var written = 0; written < n;)
        {
            await using var session = store.LightweightSession();
            for (var a = 0; a < articlesPerSession && written < n; a++)
            {
                var article = Guid.NewGuid();
                var published = DateTimeOffset.UtcNow.AddDays(-random.Next(0, 700));
                var events = new List<object>();
                for (var f = 0; f < perArticle && written < n; f++, written++)
                {
                    var keyPair = written % 333 == 0;
                    var holder = keyPair ? "Microsoft" : companies[random.Next(companies.Length)];
                    var target = keyPair ? "OpenAI" : companies[random.Next(companies.Length)];
                    if (holder == target) target = companies[(Array.IndexOf(companies, holder) + 1) % companies.Length];
                    var type = types[random.Next(types.Length)];
                    var fact = type switch
                    {
                        FactTypes.Stake => new Fact { Type = type, Holder = holder, Target = target, Percent = random.Next(1, 60) },
                        FactTypes.Investment => new Fact { Type = type, Investor = holder, Target = target, AmountUsd = random.Next(1, 500) * 100_000_000m },
                        FactTypes.Partnership => new Fact { Type = type, Parties = [holder, target], Change = "formed" },
                        _ => new Fact { Type = type, Company = target, AmountUsd = random.Next(1, 500) * 100_000_000m, Period = $"{random.Next(2020, 2030)}" },
                    };
                    fact = fact with { Confidence = 0.5 + random.NextDouble() / 2, Expert = type, Evidence = new Evidence(f, 0, 80, $"Synthetic report {written} about {holder} and {target}.") };
                    events.Add(new FactExtracted(article, FactKey.Of(fact), fact, "bench/1", published, $"Outlet {random.Next(40)}", published));
                }
                session.Events.StartStream(article, events);
            }
            await session.SaveChangesAsync(ct);
            if (!Console.IsErrorRedirected) Console.Error.Write($"\rseeding {written:N0}/{n:N0} facts ({written / clock.Elapsed.TotalSeconds:N0}/s)   ");
        }
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();
    }
}

using System.CommandLine;
using System.Diagnostics;
using Intelligence.Cli.Hosting;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Hosting;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Wolverine;

namespace Intelligence.Cli.Benchmarks;

/// <summary>
/// `intel bench pipeline --articles N`: N generated news pages end to end — read, dedup, append, analyse (summarizer),
/// inline and async projections — until every article is analysed and the async daemon has caught up; next to a raw binary COPY of as many rows as events appended.
/// A warm-up batch runs end to end first (JIT, connection pools, caches), as a running server would have.
/// </summary>
public static class PipelineBench
{
    private const string BenchSchema = "intel_bench_pipeline";

    public static void AddTo(Command bench)
    {
        var articles = new Option<int>("--articles") { Description = "Articles to ingest (measured).", DefaultValueFactory = _ => 500 };
        var warmup = new Option<int>("--warmup") { Description = "Articles ingested end to end before the clock starts (JIT, pools, caches), not counted.", DefaultValueFactory = _ => 200 };
        var parallel = new Option<int>("--parallel") { Description = "Concurrent ingests (a crawler fetching that many pages at once).", DefaultValueFactory = _ => 8 };
        var command = new Command("pipeline", "Articles/s and events/s end to end (ingest → analysis → projections), next to a binary COPY baseline.");
        command.Options.Add(articles);
        command.Options.Add(warmup);
        command.Options.Add(parallel);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var n = parse.GetValue(articles);
            var warm = parse.GetValue(warmup);
            await BenchSchemas.Drop(CliHost.ConnectionString(parse), BenchSchema, ct); // a fresh store per run
            var app = IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = CliHost.ConnectionString(parse), Schema = BenchSchema, ServeHttp = false });
            await app.StartAsync(ct);
            try
            {
                var run = new PipelineRun(app.Services, parse.GetValue(parallel));
                if (warm > 0)
                {
                    var warmed = await run.IngestAndWait(0, warm, ct);
                    Progress($"warm-up: {warm:N0} articles in {warmed.Elapsed.TotalSeconds:F1} s");
                    if (!Console.IsErrorRedirected) Console.Error.WriteLine();
                }
                var eventsBefore = await run.EventCount(ct);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var runtimeBefore = RuntimeCounters.Now();
                var result = await run.IngestAndWait(warm, n, ct);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                var runtime = RuntimeCounters.Now() - runtimeBefore;
                var events = await run.EventCount(ct) - eventsBefore;
                var copyRate = await CopyBaseline(app.Services.GetRequiredService<NpgsqlDataSource>(), events, ct);

                var elapsed = result.Elapsed;
                Console.WriteLine($"articles: {result.Analysed:N0}/{n:N0} analysed in {elapsed.TotalSeconds:F1} s → {result.Analysed / elapsed.TotalSeconds:N1} articles/s, {events / elapsed.TotalSeconds:N0} events/s ({events:N0} events; after a warm-up of {warm:N0} articles)");
                Console.WriteLine($"  ingest commands done at {result.Ingested.TotalSeconds:F1} s; analyses caught up at {result.AnalysedAt.TotalSeconds:F1} s; async daemon caught up at {elapsed.TotalSeconds:F1} s");
                Console.WriteLine($"  this process: {cpu.TotalMilliseconds / n:F1} CPU ms per article ({cpu.TotalSeconds:F1} s of CPU in {elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores); PostgreSQL's CPU is not included");
                Console.WriteLine($"  runtime: {runtime.AllocatedBytes / 1024.0 / n:N0} KB allocated per article, {runtime.Gen0} gen0 / {runtime.Gen1} gen1 / {runtime.Gen2} gen2 collections, GC pauses {runtime.GcPause.TotalMilliseconds:N0} ms, JIT {runtime.JitMethods:N0} methods in {runtime.JitTime.TotalMilliseconds:N0} ms");
                Console.WriteLine($"binary COPY of {events:N0} rows: {copyRate:N0} rows/s → pipeline/COPY ratio {events / elapsed.TotalSeconds / copyRate:F3}");
                return result.Analysed == n ? 0 : 1;
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }));
        bench.Subcommands.Add(command);
    }

    private readonly record struct RuntimeCounters(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long JitMethods, TimeSpan JitTime)
    {
        public static RuntimeCounters Now() => new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration(), System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());

        public static RuntimeCounters operator -(RuntimeCounters a, RuntimeCounters b) => new(a.AllocatedBytes - b.AllocatedBytes,
            a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.GcPause - b.GcPause, a.JitMethods - b.JitMethods, a.JitTime - b.JitTime);
    }

    private sealed record RunResult(long Analysed, TimeSpan Ingested, TimeSpan AnalysedAt, TimeSpan Elapsed);

    /// <summary>Ingests generated pages through the bus and waits until they are analysed and the async daemon has caught up.</summary>
    private sealed class PipelineRun(IServiceProvider services, int parallel)
    {
        private readonly IDocumentStore _store = services.GetRequiredService<IDocumentStore>();
        private readonly IMessageBus _bus = services.GetRequiredService<IMessageBus>();

        public async Task<RunResult> IngestAndWait(int first, int count, CancellationToken ct)
        {
            var pages = Enumerable.Range(first, count).Select(GeneratedArticles.Page).ToArray();
            var analysedBefore = await AnalysedCount(ct);
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
                async (i, token) => await _bus.InvokeAsync<IngestResult>(new IngestArticle($"https://bench.example/news/{first + i}", pages[i], "bench"), token));
            var ingested = clock.Elapsed;
            long analysed;
            do
            {
                analysed = await AnalysedCount(ct) - analysedBefore;
                if (analysed < count) await Task.Delay(200, ct);
                Progress($"ingested {count:N0} in {ingested.TotalSeconds:F1} s; analysed {analysed:N0}/{count:N0}");
            } while (analysed < count && clock.Elapsed < TimeSpan.FromMinutes(10));
            var analysedAt = clock.Elapsed;
            Progress($"analysed {analysed:N0} in {analysedAt.TotalSeconds:F1} s; waiting for the async daemon");
            await _store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
            if (!Console.IsErrorRedirected) Console.Error.WriteLine();
            return new RunResult(analysed, ingested, analysedAt, clock.Elapsed);
        }

        private async Task<long> AnalysedCount(CancellationToken ct)
        {
            await using var session = _store.QuerySession();
            return await session.Query<ArticleView>().CountAsync(a => a.ExtractorVersion != null, ct);
        }

        public async Task<long> EventCount(CancellationToken ct)
        {
            await using var count = services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"select count(*) from {BenchSchema}.mt_events");
            return (long)(await count.ExecuteScalarAsync(ct))!;
        }
    }

    private static long _lastProgress;

    /// <summary>A live line on a terminal; a line a second when stderr is redirected.</summary>
    private static void Progress(string line)
    {
        if (!Console.IsErrorRedirected) Console.Error.Write($"\r{line}   ");
        else if (Stopwatch.GetElapsedTime(_lastProgress) > TimeSpan.FromSeconds(1))
        {
            _lastProgress = Stopwatch.GetTimestamp();
            Console.Error.WriteLine(line);
        }
    }

    private static async Task<double> CopyBaseline(NpgsqlDataSource db, long rows, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand("create temp table bench_copy (id uuid, stream uuid, type text, data jsonb)", connection))
            await create.ExecuteNonQueryAsync(ct);
        const string data = """{"articleId":"00000000-0000-0000-0000-000000000000","fact":{"type":"stake","holder":"Microsoft","target":"OpenAI","percent":27}}""";
        var clock = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync("copy bench_copy (id, stream, type, data) from stdin (format binary)", ct))
        {
            for (var i = 0; i < rows; i++)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync("fact_extracted", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(data, NpgsqlDbType.Jsonb, ct);
            }
            await copy.CompleteAsync(ct);
        }
        return rows / clock.Elapsed.TotalSeconds;
    }
}

/// <summary>Distinct synthetic news pages: sentences drawn from bilingual-style templates with varied companies and figures.</summary>
public static class GeneratedArticles
{
    private static readonly string[] Companies = ["Microsoft", "OpenAI", "Anthropic", "Nvidia", "Amazon", "Google", "Meta", "Mistral AI", "xAI", "Apple", "Oracle", "IBM"];

    private static readonly string[] Templates =
    [
        "{0} said on Tuesday it had taken a {2}% stake in {1}, valuing the start-up at several billion dollars.",
        "{0} will invest up to ${3} billion in {1} over the next three years, the companies announced.",
        "{0} expects a loss of ${3} billion in {4}, according to documents seen by analysts.",
        "{0} reported revenue of ${3} billion for the quarter, ahead of expectations.",
        "{0} plans capital expenditure of ${3} billion in fiscal {4}, mostly on data centres.",
        "{0} filed a lawsuit against {1} over the use of copyrighted material in training data.",
        "{0} and {1} announced an expanded partnership covering cloud capacity and model distribution.",
        "{0} launched a new model called Nova-{2}, aimed at enterprise customers.",
        "{0} appointed a new chief technology officer, who joins from {1}.",
        "Shares of {0} rose {2}% in early trading after the announcement.",
        "Analysts said the deal could reshape competition between {0} and {1} in the coming years.",
        "The company declined to comment on the terms of the agreement with {1}.",
        "Regulators in Brussels are expected to review the transaction before the end of {4}.",
        "People familiar with the matter said talks between {0} and {1} had lasted several months.",
    ];

    public static string Page(int seed)
    {
        var random = new Random(seed);
        string Company() => Companies[random.Next(Companies.Length)];
        var paragraphs = Enumerable.Range(0, 8).Select(_ =>
        {
            var a = Company();
            var b = Company();
            if (a == b) b = Companies[(Array.IndexOf(Companies, a) + 1) % Companies.Length];
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[random.Next(Templates.Length)],
                a, b, random.Next(2, 60), random.Next(1, 200), random.Next(2024, 2030));
        });
        return $"""
            <html lang="en"><head><title>Generated report {seed}</title>
            <meta property="article:published_time" content="2026-{1 + seed % 12:D2}-{1 + seed % 28:D2}T08:00:00Z"></head>
            <body><article><h1>Generated report {seed}</h1>{string.Concat(paragraphs.Select(p => $"<p>{p} (ref {seed})</p>"))}</article></body></html>
            """;
    }
}

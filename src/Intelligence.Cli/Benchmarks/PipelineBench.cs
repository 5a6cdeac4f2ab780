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
/// </summary>
public static class PipelineBench
{
    private const string BenchSchema = "intel_bench_pipeline";

    public static void AddTo(Command bench)
    {
        var articles = new Option<int>("--articles") { Description = "Articles to ingest.", DefaultValueFactory = _ => 500 };
        var parallel = new Option<int>("--parallel") { Description = "Concurrent ingests.", DefaultValueFactory = _ => 4 };
        var command = new Command("pipeline", "Articles/s and events/s end to end (ingest → analysis → projections), next to a binary COPY baseline.");
        command.Options.Add(articles);
        command.Options.Add(parallel);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var n = parse.GetValue(articles);
            await BenchSchemas.Drop(CliHost.ConnectionString(parse), BenchSchema, ct); // a fresh store per run
            var app = IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = CliHost.ConnectionString(parse), Schema = BenchSchema, ServeHttp = false });
            await app.StartAsync(ct);
            try
            {
                var store = app.Services.GetRequiredService<IDocumentStore>();
                var pages = Enumerable.Range(0, n).Select(GeneratedArticles.Page).ToArray();
                var bus = app.Services.GetRequiredService<IMessageBus>();

                var clock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = parse.GetValue(parallel), CancellationToken = ct },
                    async (i, token) => await bus.InvokeAsync<IngestResult>(new IngestArticle($"https://bench.example/news/{i}", pages[i], "bench"), token));
                var ingested = clock.Elapsed;
                long analysed;
                do
                {
                    await using var session = store.QuerySession();
                    analysed = await session.Query<ArticleView>().CountAsync(a => a.ExtractorVersion != null, ct);
                    if (analysed < n) await Task.Delay(50, ct);
                    Progress($"ingested {n:N0} in {ingested.TotalSeconds:F1} s; analysed {analysed:N0}/{n:N0}");
                } while (analysed < n && clock.Elapsed < TimeSpan.FromMinutes(10));
                var analysedAt = clock.Elapsed;
                Progress($"analysed {analysed:N0} in {analysedAt.TotalSeconds:F1} s; waiting for the async daemon");
                await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
                if (!Console.IsErrorRedirected) Console.Error.WriteLine();
                var elapsed = clock.Elapsed;

                var db = app.Services.GetRequiredService<NpgsqlDataSource>();
                long events;
                await using (var count = db.CreateCommand($"select count(*) from {BenchSchema}.mt_events"))
                    events = (long)(await count.ExecuteScalarAsync(ct))!;
                var copyRate = await CopyBaseline(db, events, ct);

                Console.WriteLine($"articles: {analysed:N0}/{n:N0} analysed in {elapsed.TotalSeconds:F1} s → {analysed / elapsed.TotalSeconds:N1} articles/s, {events / elapsed.TotalSeconds:N0} events/s ({events:N0} events)");
                Console.WriteLine($"  ingest commands done at {ingested.TotalSeconds:F1} s; analyses caught up at {analysedAt.TotalSeconds:F1} s; async daemon caught up at {elapsed.TotalSeconds:F1} s");
                Console.WriteLine($"binary COPY of {events:N0} rows: {copyRate:N0} rows/s → pipeline/COPY ratio {events / elapsed.TotalSeconds / copyRate:F3}");
                return analysed == n ? 0 : 1;
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }));
        bench.Subcommands.Add(command);
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

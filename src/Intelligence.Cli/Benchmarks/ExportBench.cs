using System.CommandLine;
using System.Diagnostics;
using Intelligence.Cli.Hosting;
using Intelligence.Server.Hosting;
using Intelligence.Server.Replay;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Intelligence.Cli.Benchmarks;

/// <summary>
/// `intel bench export --events N`: seeds N synthetic fact events into a separate schema (intel_bench), then measures
/// each export format against a raw `COPY (SELECT … FROM mt_events …) TO STDOUT` baseline in the same run.
/// </summary>
public static class ExportBench
{
    private const string BenchSchema = "intel_bench";

    public static void AddTo(Command bench)
    {
        var events = new Option<int>("--events") { Description = "How many events to export.", DefaultValueFactory = _ => 200_000 };
        var command = new Command("export", "Events/s of jsonl, csv and parquet exports next to a COPY baseline; peak working set.");
        command.Options.Add(events);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var n = parse.GetValue(events);
            var connectionString = CliHost.ConnectionString(parse);
            await EnsureSchema(connectionString, ct);
            await using var db = NpgsqlDataSource.Create(connectionString);
            await Seed(db, n, ct);
            var reader = new EventReader(db, BenchSchema);
            var range = new EventRange();

            var baseline = await CopyBaseline(db, reader, range, ct);
            Console.WriteLine($"events in store: {n:N0}");
            Console.WriteLine($"{"COPY baseline",-14} {baseline,12:N0} rows/s   (ratio 1.00)");
            // Each export runs as its own `intel events export` process: the figures (and the peak working set) are the command's own.
            foreach (var format in new[] { ExportFormat.Jsonl, ExportFormat.Csv, ExportFormat.Parquet })
            {
                var name = format.ToString().ToLowerInvariant();
                var path = Path.Combine(Path.GetTempPath(), $"intel-bench-{Guid.NewGuid():N}.{name}");
                try
                {
                    var (rate, peakMb) = await RunExport(connectionString, name, path, ct);
                    var size = new FileInfo(path).Length;
                    Console.WriteLine($"{name,-14} {rate,12:N0} events/s (ratio {rate / baseline:F2})  {size / 1e6:N1} MB  peak working set {peakMb} MB");
                }
                finally
                {
                    File.Delete(path);
                    File.Delete(path + ".manifest.json");
                }
            }
            return 0;
        }));
        bench.Subcommands.Add(command);
    }

    private static async Task<(double Rate, long PeakMb)> RunExport(string connectionString, string format, string path, CancellationToken ct)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ExportBench).Assembly.Location);
        foreach (var arg in new[] { "events", "export", "--schema", BenchSchema, "--format", format, "--out", path, "--db", connectionString })
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync(ct);
        await child.StandardOutput.ReadToEndAsync(ct);
        await child.WaitForExitAsync(ct);
        var report = await stderr;
        var match = System.Text.RegularExpressions.Regex.Match(report, @"\(([\d,]+) events/s\).*peak working set (\d+) MB");
        if (child.ExitCode != 0 || !match.Success) throw new CliException($"export {format} failed: {report.Trim()}");
        return (double.Parse(match.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value));
    }

    private static async Task<double> CopyBaseline(NpgsqlDataSource db, EventReader reader, EventRange range, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var select = reader.Build(connection, range, "seq_id, id, stream_id, type, version, timestamp, tenant_id, data");
        var sql = select.CommandText;
        foreach (NpgsqlParameter p in select.Parameters) throw new InvalidOperationException("baseline range must have no parameters: " + p.ParameterName);
        var clock = Stopwatch.StartNew();
        long rows = 0;
        using (var copy = await connection.BeginTextExportAsync($"COPY ({sql}) TO STDOUT", ct))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await copy.ReadAsync(buffer, ct)) > 0)
                rows += buffer.AsSpan(0, read).Count('\n');
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static async Task EnsureSchema(string connectionString, CancellationToken ct)
    {
        var app = IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = connectionString, Schema = BenchSchema, ServeHttp = false });
        await app.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await app.DisposeAsync();
    }

    /// <summary>Brings the bench store to exactly n events (1,000 per stream) with binary COPY; not part of the measurement.</summary>
    private static async Task Seed(NpgsqlDataSource db, int n, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using (var count = new NpgsqlCommand($"select count(*) from {BenchSchema}.mt_events", connection))
            if ((long)(await count.ExecuteScalarAsync(ct))! == n) return;
        await using (var clear = new NpgsqlCommand($"truncate {BenchSchema}.mt_events, {BenchSchema}.mt_streams", connection))
            await clear.ExecuteNonQueryAsync(ct);

        Console.Error.WriteLine($"seeding {n:N0} events into {BenchSchema} …");
        var streams = Enumerable.Range(0, (n + 999) / 1000).Select(_ => Guid.NewGuid()).ToArray();
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        await using (var copy = await connection.BeginBinaryImportAsync($"copy {BenchSchema}.mt_streams (id, type, version, timestamp, created, tenant_id, is_archived) from stdin (format binary)", ct))
        {
            foreach (var stream in streams)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(stream, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync("article_view", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(1000L, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync($"copy {BenchSchema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived) from stdin (format binary)", ct))
        {
            for (var i = 0; i < n; i++)
            {
                var article = streams[i / 1000];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync((long)i + 1, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(article, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync((long)(i % 1000) + 1, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(SampleFact(article, i), NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync("fact_extracted", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(now.AddMilliseconds(i), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Intelligence.Domain.Facts.FactExtracted, Intelligence.Domain", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using var analyze = new NpgsqlCommand($"select setval(pg_get_serial_sequence('{BenchSchema}.mt_events', 'seq_id'), {Math.Max(1, n)}); analyze {BenchSchema}.mt_events", connection);
        await analyze.ExecuteNonQueryAsync(ct);
    }

    private static string SampleFact(Guid article, int i) =>
        $$$"""{"articleId":"{{{article}}}","factKey":"stake|microsoft|openai|p{{{i % 50}}}","fact":{"type":"stake","holder":"Microsoft","target":"OpenAI","percent":{{{i % 50}}}.0,"confidence":0.9,"expert":"stake","evidence":{"sentence":{{{i % 40}}},"start":120,"end":190,"quote":"Microsoft holds a {{{i % 50}}} % stake in OpenAI Group PBC, valued at about $135 billion."}},"extractorVersion":"cpu-moe/1.0.0","publishedAt":"2026-02-11T08:00:00+00:00","outlet":"The Meridian Ledger","extractedAt":"2026-02-11T08:01:00+00:00"}""";
}

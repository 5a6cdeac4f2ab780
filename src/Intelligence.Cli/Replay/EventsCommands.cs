using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Intelligence.Cli.Hosting;
using Intelligence.Server.Replay;
using Npgsql;

namespace Intelligence.Cli.Replay;

/// <summary>`intel events export|tail`: the raw history for data scientists.</summary>
public static class EventsCommands
{
    public static void AddTo(RootCommand root)
    {
        var events = new Command("events", "Replay the event store: export to files, follow live.");
        events.Subcommands.Add(Export());
        events.Subcommands.Add(Tail());
        root.Subcommands.Add(events);
    }

    private static readonly Option<string?> Schema = new("--schema") { Description = "Event store schema.", DefaultValueFactory = _ => "intel" };
    private static readonly Option<string[]> Types = new("--types") { Description = "Event types (e.g. fact_extracted), comma or space separated.", AllowMultipleArgumentsPerToken = true };

    private static Command Export()
    {
        var since = new Option<DateTimeOffset?>("--since") { Description = "Events recorded at or after this time (ISO-8601)." };
        var after = new Option<long?>("--after") { Description = "Events after this sequence (resume a previous export)." };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Events recorded before this time." };
        var streams = new Option<string[]>("--streams") { Description = "Stream ids.", AllowMultipleArgumentsPerToken = true };
        var format = new Option<ExportFormat>("--format") { Description = "jsonl, csv or parquet.", DefaultValueFactory = _ => ExportFormat.Jsonl };
        var output = new Option<string>("--out") { Description = "Output file, or - for stdout.", Required = true };
        var command = new Command("export", "Export events in sequence order with constant memory; prints the last sequence for --after.");
        foreach (var option in new Option[] { since, after, until, Types, streams, format, output, Schema }) command.Options.Add(option);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            if (parse.GetValue(since) is not null && parse.GetValue(after) is not null)
                throw new CliException("Pass either --since or --after, not both.");
            var range = new EventRange
            {
                AfterSequence = parse.GetValue(after),
                Since = parse.GetValue(since),
                Until = parse.GetValue(until),
                Types = Split(parse.GetValue(Types)),
                Streams = Split(parse.GetValue(streams)),
            };
            await using var db = NpgsqlDataSource.Create(CliHost.ConnectionString(parse));
            var reader = new EventReader(db, parse.GetValue(Schema)!);
            if (!await reader.StoreExists(ct)) throw new CliException("No event store in this database yet (run `intel run` or an ingest first).");
            var path = parse.GetValue(output)!;
            var summary = await EventExport.Run(reader, range, parse.GetValue(format), path, ct);
            await Console.Error.WriteLineAsync(
                $"exported {summary.Events:N0} events in {summary.Elapsed.TotalSeconds:F1} s ({summary.EventsPerSecond:N0} events/s); " +
                $"last sequence {summary.LastSequence?.ToString(CultureInfo.InvariantCulture) ?? "-"} (resume with --after {summary.LastSequence ?? range.AfterSequence ?? 0}); " +
                $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} MB");
            return 0;
        }));
        return command;
    }

    private static Command Tail()
    {
        var after = new Option<long?>("--after") { Description = "Start after this sequence (default: the current end)." };
        var interval = new Option<int>("--poll-ms") { Description = "Polling interval.", DefaultValueFactory = _ => 500 };
        var command = new Command("tail", "Follow new events live, one JSON object per line (Ctrl+C to stop).");
        foreach (var option in new Option[] { after, Types, interval, Schema }) command.Options.Add(option);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            await using var db = NpgsqlDataSource.Create(CliHost.ConnectionString(parse));
            var reader = new EventReader(db, parse.GetValue(Schema)!);
            if (!await reader.StoreExists(ct)) throw new CliException("No event store in this database yet.");
            var position = parse.GetValue(after) ?? await reader.LastSequence(ct);
            await using var stdout = new BufferedStream(Console.OpenStandardOutput());
            var writer = new JsonlEventWriter(stdout);
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var range = new EventRange { AfterSequence = position, Types = Split(parse.GetValue(Types)), Limit = 10_000 };
                    var any = false;
                    await foreach (var e in reader.Read(range, ct))
                    {
                        await writer.Write(e, ct);
                        position = e.Sequence;
                        any = true;
                    }
                    await writer.Complete(ct);
                    if (!any) await Task.Delay(parse.GetValue(interval), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            return 0;
        }));
        return command;
    }

    public static IReadOnlyList<string>? Split(string[]? values) =>
        values is null || values.Length == 0 ? null
        : values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}

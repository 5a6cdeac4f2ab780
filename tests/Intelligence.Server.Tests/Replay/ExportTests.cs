using System.Text.Json;
using System.Text.Json.Nodes;
using Intelligence.Server.Replay;
using Intelligence.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Parquet;

namespace Intelligence.Server.Tests.Replay;

/// <summary>Exports read back with the standard libraries agree with each other, with GraphQL, and resume without gaps.</summary>
public sealed class ExportTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private RunningServer _server = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("intel-export-").FullName;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.Start(db.ConnectionString);
        foreach (var page in new[] { "01-ledger-microsoft-openai-stake.html", "03-pulse-anthropic-pentagon-dispute.html", "05-pulse-big-tech-capex.html" })
            await _server.IngestSample(page);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_three_formats_hold_the_same_events_in_the_same_order()
    {
        var jsonl = await Export(ExportFormat.Jsonl);
        var csv = await Export(ExportFormat.Csv);
        var parquet = await Export(ExportFormat.Parquet);

        var fromJsonl = File.ReadLines(jsonl).Select(l => JsonNode.Parse(l)!).Select(n => ((long)n["sequence"]!, (string)n["type"]!, n["data"]!.ToJsonString())).ToList();
        var fromCsv = ReadCsv(csv).Select(r => (long.Parse(r["sequence"]), r["type"], r["data"])).ToList();
        var fromParquet = await ReadParquet(parquet);

        Assert.True(fromJsonl.Count > 10, $"expected a real history, got {fromJsonl.Count} events");
        Assert.Equal(fromJsonl.Select(e => e.Item1), fromCsv.Select(e => e.Item1));
        Assert.Equal(fromJsonl.Select(e => e.Item1), fromParquet.Select(e => e.Sequence));
        Assert.Equal(fromJsonl.Select(e => e.Item2), fromParquet.Select(e => e.Type));
        Assert.Equal(fromJsonl.Select(e => e.Item1).Order(), fromJsonl.Select(e => e.Item1));
        for (var i = 0; i < fromJsonl.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(fromJsonl[i].Item3), JsonNode.Parse(fromCsv[i].Item3)), $"csv data differs at {fromJsonl[i].Item1}");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(fromJsonl[i].Item3), JsonNode.Parse(fromParquet[i].Data)), $"parquet data differs at {fromJsonl[i].Item1}");
        }
        Assert.Contains(fromParquet, e => e.Type == "fact_extracted" && e.FactType is not null && e.Confidence > 0);

        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(jsonl + ".manifest.json"))!;
        Assert.Contains(Intelligence.Extraction.Summarizer.CpuVersion, manifest["extractorVersions"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(fromJsonl[^1].Item1, (long)manifest["lastSequence"]!);
    }

    [Fact]
    public async Task An_export_resumed_after_its_last_sequence_has_no_gaps_and_no_duplicates()
    {
        var reader = _server.App.Services.GetRequiredService<EventReader>();
        var all = await Sequences(reader, new EventRange());
        var half = all[all.Count / 2];

        var first = await Export(ExportFormat.Jsonl, new EventRange { Limit = all.Count / 2 + 1 });
        var firstSummaryLast = File.ReadLines(first).Select(l => (long)JsonNode.Parse(l)!["sequence"]!).Last();
        Assert.Equal(half, firstSummaryLast);
        var rest = await Export(ExportFormat.Jsonl, new EventRange { AfterSequence = firstSummaryLast });

        var combined = File.ReadLines(first).Concat(File.ReadLines(rest)).Select(l => (long)JsonNode.Parse(l)!["sequence"]!).ToList();
        Assert.Equal(all, combined);
    }

    private sealed record EventNode(long Sequence, string Type, string? Stream, string Data);

    [Fact]
    public async Task The_graphql_events_connection_agrees_with_the_export_event_for_event()
    {
        var exported = File.ReadLines(await Export(ExportFormat.Jsonl)).Select(l => JsonNode.Parse(l)!).ToList();
        var fromGraphql = new List<EventNode>();
        string? after = null;
        do
        {
            var events = await _server.Query<Connection<EventNode>>(
                "query($after: String) { events(first: 7, after: $after) { pageInfo { hasNextPage endCursor } nodes { sequence type stream data } } }", new { after }, path: "events");
            fromGraphql.AddRange(events.Nodes);
            after = events.PageInfo.HasNextPage ? events.PageInfo.EndCursor : null;
        } while (after is not null);

        Assert.Equal(exported.Select(e => (long)e["sequence"]!), fromGraphql.Select(e => e.Sequence));
        Assert.Equal(exported.Select(e => (string?)e["stream"]), fromGraphql.Select(e => e.Stream));
        Assert.All(exported.Zip(fromGraphql), p => Assert.True(JsonNode.DeepEquals(p.First["data"], JsonNode.Parse(p.Second.Data))));
    }

    [Fact]
    public async Task The_cli_exports_filtered_types_and_prints_where_to_resume()
    {
        var path = Path.Combine(_dir, "facts.jsonl");
        var run = await IntelCli.Invoke(db.ConnectionString, "events", "export", "--types", "fact_extracted", "--format", "jsonl", "--out", path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(path);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("fact_extracted", (string?)JsonNode.Parse(l)!["type"]));
        var last = (long)JsonNode.Parse(lines[^1])!["sequence"]!;
        Assert.Contains($"--after {last}", run.Stderr);
    }

    private async Task<string> Export(ExportFormat format, EventRange? range = null)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.{format.ToString().ToLowerInvariant()}");
        await EventExport.Run(_server.App.Services.GetRequiredService<EventReader>(), range ?? new EventRange(), format, path, CancellationToken.None, TextWriter.Null);
        return path;
    }

    private static async Task<List<long>> Sequences(EventReader reader, EventRange range)
    {
        var list = new List<long>();
        await foreach (var e in reader.Read(range)) list.Add(e.Sequence);
        return list;
    }

    private sealed record ParquetRow(long Sequence, string Type, string Data, string? FactType, double? Confidence);

    private static async Task<List<ParquetRow>> ReadParquet(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var rows = new List<ParquetRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var sequences = new long[n];
            var types = new string[n];
            var data = new string[n];
            var factTypes = new string[n];
            var confidences = new double?[n];
            await group.ReadAsync<long>(ParquetEventWriter.Sequence, sequences);
            await group.ReadAsync(ParquetEventWriter.Type, types);
            await group.ReadAsync(ParquetEventWriter.Data, data);
            await group.ReadAsync(ParquetEventWriter.FactType, factTypes);
            await group.ReadAsync<double>(ParquetEventWriter.Confidence, confidences);
            for (var i = 0; i < n; i++) rows.Add(new ParquetRow(sequences[i], types[i], data[i], factTypes[i], confidences[i]));
        }
        return rows;
    }

    /// <summary>A small RFC 4180 reader (quoted fields, doubled quotes, CRLF) — the test's own, independent of the writer.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var text = File.ReadAllText(path);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; }
            else field.Append(c);
        }
        var header = records[0];
        return records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}

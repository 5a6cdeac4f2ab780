using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Intelligence.Server.Replay;

/// <summary>
/// Parquet export (schema documented in docs/replay.md): the event envelope, the event JSON, and typed, flattened
/// columns for fact_extracted rows (null on other events). Rows are buffered one row group at a time.
/// </summary>
public sealed class ParquetEventWriter(Stream output) : IEventWriter
{
    /// <summary>Rows per row group: ~14 MB of event JSON each, large enough for fast column scans; Parquet.Net needs roughly 10x that while writing a group, which is what bounds it (measured with `intel bench export`).</summary>
    public const int RowGroupSize = 20_000;

    public static readonly DataField<long> Sequence = new("sequence");
    public static readonly DataField<string> Id = new("id");
    public static readonly DataField<string> Stream = new("stream");
    public static readonly DataField<string> Type = new("type");
    public static readonly DataField<long> Version = new("version");
    public static readonly DateTimeDataField Timestamp = new("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
    public static readonly DataField<string> Tenant = new("tenant");
    public static readonly DataField<string> Data = new("data");
    public static readonly DataField<string> FactType = new("fact_type");
    public static readonly DataField<string> Companies = new("companies");
    public static readonly DataField<double?> AmountUsd = new("amount_usd");
    public static readonly DataField<double?> Percent = new("percent");
    public static readonly DataField<string> Period = new("period");
    public static readonly DataField<double?> Confidence = new("confidence");
    public static readonly DataField<string> SourceArticle = new("source_article");
    public static readonly DataField<string> ExtractorVersion = new("extractor_version");

    public static readonly ParquetSchema Schema = new(Sequence, Id, Stream, Type, Version, Timestamp, Tenant, Data,
        FactType, Companies, AmountUsd, Percent, Period, Confidence, SourceArticle, ExtractorVersion);

    /// <summary>
    /// Parquet.Net pools its buffers without bound unless told otherwise, which would grow the working set with every
    /// row group; a sample decides dictionary encoding instead of scanning each whole column.
    /// </summary>
    private static readonly ParquetOptions WriterOptions = new()
    {
        MaximumSmallPoolFreeBytes = 16 << 20,
        MaximumLargePoolFreeBytes = 64 << 20,
        DictionaryEncodingSampleSize = 1_000,
    };

    private readonly List<StoredEvent> _rows = new(RowGroupSize);
    private ParquetWriter? _writer;

    public async ValueTask Write(StoredEvent e, CancellationToken ct)
    {
        _rows.Add(e);
        if (_rows.Count >= RowGroupSize) await Flush(ct);
    }

    public async ValueTask Complete(CancellationToken ct)
    {
        if (_rows.Count > 0 || _writer is null) await Flush(ct);
        if (_writer is not null) await _writer.DisposeAsync();
        _writer = null;
        await output.FlushAsync(ct);
    }

    private async Task Flush(CancellationToken ct)
    {
        _writer ??= await ParquetWriter.CreateAsync(Schema, output, WriterOptions, cancellationToken: ct);
        var facts = _rows.Select(r => r.Type == "fact_extracted" ? FlatFact.From(r.Data) : null).ToArray();
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync<long>(Sequence, _rows.Select(r => r.Sequence).ToArray(), cancellationToken: ct);
            await group.WriteAsync(Id, _rows.Select(r => r.Id.ToString()).ToArray());
            await group.WriteAsync(Stream, _rows.Select(r => r.Stream).ToArray());
            await group.WriteAsync(Type, _rows.Select(r => r.Type).ToArray());
            await group.WriteAsync<long>(Version, _rows.Select(r => r.Version).ToArray(), cancellationToken: ct);
            await group.WriteAsync<DateTime>(Timestamp, _rows.Select(r => r.Timestamp.UtcDateTime).ToArray(), cancellationToken: ct);
            await group.WriteAsync(Tenant, _rows.Select(r => r.Tenant).ToArray());
            await group.WriteAsync(Data, _rows.Select(r => r.Data).ToArray());
            await group.WriteAsync(FactType, facts.Select(f => f?.Type).ToArray()!);
            await group.WriteAsync(Companies, facts.Select(f => f?.Companies).ToArray()!);
            await group.WriteAsync<double>(AmountUsd, facts.Select(f => f?.AmountUsd).ToArray(), cancellationToken: ct);
            await group.WriteAsync<double>(Percent, facts.Select(f => f?.Percent).ToArray(), cancellationToken: ct);
            await group.WriteAsync(Period, facts.Select(f => f?.Period).ToArray()!);
            await group.WriteAsync<double>(Confidence, facts.Select(f => f?.Confidence).ToArray(), cancellationToken: ct);
            await group.WriteAsync(SourceArticle, facts.Select(f => f?.Article).ToArray()!);
            await group.WriteAsync(ExtractorVersion, facts.Select(f => f?.ExtractorVersion).ToArray()!);
        }
        _rows.Clear();
        // A row group leaves tens of MB of large-object garbage (column buffers); collecting it here keeps the working set
        // flat instead of letting it climb until the GC decides to run (one collection per row group, cheap at this size).
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
    }

    private sealed record FlatFact(string? Type, string? Companies, double? AmountUsd, double? Percent, string? Period, double? Confidence, string? Article, string? ExtractorVersion)
    {
        public static FlatFact? From(string json)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("fact", out var fact)) return null;
            var companies = new[] { "holder", "target", "investor", "company" }
                .Select(name => String(fact, name))
                .Concat(fact.TryGetProperty("parties", out var parties) && parties.ValueKind == JsonValueKind.Array
                    ? parties.EnumerateArray().Select(p => p.GetString()) : [])
                .Where(c => !string.IsNullOrEmpty(c))
                .Distinct();
            return new FlatFact(String(fact, "type"), string.Join(';', companies), Number(fact, "amountUsd"), Number(fact, "percent"),
                String(fact, "period"), Number(fact, "confidence"), String(root, "articleId"), String(root, "extractorVersion"));
        }

        private static string? String(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static double? Number(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
    }
}

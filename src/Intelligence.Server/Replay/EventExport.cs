using System.Diagnostics;
using System.Text.Json;

namespace Intelligence.Server.Replay;

public sealed record ExportSummary(long Events, long? LastSequence, TimeSpan Elapsed, IReadOnlyList<string> ExtractorVersions)
{
    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Events / Elapsed.TotalSeconds : 0;
}

/// <summary>Runs one export: reader -> writer, progress on a terminal, a manifest next to file outputs.</summary>
public static class EventExport
{
    public static async Task<ExportSummary> Run(EventReader reader, EventRange range, ExportFormat format, string path, CancellationToken ct,
        TextWriter? progress = null)
    {
        var toStdout = path == "-";
        var showProgress = progress is not null || (!Console.IsErrorRedirected && !toStdout);
        progress ??= Console.Error;
        var total = showProgress ? await reader.Count(range, ct) : 0;

        var versions = new SortedSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        long count = 0;
        long? last = null;
        await using (Stream stream = toStdout ? new BufferedStream(Console.OpenStandardOutput(), 1 << 16) : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        await using (var writer = EventWriters.Create(format, stream))
        {
            await foreach (var e in reader.Read(range, ct))
            {
                await writer.Write(e, ct);
                count++;
                last = e.Sequence;
                if (e.Type is "article_analyzed" or "fact_extracted") NoteVersion(e.Data, versions);
                if (showProgress && clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(500))
                {
                    lastReport = clock.Elapsed;
                    var rate = count / clock.Elapsed.TotalSeconds;
                    var eta = rate > 0 && total > count ? TimeSpan.FromSeconds((total - count) / rate) : TimeSpan.Zero;
                    progress.Write($"\r{count:N0}/{total:N0} events  {rate:N0} events/s  ETA {eta:mm\\:ss}   ");
                }
            }
            await writer.Complete(ct);
        }
        if (showProgress) progress.WriteLine();
        var summary = new ExportSummary(count, last, clock.Elapsed, [.. versions]);
        if (!toStdout) await WriteManifest(path + ".manifest.json", format, range, summary, ct);
        return summary;
    }

    private static void NoteVersion(string json, SortedSet<string> versions)
    {
        var marker = json.IndexOf("\"extractorVersion\"", StringComparison.Ordinal);
        if (marker < 0) return;
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.TryGetProperty("extractorVersion", out var v) && v.GetString() is { } version) versions.Add(version);
    }

    /// <summary>What makes an export reproducible: the range asked for, what came out, and the extractor versions in it.</summary>
    private static async Task WriteManifest(string path, ExportFormat format, EventRange range, ExportSummary summary, CancellationToken ct)
    {
        var manifest = new
        {
            format = format.ToString().ToLowerInvariant(),
            exportedAt = DateTimeOffset.UtcNow,
            range,
            events = summary.Events,
            lastSequence = summary.LastSequence,
            extractorVersions = summary.ExtractorVersions,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(manifest, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), ct);
    }
}

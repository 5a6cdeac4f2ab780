using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Intelligence.Server.Replay;

public enum ExportFormat { Jsonl, Csv, Parquet }

/// <summary>Writes events one at a time; implementations buffer at most one row group.</summary>
public interface IEventWriter : IAsyncDisposable
{
    ValueTask Write(StoredEvent e, CancellationToken ct);
    ValueTask Complete(CancellationToken ct);
}

public static class EventWriters
{
    public static IEventWriter Create(ExportFormat format, Stream output) => format switch
    {
        ExportFormat.Jsonl => new JsonlEventWriter(output),
        ExportFormat.Csv => new CsvEventWriter(output),
        ExportFormat.Parquet => new ParquetEventWriter(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One JSON object per line: sequence, id, stream, type, version, timestamp, tenant, data (the stored JSON, verbatim).</summary>
public sealed class JsonlEventWriter(Stream output) : IEventWriter
{
    private const int FlushAt = 1 << 16;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { SkipValidation = true });

    public async ValueTask Write(StoredEvent e, CancellationToken ct)
    {
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteNumber("sequence", e.Sequence);
        _json.WriteString("id", e.Id);
        _json.WriteString("stream", e.Stream);
        _json.WriteString("type", e.Type);
        _json.WriteNumber("version", e.Version);
        _json.WriteString("timestamp", EventWriters.Iso(e.Timestamp));
        _json.WriteString("tenant", e.Tenant);
        _json.WritePropertyName("data");
        _json.WriteRawValue(e.Data, skipInputValidation: true);
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushAt) await Drain(ct);
    }

    private async ValueTask Drain(CancellationToken ct)
    {
        await output.WriteAsync(_buffer.WrittenMemory, ct);
        _buffer.ResetWrittenCount();
    }

    public async ValueTask Complete(CancellationToken ct)
    {
        await Drain(ct);
        await output.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync() => await _json.DisposeAsync();
}

/// <summary>RFC 4180 CSV with a header row; the data column holds the event JSON.</summary>
public sealed class CsvEventWriter(Stream output) : IEventWriter
{
    public static readonly string[] Columns = ["sequence", "id", "stream", "type", "version", "timestamp", "tenant", "data"];
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
    private bool _headerWritten;

    public async ValueTask Write(StoredEvent e, CancellationToken ct)
    {
        if (!_headerWritten)
        {
            await _writer.WriteLineAsync(string.Join(',', Columns));
            _headerWritten = true;
        }
        _writer.Write(e.Sequence.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(e.Id.ToString());
        _writer.Write(',');
        WriteField(e.Stream);
        _writer.Write(',');
        WriteField(e.Type);
        _writer.Write(',');
        _writer.Write(e.Version.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(EventWriters.Iso(e.Timestamp));
        _writer.Write(',');
        WriteField(e.Tenant);
        _writer.Write(',');
        WriteField(e.Data);
        _writer.WriteLine();
    }

    private void WriteField(string value)
    {
        if (value.AsSpan().IndexOfAny("\",\r\n") < 0)
        {
            _writer.Write(value);
            return;
        }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\""));
        _writer.Write('"');
    }

    public async ValueTask Complete(CancellationToken ct)
    {
        if (!_headerWritten) await _writer.WriteLineAsync(string.Join(',', Columns));
        _headerWritten = true;
        await _writer.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync() => await _writer.DisposeAsync();
}

using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Intelligence.Server.Replay;

/// <summary>
/// Streams events straight from mt_events with one server-side ordered query and a sequential reader:
/// constant memory whatever the range, and the same order (by sequence) for every consumer — export, tail and GraphQL.
/// </summary>
public sealed class EventReader(NpgsqlDataSource db, string schema)
{
    public async IAsyncEnumerable<StoredEvent> Read(EventRange range, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        // A transaction lets Npgsql stream without buffering; the reader pulls rows as they are consumed.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var command = Build(connection, range, "seq_id, id, stream_id::text, type, version, timestamp, tenant_id, data::text");
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            // Sequential access: each column is read once, in order.
            var (sequence, id, stream, type, version) = (reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
            var (timestamp, tenant, data) = (reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.GetString(7));
            // Events stored before webhook URLs moved to the secret store are masked on the way out.
            yield return new StoredEvent(sequence, id, stream, type, version, timestamp, tenant, Alerts.Rules.LegacyWebhookMigration.Redact(type, data));
        }
    }

    public async Task<long> Count(EventRange range, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var command = Build(connection, range with { Limit = null }, "count(*)", ordered: false);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<long> LastSequence(CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select coalesce(max(seq_id), 0) from {schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<bool> StoreExists(CancellationToken ct)
    {
        await using var command = db.CreateCommand("select to_regclass(@table) is not null");
        command.Parameters.AddWithValue("table", $"{schema}.mt_events");
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The SQL both the reader and the COPY baseline use, so the benchmark compares like with like.</summary>
    public NpgsqlCommand Build(NpgsqlConnection connection, EventRange range, string columns, bool ordered = true)
    {
        var command = connection.CreateCommand();
        var where = new List<string> { "is_archived = false" };
        if (range.AfterSequence is { } after) { where.Add("seq_id > @after"); command.Parameters.AddWithValue("after", after); }
        if (range.Since is { } since) { where.Add("timestamp >= @since"); command.Parameters.AddWithValue("since", since.UtcDateTime); }
        if (range.Until is { } until) { where.Add("timestamp < @until"); command.Parameters.AddWithValue("until", until.UtcDateTime); }
        if (range.Types is { Count: > 0 } types)
        {
            where.Add("type = any(@types)");
            command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = types.ToArray() });
        }
        if (range.Streams is { Count: > 0 } streams)
        {
            where.Add("stream_id::text = any(@streams)");
            command.Parameters.Add(new NpgsqlParameter("streams", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = streams.ToArray() });
        }
        command.CommandText = $"select {columns} from {schema}.mt_events where {string.Join(" and ", where)}"
            + (ordered ? " order by seq_id" : "")
            + (range.Limit is { } limit ? $" limit {limit}" : "");
        return command;
    }
}

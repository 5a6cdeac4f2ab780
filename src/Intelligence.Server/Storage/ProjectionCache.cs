using Marten;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Intelligence.Server.Storage;

/// <summary>
/// Projected documents that GraphQL reads (timelines, company profiles), kept parsed in memory and checked against
/// their row on every read. A long timeline is hundreds of kilobytes of JSON; checking that it has not changed is
/// an index lookup of two columns. Never stale: any update bumps <c>mt_version</c>, and a rebuild rewrites the row
/// in a new transaction, so <c>mt_last_modified</c> changes too.
/// Callers must treat returned documents as read-only: one instance serves every concurrent request.
/// </summary>
public sealed class ProjectionCache(IDocumentStore store, NpgsqlDataSource db) : IDisposable
{
    /// <summary>Bounded by the stored (jsonb) size of the cached documents.</summary>
    public const long MaxBytes = 128L * 1024 * 1024;

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = MaxBytes });

    private sealed record Stamp(long Version, DateTime Modified);

    private sealed record Entry(Stamp Stamp, object Document);

    public async Task<T?> Load<T>(string id, CancellationToken ct) where T : class
    {
        var key = (typeof(T), id);
        var table = await DocumentTables.Of<T>(store, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        if (_documents.TryGetValue(key, out Entry? cached))
        {
            await using var check = new NpgsqlCommand($"select mt_version, mt_last_modified from {table} where id = $1", connection) { Parameters = { new() { Value = id } } };
            await using var stamp = await check.ExecuteReaderAsync(ct);
            if (!await stamp.ReadAsync(ct)) return null;
            if (ReadStamp(stamp, 0) == cached!.Stamp) return (T)cached.Document;
        }

        await using var fetch = new NpgsqlCommand($"select mt_version, mt_last_modified, data, pg_column_size(data) from {table} where id = $1", connection) { Parameters = { new() { Value = id } } };
        await using var row = await fetch.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return null;
        var document = store.Options.Serializer().FromJson<T>(row, 2);
        _documents.Set(key, new Entry(ReadStamp(row, 0), document), new MemoryCacheEntryOptions { Size = row.GetInt32(3) });
        return document;
    }

    private static Stamp ReadStamp(NpgsqlDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.IsDBNull(first + 1) ? default : reader.GetDateTime(first + 1));

    public void Dispose() => _documents.Dispose();
}

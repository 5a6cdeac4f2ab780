using Intelligence.Server.Storage;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Intelligence.Server.GraphQL.Caching;

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
        var reads = ResponseReads.Current;
        var (stamp, document) = await LoadStamped<T>(id, ct);
        if (reads is not null)
        {
            // A response built on an absent row would have to be checked for the row's absence: not worth caching.
            if (stamp is null) reads.Untrack();
            else reads.Add(new VersionedRead(typeof(T), id, stamp.Version, stamp.Modified));
        }
        return document;
    }

    /// <summary>Whether the row still has the version <paramref name="read"/> saw (one indexed lookup).</summary>
    public async Task<bool> IsCurrent(VersionedRead read, CancellationToken ct)
    {
        var table = await DocumentTables.Of(store, read.DocumentType, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        return await CurrentStamp(connection, table, read.Id, ct) == new Stamp(read.Version, read.Modified);
    }

    private async Task<(Stamp? Stamp, T? Document)> LoadStamped<T>(string id, CancellationToken ct) where T : class
    {
        var key = (typeof(T), id);
        var table = await DocumentTables.Of<T>(store, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        if (_documents.TryGetValue(key, out Entry? cached))
        {
            var current = await CurrentStamp(connection, table, id, ct);
            if (current is null) return (null, null);
            if (current == cached!.Stamp) return (cached.Stamp, (T)cached.Document);
        }

        await using var fetch = new NpgsqlCommand($"select mt_version, mt_last_modified, data, pg_column_size(data) from {table} where id = $1", connection) { Parameters = { new() { Value = id } } };
        await using var row = await fetch.ExecuteReaderAsync(ct);
        if (!await row.ReadAsync(ct)) return (null, null);
        var document = store.Options.Serializer().FromJson<T>(row, 2);
        var fetched = ReadStamp(row, 0);
        _documents.Set(key, new Entry(fetched, document), new MemoryCacheEntryOptions { Size = row.GetInt32(3) });
        return (fetched, document);
    }

    /// <summary>The row's version stamp, or null when there is no row.</summary>
    private static async Task<Stamp?> CurrentStamp(NpgsqlConnection connection, string table, string id, CancellationToken ct)
    {
        await using var check = new NpgsqlCommand($"select mt_version, mt_last_modified from {table} where id = $1", connection) { Parameters = { new() { Value = id } } };
        await using var row = await check.ExecuteReaderAsync(ct);
        return await row.ReadAsync(ct) ? ReadStamp(row, 0) : null;
    }

    private static Stamp ReadStamp(NpgsqlDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.IsDBNull(first + 1) ? default : reader.GetDateTime(first + 1));

    public void Dispose() => _documents.Dispose();
}

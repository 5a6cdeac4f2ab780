using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Companies.Profiling;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Partnerships.Timelines;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Intelligence.Server.Storage;

/// <summary>
/// Storage settings Marten does not manage, applied at start (best effort, only new writes affected). Stores the large
/// projected documents with LZ4 instead of PostgreSQL's default pglz. A busy company's profile is
/// hundreds of kilobytes of JSON rewritten on every page of events; compressing it with pglz took about 15 ms of
/// server CPU per write in `intel bench pipeline`, LZ4 about 2 ms. Only new writes are affected; a server without
/// LZ4 (built without it, or older than PostgreSQL 14) keeps pglz, with a log line.
/// </summary>
public sealed class StorageTuning(IDocumentStore store, NpgsqlDataSource db, ILogger<StorageTuning> log) : IHostedService
{
    private static readonly Type[] LargeDocuments = [typeof(CompanyProfile), typeof(PartnershipTimeline), typeof(FactView), typeof(ArticleView)];

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var type in LargeDocuments)
        {
            var table = await DocumentTables.Of(store, type, ct);
            try
            {
                await using var connection = await db.OpenConnectionAsync(ct);
                await using var current = new NpgsqlCommand("select attcompression from pg_attribute where attrelid = $1::regclass and attname = 'data'", connection)
                    { Parameters = { new() { Value = table } } };
                if (await current.ExecuteScalarAsync(ct) is 'l') continue;
                // A brief catalog change; never wait behind a long transaction for it.
                await using var alter = new NpgsqlCommand($"set lock_timeout = '2s'; alter table {table} alter column data set compression lz4", connection);
                await alter.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) // best effort: no LZ4, PostgreSQL before 14 (no attcompression), a lock held too long
            {
                log.LogInformation("{Table} keeps the default compression: {Reason}", table, e.MessageText);
            }
        }
        await LeaveRoomForUpdates(ct);
    }

    /// <summary>
    /// Tables whose rows are updated in place: an article by its analysis, a fact by each new source. No index refers
    /// to what changes, so the new row version can go in the same page (a HOT update, no index entries written) when
    /// the page has room: it keeps some.
    /// </summary>
    private static readonly Type[] UpdatedInPlace = [typeof(FactView), typeof(ArticleView)];

    private const int FillFactor = 80;

    private async Task LeaveRoomForUpdates(CancellationToken ct)
    {
        foreach (var type in UpdatedInPlace)
        {
            var table = await DocumentTables.Of(store, type, ct);
            try
            {
                await using var connection = await db.OpenConnectionAsync(ct);
                await using var current = new NpgsqlCommand("select coalesce(array_to_string(reloptions, ','), '') from pg_class where oid = $1::regclass", connection)
                    { Parameters = { new() { Value = table } } };
                if (((string?)await current.ExecuteScalarAsync(ct))?.Contains("fillfactor") == true) continue;
                await using var alter = new NpgsqlCommand($"set lock_timeout = '2s'; alter table {table} set (fillfactor = {FillFactor})", connection);
                await alter.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e)
            {
                log.LogInformation("{Table} keeps its fill factor: {Reason}", table, e.MessageText);
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

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
/// Stores the large projected documents with LZ4 instead of PostgreSQL's default pglz. A busy company's profile is
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
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

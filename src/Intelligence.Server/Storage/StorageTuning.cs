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
/// Table settings Marten does not manage, applied when a node starts. Best effort: a server that refuses one (no LZ4,
/// PostgreSQL before 14, a lock held too long) keeps its default, with a log line. Only new writes are affected.
/// </summary>
public sealed class StorageTuning(IDocumentStore store, NpgsqlDataSource db, ILogger<StorageTuning> log) : IHostedService
{
    private const int FillFactor = 80;

    private sealed record Setting(string Name, Type[] Documents, string CurrentSql, Func<object?, bool> IsSet, string AlterSql);

    private static readonly Setting[] Settings =
    [
        // A busy company's profile is hundreds of kilobytes of JSON rewritten on every page of events: compressing it
        // with pglz took about 15 ms of server CPU per write in `intel bench pipeline`, LZ4 about 2 ms.
        new("LZ4 compression", [typeof(CompanyProfile), typeof(PartnershipTimeline), typeof(FactView), typeof(ArticleView)],
            "select attcompression from pg_attribute where attrelid = $1::regclass and attname = 'data'",
            current => current is 'l',
            "alter table {0} alter column data set compression lz4"),
        // Rows updated in place (an article by its analysis, a fact by each new source) with no index on what changes:
        // the new version can go in the same page, a HOT update with no index entries written, when the page has room.
        new("room for in-place updates", [typeof(FactView), typeof(ArticleView)],
            "select coalesce(array_to_string(reloptions, ','), '') from pg_class where oid = $1::regclass",
            current => current is string options && options.Contains("fillfactor"),
            $"alter table {{0}} set (fillfactor = {FillFactor})"),
    ];

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var setting in Settings)
            foreach (var type in setting.Documents)
                await Apply(setting, await DocumentTables.Of(store, type, ct), ct);
    }

    private async Task Apply(Setting setting, string table, CancellationToken ct)
    {
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            await using var current = new NpgsqlCommand(setting.CurrentSql, connection) { Parameters = { new() { Value = table } } };
            if (setting.IsSet(await current.ExecuteScalarAsync(ct))) return;
            // A brief catalog change; never wait behind a long transaction for it.
            await using var alter = new NpgsqlCommand($"set lock_timeout = '2s'; {string.Format(setting.AlterSql, table)}", connection);
            await alter.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e)
        {
            log.LogInformation("{Table} keeps its default ({Setting} refused): {Reason}", table, setting.Name, e.MessageText);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

using Intelligence.Server.Hosting;
using Intelligence.Server.Sources.Catalog;
using Intelligence.Server.Sources.Crawling;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;

namespace Intelligence.Server.Sources.Scheduling;

/// <summary>
/// Sends CrawlSource for every enabled source whose cron schedule is due. With several server nodes, a PostgreSQL
/// advisory lock held for the tick makes exactly one node schedule; the crawl itself runs wherever Wolverine sends it.
/// </summary>
public sealed class CrawlScheduler(IntelligenceOptions options, SourceCatalog catalog, IDocumentStore store, NpgsqlDataSource db,
    IMessageBus bus, TimeProvider time, ILogger<CrawlScheduler> log) : BackgroundService
{
    private const long SchedulerLockKey = 0x1A7E_C4A7;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CrawlTick, time);
        do
        {
            try
            {
                await Tick(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Crawl scheduling tick failed; will retry next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task Tick(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var locked = new NpgsqlCommand($"select pg_try_advisory_xact_lock({SchedulerLockKey})", connection, transaction))
            if (!(bool)(await locked.ExecuteScalarAsync(ct))!) return;

        var now = time.GetUtcNow();
        await using var session = store.QuerySession();
        foreach (var source in (await catalog.All(ct)).Where(s => s.Enabled))
        {
            var last = await session.LoadAsync<CrawlSummary>(source.Id, ct);
            var due = last is null || source.NextRunAfter(last.StartedAt) <= now;
            if (!due) continue;
            log.LogInformation("Scheduling crawl of {Source}", source.Id);
            await bus.PublishAsync(new CrawlSource(source.Id));
        }
        await transaction.CommitAsync(ct);
    }
}

using Intelligence.Server.Hosting;
using Intelligence.Server.Sources.Catalog;
using Intelligence.Server.Sources.Crawling;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Intelligence.Server.Sources.CrawlRuns;

/// <summary>Ask for a crawl of a source: answers at once with the queued <see cref="CrawlRun"/> (null: no such source).</summary>
public sealed record RequestCrawl(string SourceId);

public sealed record CrawlRequested(CrawlRun? Run);

/// <summary>Run a requested crawl. Durable: if the node stops or dies, another node (or the restarted one) runs it again.</summary>
public sealed record StartCrawl(Guid CrawlId);

public static class RequestCrawlHandler
{
    public static async Task<(CrawlRequested, OutgoingMessages)> Handle(RequestCrawl command, IDocumentSession session, SourceCatalog catalog,
        TimeProvider time, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (await catalog.Find(command.SourceId, ct) is null) return (new CrawlRequested(null), outgoing);
        var run = new CrawlRun { Id = Guid.NewGuid(), SourceId = command.SourceId, RequestedAt = time.GetUtcNow() };
        // Stored and queued in one transaction (the outbox): a crawl is never asked for without being run, nor run unrecorded.
        session.Store(run);
        outgoing.Add(new StartCrawl(run.Id));
        return (new CrawlRequested(run), outgoing);
    }
}

public static class StartCrawlHandler
{
    /// <summary>The longest one crawl may run (a large sitemap at a 10 s host delay takes hours).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(6);

    public static void Configure(HandlerChain chain) => chain.ExecutionTimeoutInSeconds = (int)MaxDuration.TotalSeconds;

    // No session parameter: the run's record is saved at each step, each in its own short transaction.
    public static async Task Handle(StartCrawl command, IDocumentStore store, IMessageBus bus, TimeProvider time, ILogger<StartCrawl> log,
        CancellationToken ct)
    {
        var run = await Load(store, command.CrawlId, ct);
        if (run is null || run.State is CrawlState.Completed or CrawlState.Failed) return;

        run.Attempts++;
        run.State = CrawlState.Running;
        run.StartedAt ??= time.GetUtcNow();
        await Save(store, run, ct);
        if (run.Attempts > 1) log.LogInformation("Crawl {CrawlId} of {Source} resumed (attempt {Attempt})", run.Id, run.SourceId, run.Attempts);

        CrawlOutcome outcome;
        try
        {
            outcome = await bus.InvokeAsync<CrawlOutcome>(new CrawlSource(run.SourceId), ct, MaxDuration);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && !TransientFaults.IsTransient(e))
        {
            run.State = CrawlState.Failed;
            run.Error = e.Message;
            run.FinishedAt = time.GetUtcNow();
            await Save(store, run, CancellationToken.None);
            log.LogWarning(e, "Crawl {CrawlId} of {Source} failed", run.Id, run.SourceId);
            return;
        }
        // Transient faults and shutdown propagate: the message stays durable and is retried or picked up again.

        run.State = outcome.Found ? CrawlState.Completed : CrawlState.Failed;
        run.Error = outcome.Found ? null : $"No source '{run.SourceId}' (removed since the crawl was asked for).";
        run.Report = outcome.Summary;
        run.FinishedAt = time.GetUtcNow();
        await Save(store, run, CancellationToken.None);
    }

    private static async Task<CrawlRun?> Load(IDocumentStore store, Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<CrawlRun>(id, ct);
    }

    private static async Task Save(IDocumentStore store, CrawlRun run, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(run);
        await session.SaveChangesAsync(ct);
    }
}

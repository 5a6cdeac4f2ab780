using Wolverine;

namespace Intelligence.Server.Hosting;

/// <summary>
/// How fast the surviving nodes notice a dead one and take over its queues (Wolverine) and projections (Marten's
/// async daemon). Configuration section "Cluster" (environment: Cluster__StaleNodeTimeout=00:00:06, ...).
/// A node is declared dead only after missing several health checks in a row (at least StaleNodeTimeout plus two
/// of the leader's checks without a heartbeat: 6 missed heartbeats and more), so a slow but live node keeps its
/// messages: a message is never handled by two nodes at once because of these timings.
/// Measured with the three-node failover test on a loaded 2-core machine: the dead node's crawl runs again elsewhere
/// 9–15 s after a kill -9, about 7 s of it detection (51–53 s with the earlier 2 s / 10 s timings and Wolverine's random
/// first recovery pass; 12–16 s before handlers were compiled ahead). See docs/alerts.md, "Measured under faults and load".
/// </summary>
public sealed record ClusterOptions
{
    /// <summary>How often each node writes its heartbeat and checks the others'. Wolverine's own default is 10 s.</summary>
    public TimeSpan HealthCheck { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// A node silent this long is stale; seen stale on two checks in a row it is ejected, and its agents and owned
    /// inbox/outbox messages go to the others (Wolverine default: 1 min).
    /// </summary>
    public TimeSpan StaleNodeTimeout { get; init; } = TimeSpan.FromSeconds(6);
    /// <summary>How often ownerless persisted messages are reassigned.</summary>
    public TimeSpan Reassignment { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How often messages owned by nodes that no longer exist are released to the living ones.</summary>
    public TimeSpan OrphanSweep { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How often scheduled (delayed) messages are looked for.</summary>
    public TimeSpan ScheduledPolling { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>
    /// The first look for ready messages after the durability agent starts, on this node's start or when it moves here
    /// from a dead node (Wolverine picks 0.5–5 s at random, which delayed a takeover by up to 5 s).
    /// </summary>
    public TimeSpan FirstRecovery { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>How often a non-leading node tries to take the async daemon's leadership lock.</summary>
    public TimeSpan LeadershipPolling { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An inbox message claimed by a living node but waiting this long without running is released to any node. It
    /// happens when a commit succeeded in PostgreSQL but its answer was lost with the connection (a database outage):
    /// the node believes the transaction failed and never queues the message it just stored. A node refreshes the claim
    /// on the messages it holds in memory or runs (three times per period), so a long handler is never released
    /// underneath itself. Unset in Wolverine (such a message waited for the node's restart).
    /// </summary>
    public TimeSpan InboxStaleTime { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An `intel run` node compiles every message handler's generated code in the background as it starts, instead of
    /// on the first message of each type: a node taking over a dead node's messages handles the first one without
    /// first compiling its handler (see <see cref="HandlerWarmUp"/>).
    /// </summary>
    public bool WarmUpHandlers { get; init; } = true;

    /// <summary>
    /// How long the async daemon waits at a hole in the event sequence before it moves past it (Marten's
    /// StaleSequenceThreshold, default 3 s). A node killed while appending leaves such a hole: the projections pause
    /// there. Marten skips a hole only when no transaction that could still fill it is alive in PostgreSQL, so a shorter
    /// wait never skips a slow but living append.
    /// </summary>
    public TimeSpan StaleSequenceThreshold { get; init; } = TimeSpan.FromSeconds(1);

    public void ApplyTo(DurabilitySettings durability)
    {
        // A one-off command (ServerlessWithOutbox) is no node: it keeps no heartbeat on what it holds, so Wolverine's own
        // stale time (longer than its handlers) and recovery timing stay; only servers take over others' work.
        if (durability.Mode == DurabilityMode.ServerlessWithOutbox) return;
        durability.InboxStaleTime = InboxStaleTime;
        durability.OutboxStaleTime = InboxStaleTime;
        durability.HealthCheckPollingTime = HealthCheck;
        durability.StaleNodeTimeout = StaleNodeTimeout;
        durability.NodeReassignmentPollingTime = Reassignment;
        durability.ScheduledJobPollingTime = ScheduledPolling;
        durability.ScheduledJobFirstExecution = FirstRecovery;
        durability.CheckAssignmentPeriod = Reassignment;
        durability.OrphanedMessageSweepPollingTime = OrphanSweep;
    }
}

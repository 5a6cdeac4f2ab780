using Intelligence.Domain.Facts;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Intelligence.Server.Alerts.Raising;

/// <summary>Ask the alert rules about one fact, as it is corroborated now.</summary>
public sealed record EvaluateFactAlerts(string FactKey);

/// <summary>Marker document: the last event that asked the rules about a fact.</summary>
public sealed class AlertTrigger
{
    public string Id { get; set; } = "";
    public long Sequence { get; set; }
}

/// <summary>
/// Inline projection whose only job is its side effect: every committed FactExtracted/FactRetracted publishes
/// <see cref="EvaluateFactAlerts"/> through Wolverine's outbox, in the same transaction as the event. Nothing
/// committed is missed (a crash after commit leaves the message in the durable inbox) and nothing uncommitted is evaluated.
/// </summary>
public sealed class AlertTriggerProjection : MultiStreamProjection<AlertTrigger, string>
{
    public AlertTriggerProjection()
    {
        Identity<FactExtracted>(e => e.FactKey);
        Identity<FactRetracted>(e => e.FactKey);
    }

    public static AlertTrigger Create(IEvent<FactExtracted> e) => new() { Id = e.Data.FactKey, Sequence = e.Sequence };

    public static void Apply(IEvent<FactExtracted> e, AlertTrigger trigger) => trigger.Sequence = e.Sequence;

    public static void Apply(IEvent<FactRetracted> e, AlertTrigger trigger) => trigger.Sequence = e.Sequence;

    public override ValueTask RaiseSideEffects(IDocumentOperations operations, JasperFx.Events.IEventSlice<AlertTrigger> slice)
    {
        if (slice.Snapshot is { } trigger) slice.PublishMessage(new EvaluateFactAlerts(trigger.Id));
        return ValueTask.CompletedTask;
    }
}

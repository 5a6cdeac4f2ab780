using Intelligence.Domain.Facts;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Intelligence.Server.Alerts.Raising;

/// <summary>Ask the alert rules about the facts one commit changed, as they are corroborated now.</summary>
public sealed record EvaluateFactAlerts(IReadOnlyList<string> FactKeys)
{
    /// <summary>The single fact of a message queued by an earlier version (one message per fact); still honoured.</summary>
    public string? FactKey { get; init; }

    public IEnumerable<string> AllFactKeys() => FactKey is null ? FactKeys ?? [] : (FactKeys ?? []).Append(FactKey).Distinct();
}

/// <summary>Marker document, one per article: the last fact event of that article that asked the rules.</summary>
public sealed class ArticleAlertTrigger
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
}

/// <summary>
/// Inline projection whose only job is its side effect: every commit of FactExtracted/FactRetracted events publishes one
/// <see cref="EvaluateFactAlerts"/> per article, naming its changed facts, through Wolverine's outbox in the same transaction.
/// Nothing committed is missed (a crash after commit leaves the message in the durable inbox), nothing uncommitted is
/// evaluated, and an analysis that finds several facts costs one evaluation rather than one per fact.
/// </summary>
public sealed class AlertTriggerProjection : MultiStreamProjection<ArticleAlertTrigger, Guid>
{
    public AlertTriggerProjection()
    {
        Identity<FactExtracted>(e => e.ArticleId);
        Identity<FactRetracted>(e => e.ArticleId);
    }

    public static ArticleAlertTrigger Create(IEvent<FactExtracted> e) => new() { Id = e.Data.ArticleId, Sequence = e.Sequence };

    public static void Apply(IEvent<FactExtracted> e, ArticleAlertTrigger trigger) => trigger.Sequence = e.Sequence;

    public static void Apply(IEvent<FactRetracted> e, ArticleAlertTrigger trigger) => trigger.Sequence = e.Sequence;

    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<ArticleAlertTrigger> slice)
    {
        var keys = slice.Events().Select(e => e.Data switch
        {
            FactExtracted extracted => extracted.FactKey,
            FactRetracted retracted => retracted.FactKey,
            _ => null,
        }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count > 0) slice.PublishMessage(new EvaluateFactAlerts(keys));
        return ValueTask.CompletedTask;
    }
}

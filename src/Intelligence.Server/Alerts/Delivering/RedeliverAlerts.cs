using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Viewing;
using Marten;
using Wolverine;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>Replay dead-lettered messages (AlertDeliveryFailed): all of them, one rule's, or one alert's.</summary>
public sealed record RedeliverAlerts(Guid? AlertId = null, Guid? RuleId = null);

public sealed record RedeliveryResult(IReadOnlyList<Guid> AlertIds);

public static class RedeliverAlertsHandler
{
    public const int MaxPerCall = 1000;

    public static async Task<(RedeliveryResult, OutgoingMessages)> Handle(RedeliverAlerts command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var query = session.Query<AlertView>().Where(a => a.Delivery.State == DeliveryState.Failed
            || (a.FollowUp != null && a.FollowUp.State == DeliveryState.Failed));
        if (command.AlertId is { } alertId) query = query.Where(a => a.Id == alertId);
        if (command.RuleId is { } ruleId) query = query.Where(a => a.RuleId == ruleId);
        var failed = await query.OrderBy(a => a.Sequence).Take(MaxPerCall).ToListAsync(ct);

        var now = time.GetUtcNow();
        var outgoing = new OutgoingMessages();
        foreach (var alert in failed)
        {
            var kinds = new[] { AlertMessageKind.Raised, AlertMessageKind.FollowUp }.Where(k => alert.MessageOf(k)?.State == DeliveryState.Failed).ToArray();
            session.Events.Append(alert.Id, alert.Version + kinds.Length, kinds.Select(k => (object)new AlertRedeliveryRequested(alert.Id, k, now)).ToArray());
            foreach (var kind in kinds) outgoing.Add(new DeliverSlackAlert(alert.Id, kind));
        }
        return (new RedeliveryResult(failed.Select(a => a.Id).ToList()), outgoing);
    }
}

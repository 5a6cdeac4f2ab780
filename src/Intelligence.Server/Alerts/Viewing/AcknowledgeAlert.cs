using Intelligence.Server.GraphQL;
using Intelligence.Server.Alerts.Raising;
using Marten;

namespace Intelligence.Server.Alerts.Viewing;

public sealed record AcknowledgeAlert(Guid AlertId, string? By);

public sealed record AcknowledgeResult(Guid? AlertId, IReadOnlyList<UserError> Errors);

public static class AcknowledgeAlertHandler
{
    public static async Task<AcknowledgeResult> Handle(AcknowledgeAlert command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var alert = await session.LoadAsync<AlertView>(command.AlertId, ct);
        if (alert is null) return new AcknowledgeResult(null, [new UserError("id", "No such alert.", "NOT_FOUND")]);
        if (!alert.Acknowledged)
            session.Events.Append(alert.Id, alert.Version + 1, new AlertAcknowledged(alert.Id, command.By, time.GetUtcNow()));
        return new AcknowledgeResult(alert.Id, []);
    }
}

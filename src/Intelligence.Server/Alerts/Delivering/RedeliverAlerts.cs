using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Hosting;
using Marten;
using Npgsql;
using Wolverine;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>
/// Replay what did not arrive: dead-lettered messages (AlertDeliveryFailed), messages stalled in PENDING/RETRYING with no
/// attempt due for longer than <see cref="AlertOptions.StalledAfter"/>, and (unfiltered calls only) the alert messages
/// Wolverine itself dead-lettered (counted as `deadLetters` in /health/ready).
/// </summary>
public sealed record RedeliverAlerts(Guid? AlertId = null, Guid? RuleId = null);

public sealed record RedeliveryResult(IReadOnlyList<Guid> AlertIds, int DeadLettersReplayed = 0);

public static class RedeliverAlertsHandler
{
    public const int MaxPerCall = 1000;

    public static async Task<(RedeliveryResult, OutgoingMessages)> Handle(RedeliverAlerts command, IDocumentSession session, TimeProvider time,
        Microsoft.Extensions.Options.IOptions<AlertOptions> alertOptions, NpgsqlDataSource db, IntelligenceOptions settings, CancellationToken ct)
    {
        var query = session.Query<AlertView>().Where(a => a.Delivery.State != DeliveryState.Delivered
            || (a.FollowUp != null && a.FollowUp.State != DeliveryState.Delivered));
        if (command.AlertId is { } alertId) query = query.Where(a => a.Id == alertId);
        if (command.RuleId is { } ruleId) query = query.Where(a => a.RuleId == ruleId);
        var open = await query.OrderBy(a => a.Sequence).Take(MaxPerCall).ToListAsync(ct);
        var rules = (await session.LoadManyAsync<AlertRuleView>(ct, open.Select(a => a.RuleId).Distinct())).ToDictionary(r => r.Id);

        var now = time.GetUtcNow();
        var options = alertOptions.Value;
        var outgoing = new OutgoingMessages();
        var replayed = new List<Guid>();
        foreach (var alert in open)
        {
            var rule = rules.GetValueOrDefault(alert.RuleId);
            var version = alert.Version;
            foreach (var kind in new[] { AlertMessageKind.Raised, AlertMessageKind.FollowUp })
            {
                if (alert.MessageOf(kind) is not { } message) continue;
                if (message.State == DeliveryState.Failed)
                {
                    session.Events.Append(alert.Id, ++version, new AlertRedeliveryRequested(alert.Id, kind, now));
                    outgoing.Add(new DeliverSlackAlert(alert.Id, kind));
                }
                else if (IsStalled(message, alert, rule, options, now))
                    outgoing.Add(new DeliverSlackAlert(alert.Id, kind, message.Attempts + 1));
                else continue;
                if (!replayed.Contains(alert.Id)) replayed.Add(alert.Id);
            }
        }
        var deadLetters = command is { AlertId: null, RuleId: null } ? await ReplayDeadLetters(db, settings.Schema, ct) : 0;
        return (new RedeliveryResult(replayed, deadLetters), outgoing);
    }

    /// <summary>
    /// Pending or retrying with nothing due for a long time: its message was lost (e.g. dead-lettered by an older version).
    /// Rules with quiet hours or digests schedule messages hours ahead, so theirs are left alone.
    /// </summary>
    public static bool IsStalled(MessageDelivery message, AlertView alert, AlertRuleView? rule, AlertOptions options, DateTimeOffset now)
    {
        if (message.State is not (DeliveryState.Pending or DeliveryState.Retrying)) return false;
        if (rule is null || rule.Deleted || rule.Criteria.DigestMinutes > 0 || rule.Criteria.QuietHours is not null) return false;
        var due = message.NextAttemptAt ?? alert.RaisedAt;
        return now - due > options.StalledAfter;
    }

    /// <summary>Marks Wolverine's dead-lettered alert messages replayable; its durability agent moves them back to the inbox.</summary>
    private static async Task<int> ReplayDeadLetters(NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            update {schema}_messages.wolverine_dead_letters set replayable = true
            where not replayable and (message_type like '%DeliverSlackAlert' or message_type like '%EvaluateFactAlerts'
                                      or message_type like '%deliver_slack_alert' or message_type like '%evaluate_fact_alerts')
            """);
        try
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}

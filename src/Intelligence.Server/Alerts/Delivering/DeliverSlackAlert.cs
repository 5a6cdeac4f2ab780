using System.Text.Json.Nodes;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>
/// Post one Slack message of an alert. Travels through Wolverine's durable outbox: persisted with the event that caused it,
/// so a crash or restart resumes delivery. Retries are this message again, scheduled (durably) with the attempt number.
/// </summary>
public sealed record DeliverSlackAlert(Guid AlertId, AlertMessageKind Kind, int Attempt = 1);

public static class DeliverSlackAlertHandler
{
    public static async Task<OutgoingMessages> Handle(DeliverSlackAlert command, IDocumentSession session, SlackWebhookClient slack,
        AcceptedPosts accepted, IOptions<AlertOptions> options, TimeProvider time, ILogger<DeliverSlackAlert> log, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var alert = await session.LoadAsync<AlertView>(command.AlertId, ct);
        var message = alert?.MessageOf(command.Kind);
        // A stale or duplicate envelope (already delivered, dead-lettered, or an older attempt) changes nothing: idempotent.
        if (alert is null || message is null || message.State is DeliveryState.Delivered or DeliveryState.Failed
            || command.Attempt != message.Attempts + 1) return outgoing;

        var now = time.GetUtcNow();
        var rule = await session.LoadAsync<AlertRuleView>(alert.RuleId, ct);
        if (rule is null || rule.Deleted)
        {
            session.Events.Append(alert.Id, alert.Version + 1,
                new AlertDeliveryFailed(alert.Id, command.Kind, command.Attempt, "the alert rule was deleted", true, now));
            return outgoing;
        }

        // Slack already accepted this very attempt, but its AlertDelivered was lost with the database: record it, do not post again.
        if (accepted.Find(command) is { } earlier)
        {
            var carried = await session.LoadManyAsync<AlertView>(ct, earlier.AlertIds.Where(id => id != alert.Id));
            return Delivered(session, command, alert, carried, rule, earlier.At, log);
        }

        var batch = await DigestBatch(session, rule, alert, command, ct);
        var payload = batch.Count > 1 ? SlackMessage.Digest(rule.Name, batch)
            : command.Kind == AlertMessageKind.Raised ? SlackMessage.ForAlert(alert) : SlackMessage.FollowUp(alert);
        var outcome = await slack.PostAsync(await AlertWebhookSecret.UrlOf(session, rule, ct), payload, ct);
        now = time.GetUtcNow();
        if (outcome is SlackOutcome.Delivered)
        {
            accepted.Remember(command, new AcceptedPosts.Accepted(now, [.. batch.Select(a => a.Id)]));
            return Delivered(session, command, alert, [.. batch.Where(a => a.Id != alert.Id)], rule, now, log);
        }

        foreach (var (e, retry) in Decide(command, alert, outcome, options.Value, now, Random.Shared.NextDouble()))
        {
            session.Events.Append(alert.Id, alert.Version + 1, e);
            if (retry is not null) outgoing.Add(retry);
            if (e is AlertDeliveryFailed { Permanent: true } failed && !rule.Failing)
                session.Events.Append(rule.Id, new AlertRuleFailing(rule.Id, failed.Reason, now));
            Log(log, rule, alert, command, e);
        }
        return outgoing;
    }

    /// <summary>The post was accepted: this alert's message is delivered, and so is the first message of every other alert a digest carried.</summary>
    private static OutgoingMessages Delivered(IDocumentSession session, DeliverSlackAlert command, AlertView alert, IEnumerable<AlertView> carried,
        AlertRuleView rule, DateTimeOffset at, ILogger log)
    {
        var delivered = new AlertDelivered(alert.Id, command.Kind, command.Attempt, at);
        session.Events.Append(alert.Id, alert.Version + 1, delivered);
        Log(log, rule, alert, command, delivered);
        foreach (var other in carried.Where(a => a.Delivery.State != DeliveryState.Delivered))
            session.Events.Append(other.Id, other.Version + 1, new AlertDelivered(other.Id, AlertMessageKind.Raised, other.Delivery.Attempts + 1, at));
        return new OutgoingMessages();
    }

    /// <summary>
    /// Pure: the event for this attempt's outcome, and the scheduled retry when there is one. A 429 waits for its
    /// Retry-After and does not count as a failure; 5xx and timeouts back off exponentially (with jitter, up to
    /// RetryMaxDelay). Either way the message is retried until <see cref="AlertOptions.RetryHorizon"/> has passed since
    /// the first failure (or MaxAttempts failures, when set), then dead-lettered visibly.
    /// </summary>
    public static IEnumerable<(object Event, object? Retry)> Decide(DeliverSlackAlert command, AlertView alert, SlackOutcome outcome,
        AlertOptions options, DateTimeOffset now, double jitter)
    {
        var attempt = command.Attempt;
        var message = alert.MessageOf(command.Kind) ?? new MessageDelivery();
        var failures = message.Failures;
        TimeSpan delay;
        string reason;
        var rateLimited = false;
        switch (outcome)
        {
            case SlackOutcome.Delivered:
                yield return (new AlertDelivered(alert.Id, command.Kind, attempt, now), null);
                yield break;
            case SlackOutcome.Permanent p:
                yield return (new AlertDeliveryFailed(alert.Id, command.Kind, attempt, p.Reason, true, now), null);
                yield break;
            case SlackOutcome.RateLimited r:
                rateLimited = true;
                delay = r.RetryAfter is { } after ? Min(after, options.MaxRetryAfter) : Backoff(failures + 1, options, jitter);
                reason = "HTTP 429 rate limited" + (r.RetryAfter is { } ra ? $" (Retry-After {ra.TotalSeconds:0} s)" : "");
                break;
            case SlackOutcome.Transient t:
                failures++;
                delay = Backoff(failures, options, jitter);
                reason = t.Reason;
                break;
            default:
                throw new InvalidOperationException($"Unknown Slack outcome {outcome}");
        }
        if (!rateLimited && options.MaxAttempts > 0 && failures >= options.MaxAttempts)
        {
            yield return (new AlertDeliveryFailed(alert.Id, command.Kind, attempt, $"{reason}; gave up after {failures} failed attempts", false, now), null);
            yield break;
        }
        var retryAt = now + delay;
        var since = message.FailingSince ?? now;
        if (retryAt - since > options.RetryHorizon)
        {
            yield return (new AlertDeliveryFailed(alert.Id, command.Kind, attempt,
                $"{reason}; gave up after retrying for {Describe(now - since)} ({attempt} attempts)", false, now), null);
            yield break;
        }
        yield return (new AlertDeliveryDeferred(alert.Id, command.Kind, attempt, reason, retryAt, now, rateLimited),
            (command with { Attempt = attempt + 1 }).ScheduledAt(retryAt));
    }

    private static string Describe(TimeSpan span) =>
        span >= TimeSpan.FromHours(1) ? $"{span.TotalHours:0.#} h" : span >= TimeSpan.FromMinutes(1) ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0.#} s";

    /// <summary>Exponential backoff with "equal jitter": half the doubled delay, plus a random part of the other half.</summary>
    public static TimeSpan Backoff(int attempt, AlertOptions options, double jitter)
    {
        var doubled = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * Math.Clamp(jitter, 0, 1));
    }

    /// <summary>When a message raised now may be posted: after quiet hours, and at the next digest boundary for digest rules.</summary>
    public static DateTimeOffset NextSlot(AlertCriteria criteria, DateTimeOffset now)
    {
        var at = now;
        if (criteria.DigestMinutes > 0)
        {
            var period = TimeSpan.FromMinutes(criteria.DigestMinutes).Ticks;
            at = new DateTimeOffset((now.UtcTicks / period + 1) * period, TimeSpan.Zero);
        }
        return criteria.QuietHours is { } quiet ? quiet.NextAllowed(at) : at;
    }

    /// <summary>For a digest rule, every alert of the rule still waiting for its first message; otherwise just this one.</summary>
    private static async Task<IReadOnlyList<AlertView>> DigestBatch(IQuerySession session, AlertRuleView rule, AlertView alert,
        DeliverSlackAlert command, CancellationToken ct)
    {
        if (rule.Criteria.DigestMinutes <= 0 || command.Kind != AlertMessageKind.Raised) return [alert];
        var waiting = await session.Query<AlertView>()
            .Where(a => a.RuleId == rule.Id && a.Delivery.State == DeliveryState.Pending && a.Id != alert.Id)
            .OrderBy(a => a.Sequence).Take(200).ToListAsync(ct);
        return [alert, .. waiting];
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static void Log(ILogger log, AlertRuleView rule, AlertView alert, DeliverSlackAlert command, object e)
    {
        // Never the webhook URL: the rule name, the alert id and Slack's short answer only.
        switch (e)
        {
            case AlertDelivered:
                log.LogInformation("Alert {AlertId} ({Kind}) for rule {Rule} delivered on attempt {Attempt}", alert.Id, command.Kind, rule.Name, command.Attempt);
                break;
            case AlertDeliveryDeferred d:
                log.LogWarning("Alert {AlertId} ({Kind}) for rule {Rule}: attempt {Attempt} failed ({Reason}); retry at {RetryAt:O}", alert.Id, command.Kind, rule.Name, d.Attempt, d.Reason, d.RetryAt);
                break;
            case AlertDeliveryFailed f:
                log.LogError("Alert {AlertId} ({Kind}) for rule {Rule} dead-lettered after {Attempts} attempts: {Reason}", alert.Id, command.Kind, rule.Name, f.Attempts, f.Reason);
                break;
        }
    }
}

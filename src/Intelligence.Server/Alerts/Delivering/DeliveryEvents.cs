using Intelligence.Server.Alerts.Raising;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>Slack accepted the message (2xx) on attempt <paramref name="Attempt"/>.</summary>
public sealed record AlertDelivered(Guid AlertId, AlertMessageKind Kind, int Attempt, DateTimeOffset DeliveredAt);

/// <summary>
/// An attempt failed in a way worth retrying (429, 5xx, timeout, refused connection); the next attempt is scheduled.
/// <paramref name="RateLimited"/>: Slack answered 429; the wait is its Retry-After and the failure backoff does not grow.
/// </summary>
public sealed record AlertDeliveryDeferred(Guid AlertId, AlertMessageKind Kind, int Attempt, string Reason, DateTimeOffset RetryAt, DateTimeOffset DeferredAt,
    bool RateLimited = false);

/// <summary>
/// The message is dead-lettered: Slack refused it for good (4xx such as no_service/invalid_token) or every attempt failed.
/// `intel alerts redeliver` (or the redeliverAlerts mutation) replays it.
/// </summary>
public sealed record AlertDeliveryFailed(Guid AlertId, AlertMessageKind Kind, int Attempts, string Reason, bool Permanent, DateTimeOffset FailedAt);

/// <summary>Someone asked to replay a dead-lettered message.</summary>
public sealed record AlertRedeliveryRequested(Guid AlertId, AlertMessageKind Kind, DateTimeOffset RequestedAt);

namespace Intelligence.Server.Alerts;

/// <summary>
/// Alert delivery settings, bound from configuration section "Alerts" (environment: Alerts__MaxAttempts=8, ...).
/// Delays are settings so tests run in milliseconds and production backs off in seconds.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>
    /// How long a message keeps being retried after its first failed post (5xx, timeout, 429) before it is dead-lettered
    /// (AlertDeliveryFailed, visible under deliveryState: FAILED, replayed by `intel alerts redeliver`).
    /// </summary>
    public TimeSpan RetryHorizon { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Optional cap on failed posts (5xx, timeouts; 429s do not count) before the horizon; 0 = none.</summary>
    public int MaxAttempts { get; set; }
    /// <summary>First retry delay after a 5xx or a timeout; doubles with each failure (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>The longest Retry-After honoured from a 429 (Slack asks for seconds to a minute).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>A PENDING/RETRYING message with no attempt due for this long is replayed by `intel alerts redeliver`.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Per-request timeout for the webhook POST.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A JSON file of rules defined (upserted by name) when the server starts. Environment: Alerts__RulesFile.</summary>
    public string? RulesFile { get; set; }
    /// <summary>
    /// Self-hosted webhook receivers, as origins ("https://hooks.example.internal", "http://127.0.0.1:5123" for a loopback
    /// stand-in); a port-less origin allows any port. Webhooks elsewhere than Slack's hosts are refused. Environment:
    /// Alerts__WebhookReceivers__0=https://hooks.example.internal.
    /// </summary>
    public List<string> WebhookReceivers { get; set; } = [];
    /// <summary>Link target for "open in Intelligence" in messages; none when null.</summary>
    public string? ConsoleBaseUrl { get; set; }
}

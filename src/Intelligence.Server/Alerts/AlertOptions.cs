namespace Intelligence.Server.Alerts;

/// <summary>
/// Alert delivery settings, bound from configuration section "Alerts" (environment: Alerts__MaxAttempts=8, ...).
/// Delays are settings so tests run in milliseconds and production backs off in seconds.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>Attempts before a message is dead-lettered (AlertDeliveryFailed).</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>First retry delay after a 5xx or a timeout; doubles each attempt (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>The longest Retry-After honoured from a 429 (Slack asks for seconds to a minute).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(10);
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

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>What Slack's answer means for the message.</summary>
public abstract record SlackOutcome
{
    public sealed record Delivered : SlackOutcome;
    /// <summary>429: wait as long as Slack says (Retry-After), then try again.</summary>
    public sealed record RateLimited(TimeSpan? RetryAfter) : SlackOutcome;
    /// <summary>5xx, 408, timeout, refused connection: retry with backoff.</summary>
    public sealed record Transient(string Reason) : SlackOutcome;
    /// <summary>Other 4xx (404 no_service, 403 invalid_token, 404 channel_not_found, 400 invalid_payload...): retrying cannot help.</summary>
    public sealed record Permanent(string Reason) : SlackOutcome;
}

/// <summary>
/// Posts Block Kit JSON to a Slack incoming webhook (named HttpClient, its request logging removed: the URL is a secret;
/// its handler is the egress guard's, so a webhook reaches Slack's public addresses or a receiver the operator listed).
/// A plain singleton over IHttpClientFactory (a typed client is an opaque factory Wolverine's codegen refuses).
/// Never throws for Slack's or the network's failures; it classifies them. What it reports is a status and a short
/// classified reason, never the remote body (a webhook pointed somewhere else must not become a way to read it).
/// </summary>
public sealed class SlackWebhookClient(IHttpClientFactory clients, IOptions<AlertOptions> options, WebhookPolicy policy)
{
    public const string HttpClientName = "slack-webhooks";

    /// <summary>The words Slack answers with that are worth keeping in lastError; any other body is dropped.</summary>
    private static readonly HashSet<string> SlackErrorCodes = new(StringComparer.Ordinal)
    {
        "invalid_payload", "user_not_found", "channel_not_found", "channel_is_archived", "action_prohibited",
        "posting_to_general_channel_denied", "too_many_attachments", "no_service", "no_service_id", "no_team",
        "team_disabled", "invalid_token", "no_text", "rate_limited", "rollup_error", "missing_text_or_fallback_or_attachments",
        "invalid_blocks", "invalid_blocks_format", "internal_error", "service_unavailable", "request_timeout",
    };

    public async Task<SlackOutcome> PostAsync(string? webhookUrl, JsonObject payload, CancellationToken ct)
    {
        if (webhookUrl is null) return new SlackOutcome.Permanent("no webhook stored for the rule; redefine it with a webhookUrl");
        if (policy.Problem(webhookUrl) is not null) return new SlackOutcome.Permanent("webhook refused by the server's webhook policy");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await clients.CreateClient(HttpClientName).PostAsync(webhookUrl, content, timeout.Token);
            var body = await ReadShort(response, timeout.Token);
            return Classify(response.StatusCode, body, RetryAfterOf(response));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SlackOutcome.Transient($"timeout after {options.Value.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (IsRefusal(e))
        {
            return new SlackOutcome.Permanent("refused by the egress guard: the webhook host resolves to a non-public address");
        }
        catch (HttpRequestException e)
        {
            return new SlackOutcome.Transient($"connection failed ({e.HttpRequestError})");
        }
    }

    /// <summary>A status and a classified reason: Slack's error word when it is one of Slack's, otherwise the status's own name.</summary>
    public static SlackOutcome Classify(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var word = body.Trim();
        var reason = $"HTTP {code} " + (SlackErrorCodes.Contains(word) ? word : StatusName(code));
        return code switch
        {
            >= 200 and < 300 => new SlackOutcome.Delivered(),
            429 => new SlackOutcome.RateLimited(retryAfter),
            408 or >= 500 => new SlackOutcome.Transient(reason),
            _ => new SlackOutcome.Permanent(reason),
        };
    }

    private static string StatusName(int code) => code switch
    {
        >= 300 and < 400 => "redirect (not followed)",
        _ => System.Text.RegularExpressions.Regex.Replace(((HttpStatusCode)code).ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant() is var name
             && name != code.ToString() ? name : "error",
    };

    private static bool IsRefusal(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            if (current is Intelligence.Ingestion.Fetching.FetchRefusedException) return true;
        return false;
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    /// <summary>Slack answers a word ("ok", "no_service", "invalid_token"): read at most 64 characters, enough to recognise one.</summary>
    private static async Task<string> ReadShort(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new char[64];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }
}

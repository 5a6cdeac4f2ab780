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
/// Posts Block Kit JSON to a Slack incoming webhook (named HttpClient, its request logging removed: the URL is a secret).
/// A plain singleton over IHttpClientFactory (a typed client is an opaque factory Wolverine's codegen refuses).
/// Never throws for Slack's or the network's failures; it classifies them.
/// </summary>
public sealed class SlackWebhookClient(IHttpClientFactory clients, IOptions<AlertOptions> options)
{
    public const string HttpClientName = "slack-webhooks";

    public async Task<SlackOutcome> PostAsync(string webhookUrl, JsonObject payload, CancellationToken ct)
    {
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
        catch (HttpRequestException e)
        {
            // The message of HttpRequestException names host:port at most, never the path (where the webhook's secret is).
            return new SlackOutcome.Transient($"connection failed ({e.HttpRequestError})");
        }
    }

    public static SlackOutcome Classify(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var said = string.IsNullOrWhiteSpace(body) ? "" : " " + body;
        return code switch
        {
            >= 200 and < 300 => new SlackOutcome.Delivered(),
            429 => new SlackOutcome.RateLimited(retryAfter),
            408 or >= 500 => new SlackOutcome.Transient($"HTTP {code}{said}"),
            _ => new SlackOutcome.Permanent($"HTTP {code}{said}"),
        };
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    /// <summary>Slack answers a word ("ok", "no_service", "invalid_token"); keep at most 100 printable characters of it.</summary>
    private static async Task<string> ReadShort(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new char[100];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read).Where(c => !char.IsControl(c)).Aggregate(new StringBuilder(), (sb, c) => sb.Append(c)).ToString().Trim();
    }
}

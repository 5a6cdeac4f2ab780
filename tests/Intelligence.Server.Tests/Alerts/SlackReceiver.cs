using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>What the stand-in answers to one request.</summary>
public sealed record SlackAnswer(int Status, string Body = "ok", TimeSpan? RetryAfter = null, TimeSpan? Delay = null)
{
    public static readonly SlackAnswer Ok = new(200);
    public static SlackAnswer RateLimited(int seconds) => new(429, "rate_limited", TimeSpan.FromSeconds(seconds));
    public static readonly SlackAnswer ServerError = new(500, "rollup_error");
    public static readonly SlackAnswer NoService = new(404, "no_service");
    public static SlackAnswer Slow(TimeSpan delay) => new(200, "ok", Delay: delay);
}

public sealed record ReceivedRequest(string Path, string Body, DateTimeOffset At, int AnsweredWith)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 standing in for Slack's incoming webhooks: records every request and answers from a
/// script (one answer per request, then <see cref="Otherwise"/>).
/// </summary>
public sealed class SlackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackAnswer> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    public int Port { get; }
    public string WebhookUrl => $"http://127.0.0.1:{Port}/services/T000TEST/B000TEST/s3cr3tT0ken";
    public SlackAnswer Otherwise { get; set; } = SlackAnswer.Ok;
    public IReadOnlyList<ReceivedRequest> Received => _received.ToArray();

    private SlackReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public void Then(params SlackAnswer[] answers)
    {
        foreach (var answer in answers) _script.Enqueue(answer);
    }

    /// <summary>A port nobody listens on yet (for "Slack is down, then comes back").</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<SlackReceiver> Start(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        SlackReceiver? receiver = null;
        app.MapPost("/services/{**rest}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var answer = receiver!._script.TryDequeue(out var scripted) ? scripted : receiver.Otherwise;
            receiver._received.Enqueue(new ReceivedRequest(http.Request.Path, body, DateTimeOffset.UtcNow, answer.Status));
            if (answer.Delay is { } delay)
            {
                try { await Task.Delay(delay, http.RequestAborted); } catch (OperationCanceledException) { return; }
            }
            http.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is { } after) http.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString();
            await http.Response.WriteAsync(answer.Body);
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        receiver = new SlackReceiver(app, address.Port);
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedRequest>> WaitFor(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_received.Count < count && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(_received.Count >= count, $"Slack stand-in got {_received.Count} request(s), expected {count}.");
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

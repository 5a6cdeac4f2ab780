using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intelligence.Extraction.Tests.Gpu;

/// <summary>A real Kestrel server on 127.0.0.1 speaking the chat-completions protocol, with a scripted reply.</summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    public Uri Endpoint { get; }
    public int Requests => _requests;
    private int _requests;

    private FakeChatServer(WebApplication app, Uri endpoint) { _app = app; Endpoint = endpoint; }

    public static async Task<FakeChatServer> StartAsync(Func<HttpContext, Task> reply)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeChatServer? server = null;
        app.MapPost("/v1/chat/completions", async context =>
        {
            Interlocked.Increment(ref server!._requests);
            await reply(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeChatServer(app, new Uri(address.TrimEnd('/') + "/v1"));
        return server;
    }

    /// <summary>A 200 chat completion whose assistant message is <paramref name="content"/>.</summary>
    public static Func<HttpContext, Task> Completion(string content, TimeSpan? delay = null) => async context =>
    {
        if (delay is { } d) await Task.Delay(d, context.RequestAborted);
        var body = new
        {
            id = "chatcmpl-test", @object = "chat.completion", created = 1_700_000_000, model = "test-moe",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    };

    public static Func<HttpContext, Task> Status(int status) => async context =>
    {
        context.Response.StatusCode = status;
        if (status == 429) context.Response.Headers.RetryAfter = "30";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"error":{"message":"scripted failure","type":"server_error"}}""");
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

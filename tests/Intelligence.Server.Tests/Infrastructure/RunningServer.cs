using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Intelligence.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>The real server on Kestrel at 127.0.0.1 (random port) over a test database; tests speak HTTP to it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public WebApplication App { get; }
    public HttpClient Http { get; }
    public Uri BaseAddress { get; }

    private RunningServer(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<RunningServer> Start(string connectionString, Func<IntelligenceOptions, IntelligenceOptions>? tweak = null)
    {
        var options = new IntelligenceOptions { ConnectionString = connectionString, Port = 0, DevMode = true };
        options = tweak?.Invoke(options) ?? options;
        var app = IntelligenceHost.Build(options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, new Uri(address));
    }

    public IMessageBus Bus => App.Services.GetRequiredService<IMessageBus>();

    public async Task<JsonObject> GraphQL(string query, object? variables = null, string? bearer = null, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        if (traceParent is not null) request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)?.AsObject() ?? throw new InvalidOperationException($"Empty GraphQL response ({(int)response.StatusCode}).");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

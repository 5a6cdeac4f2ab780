using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Intelligence.Server.GraphQL.Transport;
using Intelligence.Server.Hosting;
using Intelligence.Server.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Transport;

/// <summary>One server node on Kestrel 127.0.0.1 with chosen options (dev mode off by default) and WebSocket settings.</summary>
public sealed class TestNode : IAsyncDisposable
{
    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }

    private TestNode(WebApplication app, Uri address)
    {
        App = app;
        BaseAddress = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri WebSocketUri => new($"ws://{BaseAddress.Authority}/graphql");

    public static async Task<TestNode> Start(string connectionString, bool devMode = false, Action<GraphQLWebSocketOptions>? socket = null)
    {
        var options = new IntelligenceOptions { ConnectionString = connectionString, Port = 0, DevMode = devMode };
        var settings = new GraphQLWebSocketOptions();
        socket?.Invoke(settings);
        var app = IntelligenceHost.Build(options, builder => builder.Services.AddSingleton(settings));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var node = new TestNode(app, new Uri(address));
        await node.Listener.WhenListening.WaitAsync(TimeSpan.FromSeconds(30));
        return node;
    }

    public LiveListener Listener => App.Services.GetRequiredService<LiveListener>();
    public LiveHub Hub => App.Services.GetRequiredService<LiveHub>();

    public async Task<(HttpStatusCode Status, JsonObject Body)> Post(string query, object? variables = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Waits until the hub has this many subscribers (a `subscribe` has no acknowledgement in the protocol).</summary>
    public async Task WaitForSubscribers(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Hub.SubscriberCount < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Expected {count} live subscribers, have {Hub.SubscriberCount}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

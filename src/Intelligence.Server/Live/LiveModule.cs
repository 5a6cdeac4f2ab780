using GraphQL.Types;
using Intelligence.Server.GraphQL.Transport;
using Intelligence.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Live;

/// <summary>Subscriptions (`factExtracted`, `alertRaised`) over the `graphql-transport-ws` WebSocket, fanned out across nodes by LISTEN/NOTIFY.</summary>
public sealed class LiveModule : IFeatureModule
{
    public void ConfigureServices(WebApplicationBuilder builder, IntelligenceOptions options)
    {
        builder.Services.AddSingleton<LiveHub>();
        builder.Services.AddSingleton<GraphQLWebSocketOptions>();
        builder.Services.AddSingleton<GraphQLWebSocket>();
        builder.Services.AddSingleton<LiveListener>();
        // Only a serving node listens; CLI commands that merely append need no listener (the trigger notifies the servers).
        if (options.ServeHttp) builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveListener>());
    }

    public void AddSubscriptions(ObjectGraphType subscription) => LiveSubscriptions.AddTo(subscription);
}

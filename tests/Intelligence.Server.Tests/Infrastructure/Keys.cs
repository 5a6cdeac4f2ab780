using Intelligence.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>API keys for tests: `var key = await server.CreateKey("editor");` then `server.GraphQL(query, vars, bearer: key)`.</summary>
public static class Keys
{
    /// <summary>Creates a key with this role (reader, editor or admin) and returns its secret.</summary>
    public static Task<string> CreateKey(this RunningServer server, string role = "editor", string? name = null) => server.App.CreateKey(role, name);

    public static async Task<string> CreateKey(this WebApplication app, string role = "editor", string? name = null)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMessageBus>()
            .InvokeAsync<CreateApiKeyResult>(new CreateApiKey(Enum.Parse<ApiRole>(role, ignoreCase: true), name ?? "test-" + role));
        return result.Created!.Secret;
    }
}

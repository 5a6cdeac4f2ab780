using System.Net;
using Intelligence.Server.Hosting;
using Intelligence.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Security;

/// <summary>Host header checks: dev mode answers loopback names only (DNS rebinding); production answers what AllowedHosts lists.</summary>
public sealed class HostCheckTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static async Task<HttpStatusCode> Post(HttpClient http, string? host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ alertRules { name } }" }),
        };
        if (host is not null) request.Headers.Host = host;
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Dev_mode_answers_loopback_host_names_only()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var port = server.BaseAddress.Port;
        Assert.Equal(HttpStatusCode.BadRequest, await Post(server.Http, "rebind.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(server.Http, $"rebind.example:{port}"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(server.Http, $"127.0.0.1.nip.io:{port}"));
        foreach (var host in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"[::1]:{port}", "localhost" })
            Assert.Equal(HttpStatusCode.OK, await Post(server.Http, host));
    }

    [Fact]
    public async Task Production_answers_the_allowed_hosts_setting()
    {
        var app = IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = db.ConnectionString, Port = 0 },
            builder => builder.Configuration["AllowedHosts"] = "intel.example.com;localhost");
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            Assert.Equal(HttpStatusCode.BadRequest, await Post(http, "rebind.example"));
            Assert.Equal(HttpStatusCode.Unauthorized, await Post(http, "intel.example.com")); // past the host check: no key
            Assert.Equal(HttpStatusCode.Unauthorized, await Post(http, "localhost:8080"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

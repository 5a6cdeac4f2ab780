using System.Net;
using Intelligence.Server.Dashboard;
using Intelligence.Server.Tests.Infrastructure;

namespace Intelligence.Server.Tests.Dashboard;

/// <summary>One server for the plain HTTP checks of the dashboard (no browser).</summary>
public sealed class DashboardServer : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        Server = await RunningServer.Start(_db.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _db.DisposeAsync();
    }
}

public sealed class DashboardEndpointTests(DashboardServer fixture) : IClassFixture<DashboardServer>
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task The_root_serves_the_page_with_a_self_only_content_security_policy()
    {
        using var response = await Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(DashboardModule.ContentSecurityPolicy, csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));

        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!doctype html>", html);
        Assert.Contains("<script src=\"/dashboard/app.js\"", html);
        Assert.Contains("<label for=\"company-a\">", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Theory]
    [InlineData("/dashboard/app.js", "text/javascript")]
    [InlineData("/dashboard/app.css", "text/css")]
    [InlineData("/dashboard/icon.svg", "image/svg+xml")]
    [InlineData("/dashboard/index.html", "text/html")]
    public async Task Assets_are_served_from_the_assembly_with_their_content_type(string path, string mediaType)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
        Assert.NotNull(response.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/missing.js")]
    [InlineData("/dashboard/..%2FIntelligence.Server.dll")]
    public async Task Unknown_assets_are_not_found(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_script_loads_nothing_from_another_origin()
    {
        var script = await Http.GetStringAsync("/dashboard/app.js");
        var css = await Http.GetStringAsync("/dashboard/app.css");

        // The only absolute URL in the page's code is the SVG namespace, which is a name, never fetched.
        Assert.Equal(["http://www.w3.org/2000/svg"],
            System.Text.RegularExpressions.Regex.Matches(script + css, "https?://[^'\"`\\s)]*").Select(m => m.Value).Distinct());
        Assert.Contains("fetch('/graphql'", script);
    }
}

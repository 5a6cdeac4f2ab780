using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection;
using Intelligence.Server.Hosting;

namespace Intelligence.Server.Security;

/// <summary>
/// Which Host header values the server answers (ASP.NET's host filtering: anything else gets 400 before any endpoint runs).
/// Production: the `AllowedHosts` setting (environment AllowedHosts=intel.example.com;intel.internal), any host when unset.
/// Dev mode: loopback names only (127.0.0.1, localhost, [::1], any port) and a Host header required, so a web page whose
/// name was rebound to 127.0.0.1 (DNS rebinding) cannot reach the anonymous dev API.
/// </summary>
public static class HostCheck
{
    public static readonly IReadOnlyList<string> LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    public static void Configure(WebApplicationBuilder builder, IntelligenceOptions options)
    {
        // PostConfigure runs after ASP.NET's own (which turns an unset AllowedHosts into "*").
        builder.Services.PostConfigure<HostFilteringOptions>(filter =>
        {
            if (!options.DevMode) return;
            filter.AllowedHosts = [.. LoopbackHosts];
            filter.AllowEmptyHosts = false;
        });
    }
}

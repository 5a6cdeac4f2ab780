using System.Reflection;
using System.Security.Cryptography;
using Intelligence.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Intelligence.Server.Dashboard;

/// <summary>
/// A small page for people on `GET /`: partnership timeline, financial chart and a raw query box, all drawn in the
/// browser from /graphql. Plain HTML, JS and CSS embedded in the assembly (no CDN, no build step), served with a
/// Content-Security-Policy that allows this origin only.
/// </summary>
public sealed class DashboardModule : IFeatureModule
{
    /// <summary>Self only; no inline script or style (the page sets SVG attributes and CSSOM properties, both allowed).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly IReadOnlyDictionary<string, Asset> Assets = Load();

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Serve(http, "index.html"));
        app.MapGet("/dashboard/{file}", (HttpContext http, string file) => Serve(http, file));
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!Assets.TryGetValue(file, out var asset)) return Results.NotFound();
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);

    /// <summary>Embedded as `Dashboard.&lt;file name&gt;` (see the project file).</summary>
    private static Dictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardModule).Assembly;
        const string prefix = "Dashboard.";
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var file = name[prefix.Length..];
            assets[file] = new Asset(content, ContentTypeOf(file), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }
        return assets;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}

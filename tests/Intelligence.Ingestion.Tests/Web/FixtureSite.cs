using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intelligence.Ingestion.Tests.Web;

/// <summary>A real news site on 127.0.0.1 (Kestrel, port 0): pages, feeds, robots.txt and every misbehaviour under test.</summary>
public sealed class FixtureSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    static FixtureSite() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private FixtureSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConcurrentDictionary<string, int> Hits { get; } = new();

    public Uri Url(string path) => new(BaseUrl, path);

    /// <summary>The "127.0.0.1:port" allow-list entry for this site and nothing else.</summary>
    public string AllowEntry => $"127.0.0.1:{BaseUrl.Port}";

    public int HitsOf(string path) => Hits.GetValueOrDefault(path);

    public static async Task<FixtureSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FixtureSite? site = null;
        app.Use(async (context, next) =>
        {
            site!.Hits.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await next(context);
        });
        Map(app, () => site!);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site = new FixtureSite(app, new Uri(address.Replace("[::]", "127.0.0.1")));
        return site;
    }

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "site", name));

    private static void Map(WebApplication app, Func<FixtureSite> site)
    {
        app.MapGet("/robots.txt", () => Results.Text("""
            # fixture robots
            User-agent: *
            Disallow: /

            User-agent: IntelligenceBot
            Disallow: /private/
            Disallow: /*.pdf$
            Allow: /private/open
            Crawl-delay: 0.01

            Sitemap: /news-sitemap.xml
            """, "text/plain"));

        foreach (var (path, file) in new[] { ("ft", "ft-style.html"), ("axios", "axios-style.html"), ("fr-tech", "fr-tech.html") })
            app.MapGet($"/articles/{path}", () => Results.Content(Fixture(file), "text/html; charset=utf-8"));

        // The FT story syndicated under another URL, lightly edited, canonical pointing at itself.
        app.MapGet("/wire/ms-openai", () => Results.Content(
            Fixture("ft-style.html")
                .Replace("https://ledger.example.com/content/ms-openai?utm_source=rss", "/wire/ms-openai")
                .Replace("<meta property=\"og:url\" content=\"https://ledger.example.com/content/ms-openai?utm_source=twitter&amp;utm_medium=social\">", "")
                .Replace("said on Tuesday", "said on Tuesday afternoon"),
            "text/html"));
        app.MapGet("/private/secret", () => Results.Content("<p>secret</p>", "text/html"));
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/report.pdf", () => Results.Bytes([0x25, 0x50, 0x44, 0x46], "application/pdf"));

        app.MapGet("/feed.rss", (HttpContext http) => Conditional(http, "\"rss-v1\"", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Fixture news</title>
              <item><title>Microsoft shifts</title><link>/articles/ft?utm_source=rss</link><pubDate>Wed, 12 Nov 2025 06:00:00 GMT</pubDate></item>
              <item><title>Anthropic and the Pentagon</title><guid isPermaLink="true">{site().Url("/articles/axios")}</guid></item>
              <item><title>Pertes d'OpenAI</title><link>/articles/fr-tech</link></item>
              <item><title>Wire copy</title><link>/wire/ms-openai</link></item>
              <item><title>Secret</title><link>/private/secret</link></item>
              <item><title>Gone</title><link>/missing</link></item>
            </channel></rss>
            """, "application/rss+xml"));

        app.MapGet("/atom.xml", () => Results.Content("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Fixture</title>
              <entry><title>Brief</title><link rel="alternate" href="/articles/axios"/><published>2026-02-03T19:05:00Z</published></entry>
              <entry><title>FR</title><link rel="replies" href="/comments/1"/><link href="/articles/fr-tech"/><updated>2026-02-03T10:30:00Z</updated></entry>
            </feed>
            """, "application/atom+xml"));

        app.MapGet("/news-sitemap.xml", () => Results.Content("""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc>/articles/fr-tech</loc><news:news><news:publication><news:name>TechPresse</news:name><news:language>fr</news:language></news:publication>
                <news:publication_date>2026-02-03T10:30:00+01:00</news:publication_date><news:title>OpenAI : des pertes abyssales</news:title></news:news></url>
              <url><loc>/articles/ft</loc><news:news><news:publication_date>2025-11-12T06:00:00Z</news:publication_date><news:title>Microsoft shifts</news:title></news:news></url>
            </urlset>
            """, "application/xml"));

        app.MapGet("/etag-page", (HttpContext http) => Conditional(http, "\"page-v1\"", Fixture("axios-style.html"), "text/html"));

        app.MapGet("/redirect/loop-a", () => Results.Redirect("/redirect/loop-b"));
        app.MapGet("/redirect/loop-b", () => Results.Redirect("/redirect/loop-a"));
        app.MapGet("/redirect/chain/{n:int}", (int n) => n <= 0 ? Results.Redirect("/articles/axios") : Results.Redirect($"/redirect/chain/{n - 1}"));
        app.MapGet("/redirect/metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/iam/"));
        app.MapGet("/redirect/private", () => Results.Redirect("http://10.0.0.1/admin"));
        app.MapGet("/redirect/rebind", () => Results.Redirect("http://rebind.fixture/admin"));
        app.MapGet("/redirect/robots-blocked", () => Results.Redirect("/private/secret"));

        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Results.Content("<p>too late</p>", "text/html");
        });

        app.MapGet("/bomb", (HttpContext http) =>
        {
            http.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(GzipBomb.Value, "text/html");
        });
        app.MapGet("/big", () => Results.Content("<html><body><p>" + new string('x', 3 * 1024 * 1024) + "</p></body></html>", "text/html"));

        app.MapGet("/cp1252", () => Results.Bytes(WindowsFrench("<meta charset=\"windows-1252\">"), "text/html"));
        app.MapGet("/latin1", () => Results.Bytes(WindowsFrench(""), "text/html; charset=ISO-8859-1"));
        app.MapGet("/undeclared-1252", () => Results.Bytes(WindowsFrench(""), "text/html"));
        app.MapGet("/header-1252", () => Results.Bytes(WindowsFrench(""), "text/html; charset=windows-1252"));
        app.MapGet("/feed-1252.rss", () => Results.Content("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Le Quotidien</title>
              <item><title>Dépenses records</title><link>/header-1252</link></item>
            </channel></rss>
            """, "application/rss+xml"));

        app.MapGet("/flaky-429", () => site().HitsOf("/flaky-429") == 1
            ? Results.Text("slow down", statusCode: 429, contentType: null).WithRetryAfter("1")
            : Results.Content(Fixture("axios-style.html"), "text/html"));
        app.MapGet("/flaky-503", () => site().HitsOf("/flaky-503") == 1
            ? Results.StatusCode(503)
            : Results.Content(Fixture("axios-style.html"), "text/html"));
        app.MapGet("/always-500", () => Results.StatusCode(500));
        app.MapGet("/come-back-later", () => Results.Text("later", statusCode: 429).WithRetryAfter("3600"));
    }

    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++) gzip.Write(zeros);
        }
        return output.ToArray();
    });

    public const string FrenchSentence = "Le géant de Redmond a dépensé 37,5 milliards de dollars en un trimestre : ça coûte très cher, à l'évidence.";

    private static byte[] WindowsFrench(string meta) =>
        Encoding.GetEncoding("windows-1252").GetBytes(
            $"<html><head>{meta}<title>Dépenses records – Le Quotidien</title></head><body><article><h1>Dépenses records</h1>" +
            $"<p>{FrenchSentence}</p><p>Les investisseurs s’inquiètent « déjà » de l’effet sur les marges — et sur le cours de l’action.</p></article></body></html>");

    private static IResult Conditional(HttpContext http, string etag, string body, string contentType)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.LastModified = "Wed, 12 Nov 2025 06:00:00 GMT";
        if (http.Request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(304);
        return Results.Content(body, contentType);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class ResultExtensions
{
    public static IResult WithRetryAfter(this IResult inner, string value) => new RetryAfterResult(inner, value);

    private sealed class RetryAfterResult(IResult inner, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>
/// A news site on Kestrel at 127.0.0.1: an RSS feed of <see cref="Pages"/> distinct articles, each stating one projected
/// loss of a different amount (so each is a fact of its own), and a permissive robots.txt. Counts page fetches.
/// </summary>
public sealed class NewsSite : IAsyncDisposable
{
    private static readonly string[] Companies = ["OpenAI", "Anthropic", "xAI", "Mistral AI", "Meta", "Nvidia", "Amazon", "Google"];
    private static readonly string[] Words =
        ["market", "investors", "quarter", "analysts", "growth", "cloud", "chips", "model", "revenue", "customers", "board", "strategy",
         "regulators", "pricing", "capacity", "energy", "talent", "research", "launch", "partners", "demand", "margins", "forecast", "shares"];

    private readonly WebApplication _app;
    private int _fetches;

    public Uri BaseAddress { get; }
    public int Pages { get; }
    public int Fetches => Volatile.Read(ref _fetches);
    public Uri FeedUrl => new(BaseAddress, "/feed.xml");
    public string AllowEntry => $"127.0.0.1:{BaseAddress.Port}";

    private NewsSite(WebApplication app, Uri address, int pages)
    {
        _app = app;
        BaseAddress = address;
        Pages = pages;
    }

    public static async Task<NewsSite> Start(int pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        NewsSite? site = null;
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nAllow: /\n"));
        app.MapGet("/feed.xml", () => Results.Text(site!.Feed(), "application/rss+xml"));
        app.MapGet("/news/{n:int}", (int n) =>
        {
            Interlocked.Increment(ref site!._fetches);
            return n < 0 || n >= site.Pages ? Results.NotFound() : Results.Text(Page(n), "text/html; charset=utf-8");
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        site = new NewsSite(app, address, pages);
        return site;
    }

    public static string Company(int n) => Companies[n % Companies.Length];

    /// <summary>The loss the page states, in billions of dollars: distinct per page.</summary>
    public static int LossBillions(int n) => 20 + n;

    private string Feed()
    {
        var items = string.Concat(Enumerable.Range(0, Pages).Select(n =>
            $"<item><title>{Company(n)} loss {n}</title><link>{BaseAddress}news/{n}</link><pubDate>Mon, 02 Feb 2026 08:{n % 60:00}:00 GMT</pubDate></item>"));
        return $"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Fixture wire</title><link>{BaseAddress}</link><description>fixture</description>{items}</channel></rss>""";
    }

    public static string Page(int n)
    {
        var company = Company(n);
        var random = new Random(n);
        string Filler(int sentences) => string.Join(" ", Enumerable.Range(0, sentences).Select(_ =>
            char.ToUpperInvariant(Words[random.Next(Words.Length)][0]) + Words[random.Next(Words.Length)][1..] + " " +
            string.Join(" ", Enumerable.Range(0, 9).Select(_ => Words[random.Next(Words.Length)])) + $" in report {n}."));
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{company} expects a wider loss, report {n}</title>
            <meta property="article:published_time" content="2026-02-02T08:{n % 60:00}:00+00:00"></head>
            <body><article><h1>{company} expects a wider loss, report {n}</h1>
            <p>{company} expects a net loss of ${LossBillions(n)} billion in 2027, according to documents seen by the Fixture Wire for report number {n}.</p>
            <p>{Filler(4)}</p>
            <p>{Filler(4)}</p>
            <p>{Filler(4)}</p>
            </article></body></html>
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

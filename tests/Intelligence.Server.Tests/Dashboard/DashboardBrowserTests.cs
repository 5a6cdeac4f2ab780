using System.Text.Json.Nodes;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;

namespace Intelligence.Server.Tests.Dashboard;

/// <summary>A fact that runs only where Debian's Chromium and node/npm are installed (skipped, with the reason, elsewhere).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium)) Skip = $"{Chromium} is not installed (apt-get install chromium); the dashboard browser test needs it.";
        else if (new NodeFactAttribute().Skip is { } reason) Skip = reason;
    }
}

/// <summary>
/// The dashboard in a real headless Chromium (tests/.../Dashboard/js/dashboard.mjs, playwright-core driving /usr/bin/chromium)
/// over a server holding the sample corpus: the timeline and the chart are drawn from the API, nothing is loaded from
/// elsewhere, and screenshots are kept in the test output folder.
/// </summary>
public sealed class DashboardBrowserTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "Intelligence.Server.Tests", "Dashboard", "js");
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");

    private sealed record DashboardData(PartnershipData Partnership, CompanyData Company);

    private sealed record PartnershipData(Connection<TimelineEntry> Timeline);

    private sealed record TimelineEntry(int SourceCount);

    private sealed record CompanyData(List<Keyed> Revenue, List<Keyed> Losses, List<Keyed> Capex);

    private sealed record Keyed(string Key);

    [ChromiumFact]
    public async Task The_dashboard_draws_the_Microsoft_OpenAI_timeline_and_the_OpenAI_financials()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core")))
        {
            var install = await Run("npm", "ci --no-audit --no-fund");
            Assert.True(install.Code == 0, "npm ci failed (the npm registry must be reachable once): " + install.Stderr);
        }
        await using var server = await RunningServer.Start(db.ConnectionString);
        foreach (var page in Directory.GetFiles(RepoPaths.SampleCorpus, "*.html").Order(StringComparer.Ordinal))
            await server.IngestSample(Path.GetFileName(page));

        var api = await server.Query<DashboardData>("""
            { partnership(a: "Microsoft", b: "OpenAI") { timeline(first: 100) { totalCount nodes { sourceCount } } }
              company(name: "OpenAI") { revenue { key } losses { key } capex { key } } }
            """);
        var timeline = api.Partnership.Timeline;
        var entries = timeline.TotalCount;
        var bars = api.Company.Revenue.Count + api.Company.Losses.Count + api.Company.Capex.Count;
        Assert.True(entries > 0, "the sample corpus gives Microsoft–OpenAI timeline entries");
        Assert.True(bars > 0, "the sample corpus gives OpenAI financial facts");

        Directory.CreateDirectory(ScreenshotFolder);
        // Pages smaller than the timeline: the page must follow the cursor to draw every entry.
        var pageSize = Math.Max(1, entries / 2);
        var run = await Run("node", $"dashboard.mjs {server.BaseAddress} {ScreenshotFolder} {pageSize}");
        Assert.True(run.Code == 0, $"the browser script failed ({run.Code}): {run.Stderr}\n{run.Stdout}");
        var report = JsonNode.Parse(run.Stdout)!;

        Assert.Equal(entries, (int)report["entries"]!);
        Assert.True((int)report["legend"]! > 0);
        Assert.Equal(bars, (int)report["bars"]!);
        Assert.Equal(timeline.Nodes[0].SourceCount, (int)report["firstEntrySources"]!);
        Assert.Equal(entries, (int)report["narrowEntries"]!);
        Assert.True((int)report["narrowOverflow"]! <= 0, $"the page scrolls sideways by {report["narrowOverflow"]} px in a 360 px window");
        Assert.StartsWith("OK", (string?)report["queryStatus"]);
        Assert.Equal(entries, report["queryResult"]!.AsObject().DataAt<DashboardData>().Partnership.Timeline.TotalCount);
        Assert.Empty(report["errors"]!.AsArray());
        Assert.Contains("Invalid or revoked API key", (string?)report["badKeyError"]);
        Assert.Equal(0, (int)report["badKeyEntries"]!);

        var requests = report["requests"]!.AsArray().Select(r => new Uri((string)r!)).ToList();
        Assert.Contains(requests, r => r.AbsolutePath == "/dashboard/app.js");
        Assert.True(requests.Count(r => r.AbsolutePath == "/graphql") >= 2 + (entries - 1) / pageSize, "one request per timeline page, plus the chart");
        Assert.All(requests, r => Assert.Equal(server.BaseAddress.Authority, r.Authority));
        Assert.All(requests, r => Assert.Equal("127.0.0.1", r.Host));

        foreach (var name in new[] { "dashboard.png", "dashboard-narrow.png" })
        {
            var png = await File.ReadAllBytesAsync(Path.Combine(ScreenshotFolder, name));
            Assert.True(png.Length > 10_000, $"{name} is only {png.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        }
    }

    private static Task<ExternalTool.Result> Run(string tool, string arguments) =>
        ExternalTool.Run(Folder, tool, arguments, TimeSpan.FromMinutes(3));
}

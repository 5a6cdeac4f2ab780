using System.Text.Json.Nodes;
using Intelligence.Ingestion.Dedup;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Sources;

/// <summary>addSource + crawlSource over GraphQL against a real news site stand-in (Kestrel on 127.0.0.1 serving RSS, robots.txt and pages).</summary>
public sealed class CrawlSourceTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private RunningServer _server = null!;
    private WebApplication _site = null!;
    private Uri _siteUrl = null!;
    private int _privatePageHits;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.Start(db.ConnectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _site = builder.Build();
        _site.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n"));
        _site.MapGet("/feed.xml", (HttpContext http) => Results.Text(Feed(http), "application/rss+xml"));
        _site.MapGet("/news/{name}", (string name) => Results.Text(File.ReadAllText(Path.Combine(RepoPaths.SampleCorpus, name + ".html")), "text/html; charset=utf-8"));
        _site.MapGet("/private/{name}", (string name) =>
        {
            Interlocked.Increment(ref _privatePageHits);
            return Results.Text(File.ReadAllText(Path.Combine(RepoPaths.SampleCorpus, name + ".html")), "text/html");
        });
        // An older French site: windows-1252 bytes, the charset only in the HTTP header.
        _site.MapGet("/fr/{name}", (string name) => Results.Bytes(FrenchPages.Windows1252(name), "text/html; charset=windows-1252"));
        _site.MapGet("/feed-fr.xml", (HttpContext http) => Results.Text($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Le Quotidien</title><link>{http.Request.Scheme}://{http.Request.Host}/</link><description>test</description>
            <item><title>Dépenses records</title><link>{http.Request.Scheme}://{http.Request.Host}/fr/depenses</link></item>
            </channel></rss>
            """, "application/rss+xml"));
        await _site.StartAsync();
        _siteUrl = new Uri(_site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _site.DisposeAsync();
    }

    private static string Feed(HttpContext http)
    {
        var root = $"{http.Request.Scheme}://{http.Request.Host}";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Stand-in wire</title><link>{root}/</link><description>test</description>
            <item><title>Stake</title><link>{root}/news/01-ledger-microsoft-openai-stake</link></item>
            <item><title>Capex</title><link>{root}/news/05-pulse-big-tech-capex</link></item>
            <item><title>Hidden</title><link>{root}/private/03-pulse-anthropic-pentagon-dispute</link></item>
            </channel></rss>
            """;
    }

    [Fact]
    public async Task A_source_added_over_graphql_is_crawled_politely_and_its_articles_analysed()
    {
        var editor = await _server.CreateKey("editor");
        var admin = await _server.CreateKey("admin"); // only an admin may let a source reach a private address
        var add = await _server.GraphQL("""
            mutation($input: AddSourceInput!) { addSource(input: $input) { source { sourceId } userErrors { field message code } } }
            """, new { input = new { id = "stand-in", name = "Stand-in wire", kind = "rss", url = new Uri(_siteUrl, "/feed.xml").ToString(),
                                     hostDelaySeconds = 0, allowPrivateAddresses = new[] { $"127.0.0.1:{_siteUrl.Port}" } } }, admin);
        Assert.Empty(add.DataAt<List<UserError>>("addSource", "userErrors"));

        var summary = await CrawlSourceRuns.CrawlAndWait(_server, editor, "stand-in", "discovered ingested disallowedByRobots failed");
        Assert.Equal(3, summary.Discovered);
        Assert.Equal(2, summary.Ingested);
        Assert.Single(summary.DisallowedByRobots!);
        Assert.Equal(0, _privatePageHits);

        var again = await CrawlSourceRuns.CrawlAndWait(_server, editor, "stand-in", "ingested");
        Assert.Equal(0, again.Ingested);

        var articles = await _server.Query<Connection<JsonNode>>("""{ articles(first: 10, filter: { source: "stand-in" }) { totalCount nodes { title url } } }""", path: "articles");
        Assert.Equal(2, articles.TotalCount);
    }

    [Theory]
    [InlineData("rss", "/feed-fr.xml", "depenses")]
    [InlineData("page", "/fr/pertes", "pertes")]
    public async Task A_windows_1252_page_with_its_charset_only_in_the_http_header_is_stored_with_its_accents(string kind, string path, string page)
    {
        var editor = await _server.CreateKey("editor");
        var admin = await _server.CreateKey("admin"); // only an admin may let a source reach a private address
        var id = $"quotidien-{kind}";
        var add = await _server.GraphQL("""
            mutation($input: AddSourceInput!) { addSource(input: $input) { userErrors { field message code } } }
            """, new { input = new { id, name = "Le Quotidien", kind, url = new Uri(_siteUrl, path).ToString(),
                                     hostDelaySeconds = 0, allowPrivateAddresses = new[] { $"127.0.0.1:{_siteUrl.Port}" } } }, admin);
        Assert.Empty(add.DataAt<List<UserError>>("addSource", "userErrors"));

        var report = await CrawlSourceRuns.CrawlAndWait(_server, editor, id, "ingested failed");
        Assert.True(1 == report.Ingested, $"ingested {report.Ingested}, failed: {string.Join("; ", report.Failed!)}");

        await using var session = _server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var articleId = ArticleIdentity.FromUrl(new Uri(_siteUrl, $"/fr/{page}").AbsoluteUri);
        var article = await session.LoadAsync<ArticleView>(articleId);
        Assert.NotNull(article);
        FrenchPages.AssertReadCorrectly(article, page);
        Assert.Equal(id, article.SourceId);
        Assert.Equal("windows-1252", (await session.LoadAsync<RawArticleHtml>(articleId))!.Charset);
    }

    [Fact]
    public async Task A_source_that_does_not_allow_private_addresses_is_refused_with_a_reason()
    {
        var editor = await _server.CreateKey("editor");
        await _server.GraphQL("""
            mutation($input: AddSourceInput!) { addSource(input: $input) { userErrors { message } } }
            """, new { input = new { id = "no-private", name = "No private", kind = "rss", url = new Uri(_siteUrl, "/feed.xml").ToString() } }, editor);
        var summary = await CrawlSourceRuns.CrawlAndWait(_server, editor, "no-private", "ingested failed refused");
        Assert.Equal(0, summary.Ingested);
        Assert.Contains(summary.Failed!.Concat(summary.Refused!), p => p.Contains("private", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Crawling_an_unknown_source_is_a_user_error()
    {
        var editor = await _server.CreateKey("editor");
        var crawl = await _server.GraphQL("""mutation { crawlSource(input: { id: "nowhere" }) { crawl { crawlId } userErrors { code } } }""", bearer: editor);
        Assert.Null(crawl.DataAt<JsonNode?>("crawlSource", "crawl"));
        Assert.Equal("NOT_FOUND", crawl.DataAt<List<UserError>>("crawlSource", "userErrors")[0].Code);
    }

    [Fact]
    public async Task Bad_source_input_comes_back_as_user_errors()
    {
        var editor = await _server.CreateKey("editor");
        var add = await _server.GraphQL("""mutation { addSource(input: { id: "bad", name: "Bad", kind: "telex", url: "not a url" }) { source { sourceId } userErrors { field message code } } }""", bearer: editor);
        Assert.Null(add.DataAt<JsonNode?>("addSource", "source"));
        var errors = add.DataAt<List<UserError>>("addSource", "userErrors");
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("INVALID_SOURCE", e.Code));
    }

    [Fact]
    public async Task Readers_cannot_add_sources()
    {
        var reader = await _server.CreateKey("reader");
        var add = await _server.GraphQL("""mutation { addSource(input: { id: "x", name: "X", kind: "rss", url: "https://example.com/feed" }) { userErrors { message } } }""", bearer: reader);
        Assert.Contains("FORBIDDEN", add.ToJsonString());
    }
}

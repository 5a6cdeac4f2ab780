using Intelligence.Ingestion.Dedup;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Tests.Articles;

public sealed class IngestingTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    internal const string Page = """
        <html lang="en"><head><title>Acme buys 10% of Widgets | Example News</title>
        <link rel="canonical" href="https://news.example.com/acme-widgets">
        <meta property="article:published_time" content="2026-02-11T08:00:00Z"></head>
        <body><nav>Home | Markets</nav><article><h1>Acme buys 10% of Widgets</h1>
        <p>Acme Corp said on Tuesday it had bought a 10% stake in Widgets Inc for $2 billion, its largest deal this year.</p>
        <p>The company said the investment would help it build chips for data centres across Europe and the United States.</p>
        </article><footer>© Example News</footer></body></html>
        """;

    [Fact]
    public async Task Ingesting_the_same_page_twice_appends_nothing_the_second_time()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var first = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle("https://news.example.com/acme-widgets?utm_source=x", Page));
        var second = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle("https://news.example.com/acme-widgets", Page));

        Assert.Equal(IngestOutcome.Ingested, first.Outcome);
        Assert.Equal(IngestOutcome.AlreadyKnown, second.Outcome);
        Assert.Equal(first.ArticleId, second.ArticleId);
        await using var session = server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(first.ArticleId);
        Assert.Single(events, e => e.EventTypeName == "article_ingested");
    }

    [Fact]
    public async Task The_same_text_under_another_url_is_recorded_as_a_copy_not_a_new_article()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var original = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle("https://news.example.com/acme-widgets", Page));
        var syndicated = Page.Replace("https://news.example.com/acme-widgets", "https://wire.example.org/story/123");
        var copy = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle("https://wire.example.org/story/123", syndicated));

        Assert.Equal(IngestOutcome.CopyOfExisting, copy.Outcome);
        Assert.Equal(original.ArticleId, copy.ArticleId);
        await using var session = server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var types = (await session.Events.FetchStreamAsync(original.ArticleId)).Select(e => e.EventTypeName).ToList();
        Assert.Contains("article_copy_seen", types);
        Assert.Equal(1, types.Count(t => t == "article_ingested"));
    }

    [Fact]
    public async Task A_syndicated_copy_with_an_edited_first_sentence_is_recognised_as_a_copy()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var original = await server.IngestSample("03-pulse-anthropic-pentagon-dispute.html");
        var syndicated = await server.IngestSample("04-globewire-anthropic-pentagon-syndicated.html");

        Assert.Equal(IngestOutcome.CopyOfExisting, syndicated.Outcome);
        Assert.Equal(original.ArticleId, syndicated.ArticleId);
    }

    /// <summary>One outlet's earnings-brief template: the story, then standing paragraphs every brief carries.</summary>
    internal static string EarningsBrief(string company, string chief, string revenue, string growth, string consensus, string income, string perShare) => $"""
        <html lang="en"><head><title>{company} beats forecasts | Market Pulse</title><meta property="og:site_name" content="Market Pulse"></head>
        <body><nav>Markets | Companies | Briefs</nav><article><h1>{company} beats forecasts</h1>
        <p>{company} reported revenue of {revenue} for the third quarter of 2026 on Thursday, up {growth} from a year earlier. Analysts had
        expected {consensus}. Net income was {income}, or {perShare} a share. Chief executive {chief} said demand had
        stayed strong in every region and that the company would keep investing in its products.</p>
        <p>About this brief: Market Pulse earnings briefs are compiled from company filings, press releases and conference calls shortly
        after results are published. Figures are in US dollars unless stated otherwise and compare with the same period a year earlier.
        Market Pulse does not give investment advice, and readers should consult the company filings for the complete financial
        statements, accounting policies and risk factors before making any decision.</p>
        <p>Corrections and clarifications are published on our corrections page, and questions about our methodology can be sent to the
        markets desk. Briefs are updated when companies revise their reported figures or restate earlier periods, and the time of the
        latest update is shown at the top of each brief. Subscribers can receive every brief by email as soon as it is published.</p>
        </article><footer>© Market Pulse</footer></body></html>
        """;

    [Fact]
    public async Task Two_stories_in_one_outlets_template_about_different_companies_are_two_articles_with_their_own_facts()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var oracle = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle("https://pulse.example.com/briefs/oracle-q3",
            EarningsBrief("Oracle", "Safra Catz", "$14.1 billion", "12%", "$13.9 billion", "$3.1 billion", "$1.10")));
        var nvidia = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle("https://pulse.example.com/briefs/nvidia-q3",
            EarningsBrief("Nvidia", "Jensen Huang", "$39.3 billion", "78%", "$38.1 billion", "$22.1 billion", "$0.89")));

        Assert.Equal(IngestOutcome.Ingested, oracle.Outcome);
        Assert.Equal(IngestOutcome.Ingested, nvidia.Outcome);
        Assert.NotEqual(oracle.ArticleId, nvidia.ArticleId);
        var oracleView = await server.WaitForAnalysis(oracle.ArticleId);
        var nvidiaView = await server.WaitForAnalysis(nvidia.ArticleId);
        // The two texts are close enough to be compared as copy candidates: only what they state tells them apart.
        Assert.InRange(ArticleIdentity.Distance(oracleView.SimHash, nvidiaView.SimHash), 0, ArticleIdentity.ConfirmRadius);
        Assert.Contains(oracleView.Facts, f => f.Companies.Contains("Oracle"));
        Assert.Contains(nvidiaView.Facts, f => f.Companies.Contains("Nvidia"));
        Assert.DoesNotContain(oracleView.Facts, f => f.Companies.Contains("Nvidia"));
        Assert.Empty(nvidiaView.CopyUrls.Concat(oracleView.CopyUrls));
    }

    [Fact]
    public async Task A_true_copy_of_a_template_story_under_another_url_with_small_edits_is_still_a_copy()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var page = EarningsBrief("Microsoft", "Satya Nadella", "$77.7 billion", "18%", "$75.3 billion", "$27.7 billion", "$3.72");
        var original = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle("https://pulse.example.com/briefs/microsoft-results", page));
        var edited = page.Replace("on Thursday", "on Thursday evening").Replace("demand had", "demand")
            .Replace("<p>About this brief", "<p>(Reporting by Ana Ruiz; editing by Tom Hale)</p><p>About this brief");
        var copy = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle("https://wire.example.org/markets/microsoft-results", edited));

        Assert.Equal(IngestOutcome.Ingested, original.Outcome);
        Assert.Equal(IngestOutcome.CopyOfExisting, copy.Outcome);
        Assert.Equal(original.ArticleId, copy.ArticleId);
    }

    [Fact]
    public async Task The_cli_ingests_a_file_once()
    {
        var file = Path.Combine(Path.GetTempPath(), $"page-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, Page.Replace("acme-widgets", "acme-widgets-cli")
            .Replace("Acme Corp said on Tuesday it had bought a 10% stake in Widgets Inc for $2 billion, its largest deal this year.",
                "Gizmo Holdings agreed on Monday to sell its cloud unit to Acme Corp, ending a year-long auction that drew bids from three rivals.")
            .Replace("The company said the investment would help it build chips for data centres across Europe and the United States.",
                "Regulators in Brussels are expected to review the transaction before the end of the summer, people familiar with the matter said."));
        try
        {
            var first = await IntelCli.Invoke(db.ConnectionString, "ingest", "file", file);
            var second = await IntelCli.Invoke(db.ConnectionString, "ingest", "file", file);
            Assert.True(first.ExitCode == 0, first.Stderr);
            Assert.StartsWith("ingested", first.Stdout.Trim());
            Assert.StartsWith("alreadyknown", second.Stdout.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class IngestEncodingTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task The_cli_reads_a_windows_1252_file_without_a_meta_charset()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cp1252-{Guid.NewGuid():N}.html");
        await File.WriteAllBytesAsync(file, FrenchPages.Windows1252("depenses"));
        try
        {
            var run = await IntelCli.Invoke(db.ConnectionString, "ingest", "file", file);
            Assert.True(run.ExitCode == 0, run.Stderr);

            await using var server = await RunningServer.Start(db.ConnectionString);
            await using var session = server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var article = Assert.Single(await session.Query<ArticleView>().ToListAsync());
            FrenchPages.AssertReadCorrectly(article, "depenses");
            var raw = await session.LoadAsync<RawArticleHtml>(article.Id);
            Assert.Equal("windows-1252", raw!.Charset);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>Failures get their own database: they assert that nothing at all was appended.</summary>
public sealed class IngestFailureTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("")]
    [InlineData("<html><body><div><<<<>>>> </div></body></html>")]
    public async Task An_empty_or_malformed_file_fails_clearly_and_appends_nothing(string content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var run = await IntelCli.Invoke(db.ConnectionString, "ingest", "file", file);
            Assert.NotEqual(0, run.ExitCode);
            Assert.StartsWith("error:", run.Stderr.Trim());
            Assert.DoesNotContain("   at ", run.Stderr);
            Assert.Equal(0, await CountEvents());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_private_address_is_refused_unless_allowed()
    {
        var run = await IntelCli.Invoke(db.ConnectionString, "ingest", "url", "http://127.0.0.1:9/article");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Could not fetch", run.Stderr);
        Assert.Contains("private", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CountEvents());
    }

    [Fact]
    public async Task A_missing_file_fails_clearly()
    {
        var run = await IntelCli.Invoke(db.ConnectionString, "ingest", "file", "/nonexistent/page.html");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No such file", run.Stderr);
        Assert.Equal(0, await CountEvents());
    }

    [Fact]
    public async Task An_unreachable_url_fails_clearly()
    {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused.
        var run = await IntelCli.Invoke(db.ConnectionString, "ingest", "url", "http://127.0.0.1:9/article", "--allow-private");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Could not fetch", run.Stderr);
        Assert.Equal(0, await CountEvents());
    }

    private async Task<long> CountEvents()
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand("select to_regclass('intel.mt_events') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!) return 0;
        await using var count = new Npgsql.NpgsqlCommand("select count(*) from intel.mt_events", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}

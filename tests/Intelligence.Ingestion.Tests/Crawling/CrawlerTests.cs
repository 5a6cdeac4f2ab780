using Intelligence.Ingestion.Crawling;
using Intelligence.Ingestion.Dedup;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Safety;
using Intelligence.Ingestion.Sources;
using Intelligence.Ingestion.Tests.Web;

namespace Intelligence.Ingestion.Tests.Crawling;

public sealed class CrawlerTests : IAsyncLifetime
{
    private FixtureSite _site = null!;
    private readonly GuardedNetwork _network = new();

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private SourceDefinition Source(SourceKind kind, string path) => new($"fixture-{kind}".ToLowerInvariant(), "Fixture", kind)
    {
        Url = _site.Url(path),
        AllowPrivateAddresses = new PrivateAddressAllowList([_site.AllowEntry]),
        HostDelay = TimeSpan.Zero,
    };

    [Fact]
    public async Task Crawls_an_rss_feed_into_decoded_pages_and_a_report()
    {
        using var fetcher = new Fetcher(GuardedNetwork.FastOptions, network: _network.Access);
        var crawler = new Crawler(fetcher);
        var handed = new List<CrawledPage>();

        var report = await crawler.CrawlAsync(Source(SourceKind.Rss, "/feed.rss"), (a, _) => { handed.Add(a); return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(report.Handed.Count == 4, report.ToString() + string.Join("; ", report.Failed.Select(f => f.Reason)));
        Assert.Equal(6, report.Discovered);
        // Reading and dedup belong to the ingest path: the syndicated copy is handed like any page.
        Assert.Equal(
            new[] { "/articles/axios", "/articles/fr-tech", "/articles/ft", "/wire/ms-openai" },
            report.Handed.Select(u => u.AbsolutePath).Order());

        var disallowed = Assert.Single(report.DisallowedByRobots);
        Assert.Equal("/private/secret", disallowed.Url.AbsolutePath);
        Assert.Equal(0, _site.HitsOf("/private/secret"));
        var failed = Assert.Single(report.Failed);
        Assert.Contains("404", failed.Reason);
        Assert.Empty(report.Refused);

        Assert.Equal(4, handed.Count);
        var french = handed.Single(a => a.Url.AbsolutePath == "/articles/fr-tech");
        Assert.Equal("Pertes d'OpenAI", french.FeedTitle);
        Assert.Equal("utf-8", french.Charset);
        Assert.Contains("dont Microsoft détient environ 27 % du capital", french.Html);
        Assert.Equal("fixture-rss", french.SourceId);
        Assert.Empty(_network.ForbiddenAttempts);
    }

    [Theory]
    [InlineData(SourceKind.Rss, "/feed-1252.rss")]
    [InlineData(SourceKind.Page, "/header-1252")]
    public async Task A_windows_1252_page_named_only_by_the_http_header_is_handed_decoded(SourceKind kind, string path)
    {
        using var fetcher = new Fetcher(GuardedNetwork.FastOptions, network: _network.Access);
        var handed = new List<CrawledPage>();

        await new Crawler(fetcher).CrawlAsync(Source(kind, path), (a, _) => { handed.Add(a); return Task.CompletedTask; }, CancellationToken.None);

        var page = Assert.Single(handed);
        Assert.Equal("/header-1252", page.Url.AbsolutePath);
        Assert.Equal("windows-1252", page.Charset);
        Assert.Contains(FixtureSite.FrenchSentence, page.Html);
        Assert.DoesNotContain('\uFFFD', page.Html);
    }

    [Fact]
    public async Task Recrawling_an_unchanged_feed_fetches_and_hands_nothing()
    {
        using var fetcher = new Fetcher(GuardedNetwork.FastOptions, new InMemoryConditionalGetStore(), network: _network.Access);
        var crawler = new Crawler(fetcher);
        var count = 0;
        Task Count(CrawledPage a, CancellationToken ct) { count++; return Task.CompletedTask; }

        await crawler.CrawlAsync(Source(SourceKind.Rss, "/feed.rss"), Count, CancellationToken.None);
        var pagesAfterFirst = _site.HitsOf("/articles/ft");
        count = 0;
        var second = await crawler.CrawlAsync(Source(SourceKind.Rss, "/feed.rss"), Count, CancellationToken.None);

        Assert.True(second.SourceNotModified);
        Assert.Equal(0, second.Discovered);
        Assert.Equal(0, count);
        Assert.Equal(pagesAfterFirst, _site.HitsOf("/articles/ft"));
    }

    [Fact]
    public async Task Known_articles_are_not_fetched_again()
    {
        using var fetcher = new Fetcher(GuardedNetwork.FastOptions, network: _network.Access);
        var known = ArticleIdentity.FromUrl(_site.Url("/articles/axios").AbsoluteUri);
        var report = await new Crawler(fetcher).CrawlAsync(Source(SourceKind.Atom, "/atom.xml"), (_, _) => Task.CompletedTask,
            CancellationToken.None, new CrawlOptions { IsKnown = (id, _) => ValueTask.FromResult(id == known) });

        Assert.Equal(2, report.Discovered);
        Assert.Equal(1, report.SkippedKnown);
        Assert.Equal(0, _site.HitsOf("/articles/axios"));
        Assert.Equal("/articles/fr-tech", Assert.Single(report.Handed).AbsolutePath);
    }

    [Fact]
    public async Task Discovers_news_sitemap_entries_with_their_dates()
    {
        using var fetcher = new Fetcher(GuardedNetwork.FastOptions, network: _network.Access);
        var discovery = await new SourceDiscovery(fetcher).DiscoverAsync(Source(SourceKind.Sitemap, "/news-sitemap.xml"), CancellationToken.None);

        Assert.Equal(2, discovery.Links.Count);
        Assert.Equal("/articles/fr-tech", discovery.Links[0].Url.AbsolutePath);
        Assert.Equal("OpenAI : des pertes abyssales", discovery.Links[0].Title);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 9, 30, 0, TimeSpan.Zero), discovery.Links[0].PublishedAt);
    }

    [Fact]
    public async Task A_source_without_an_allow_list_is_refused_and_reported()
    {
        using var fetcher = new Fetcher(GuardedNetwork.FastOptions, network: _network.Access);
        var source = Source(SourceKind.Page, "/articles/ft") with { AllowPrivateAddresses = PrivateAddressAllowList.None };

        var report = await new Crawler(fetcher).CrawlAsync(source, (_, _) => Task.CompletedTask, CancellationToken.None);

        var refused = Assert.Single(report.Refused);
        Assert.Equal(nameof(RefusalReason.PrivateAddress), refused.Kind);
        Assert.Empty(report.Handed);
        Assert.Empty(_network.Opened);
    }

    [Fact]
    public async Task Crawls_a_local_directory_of_html_files()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "site");
        using var fetcher = new Fetcher(GuardedNetwork.FastOptions, network: _network.Access);
        var source = new SourceDefinition("local", "Local", SourceKind.File) { Path = directory };

        var report = await new Crawler(fetcher).CrawlAsync(source, (_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(3, report.Discovered);
        Assert.Equal(3, report.Handed.Count);
        Assert.Empty(_network.Opened);
    }
}

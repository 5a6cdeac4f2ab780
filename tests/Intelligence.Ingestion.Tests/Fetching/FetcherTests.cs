using System.Net;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Reading;
using Intelligence.Ingestion.Safety;
using Intelligence.Ingestion.Tests.Web;

namespace Intelligence.Ingestion.Tests.Fetching;

public sealed class FetcherTests : IAsyncLifetime
{
    private FixtureSite _site = null!;
    private readonly GuardedNetwork _network = new();

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private Fetcher NewFetcher(FetcherOptions? options = null, IConditionalGetStore? store = null) =>
        new(options ?? GuardedNetwork.FastOptions, store, network: _network.Access);

    private FetchRequest Allowed(string path, ExpectedContent expect = ExpectedContent.Html) =>
        new(_site.Url(path), expect) { AllowPrivate = new PrivateAddressAllowList([_site.AllowEntry]) };

    [Fact]
    public async Task Fetches_a_page_with_the_project_user_agent()
    {
        using var fetcher = NewFetcher();
        var result = await fetcher.FetchAsync(Allowed("/articles/ft"), CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("text/html", result.MediaType);
        Assert.Contains("Microsoft shifts away", result.Text);
        Assert.Contains("IntelligenceBot", fetcher.Options.UserAgent);
        Assert.Contains("https://", fetcher.Options.UserAgent);
        Assert.Empty(_network.ForbiddenAttempts);
    }

    [Fact]
    public async Task Loopback_is_refused_for_a_source_that_does_not_allow_it()
    {
        using var fetcher = NewFetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() =>
            fetcher.FetchAsync(new FetchRequest(_site.Url("/articles/ft")), CancellationToken.None));

        Assert.Equal(RefusalReason.PrivateAddress, error.Reason);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Contains("loopback", error.Message);
        Assert.Empty(_network.Opened);
        Assert.Equal(0, _site.HitsOf("/articles/ft"));
    }

    [Fact]
    public async Task Allowing_one_port_does_not_allow_another()
    {
        using var fetcher = NewFetcher();
        var request = new FetchRequest(_site.Url("/articles/ft")) { AllowPrivate = new PrivateAddressAllowList([$"127.0.0.1:{_site.BaseUrl.Port + 1}"]) };

        await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(request, CancellationToken.None));
        Assert.Empty(_network.Opened);
    }

    [Theory]
    [InlineData("/redirect/metadata", "169.254.169.254")]
    [InlineData("/redirect/private", "10.0.0.1")]
    [InlineData("/redirect/rebind", "10.0.0.1")]
    public async Task Redirects_to_private_addresses_are_refused_at_connect_time(string path, string address)
    {
        using var fetcher = NewFetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(Allowed(path), CancellationToken.None));

        Assert.Equal(RefusalReason.PrivateAddress, error.Reason);
        Assert.Contains(address, error.Message);
        Assert.Empty(_network.ForbiddenAttempts);
    }

    [Fact]
    public async Task A_host_resolving_to_metadata_addresses_is_refused_before_any_socket()
    {
        using var fetcher = NewFetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() =>
            fetcher.FetchAsync(new FetchRequest(new Uri("http://metadata.fixture/latest/")), CancellationToken.None));

        Assert.Contains("cloudmetadata", error.Message);
        Assert.Empty(_network.ForbiddenAttempts);
        Assert.Empty(_network.Opened);
    }

    [Fact]
    public async Task Robots_disallowed_urls_are_never_fetched_even_through_a_redirect()
    {
        using var fetcher = NewFetcher();
        var direct = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(Allowed("/private/secret"), CancellationToken.None));
        var redirected = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(Allowed("/redirect/robots-blocked"), CancellationToken.None));
        var pdf = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(Allowed("/report.pdf"), CancellationToken.None));

        Assert.All([direct, redirected, pdf], e => Assert.Equal(RefusalReason.DisallowedByRobots, e.Reason));
        Assert.Contains("robots.txt", direct.Message);
        Assert.Equal(0, _site.HitsOf("/private/secret"));
        Assert.Equal(0, _site.HitsOf("/report.pdf"));
        Assert.Equal(1, _site.HitsOf("/robots.txt"));
    }

    [Fact]
    public async Task Redirect_loops_and_long_chains_fail_clearly()
    {
        using var fetcher = NewFetcher();
        var loop = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/redirect/loop-a"), CancellationToken.None));
        var chain = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/redirect/chain/9"), CancellationToken.None));
        var shortChain = await fetcher.FetchAsync(Allowed("/redirect/chain/2"), CancellationToken.None);

        Assert.Equal(FetchFailure.RedirectLoop, loop.Failure);
        Assert.Contains("redirect loop", loop.Message);
        Assert.Equal(FetchFailure.TooManyRedirects, chain.Failure);
        Assert.Equal(3, shortChain.Redirects);
        Assert.Equal("/articles/axios", shortChain.FinalUrl.AbsolutePath);
    }

    [Fact]
    public async Task Conditional_get_turns_an_unchanged_page_into_a_304()
    {
        var store = new InMemoryConditionalGetStore();
        using var fetcher = NewFetcher(store: store);

        var first = await fetcher.FetchAsync(Allowed("/etag-page"), CancellationToken.None);
        var second = await fetcher.FetchAsync(Allowed("/etag-page"), CancellationToken.None);

        Assert.False(first.NotModified);
        Assert.Equal("\"page-v1\"", first.ETag);
        Assert.True(second.NotModified);
        Assert.Empty(second.Body);
        var remembered = await store.GetAsync(_site.Url("/etag-page"), CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2025, 11, 12, 6, 0, 0, TimeSpan.Zero), remembered!.LastModified);
    }

    [Fact]
    public async Task Retries_a_429_after_its_retry_after_and_a_503()
    {
        using var fetcher = NewFetcher();
        var throttled = await fetcher.FetchAsync(Allowed("/flaky-429"), CancellationToken.None);
        var unavailable = await fetcher.FetchAsync(Allowed("/flaky-503"), CancellationToken.None);

        Assert.Equal(200, throttled.StatusCode);
        Assert.Equal(2, _site.HitsOf("/flaky-429"));
        Assert.Equal(200, unavailable.StatusCode);
        Assert.Equal(2, _site.HitsOf("/flaky-503"));
    }

    [Fact]
    public async Task A_far_away_retry_after_is_reported_not_waited_for()
    {
        using var fetcher = NewFetcher();
        var error = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/come-back-later"), CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(1, _site.HitsOf("/come-back-later"));
    }

    [Fact]
    public async Task Http_errors_are_typed_and_the_breaker_opens_per_host()
    {
        using var fetcher = NewFetcher(GuardedNetwork.FastOptions with { MaxRetries = 0, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5 });

        var missing = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/missing"), CancellationToken.None));
        Assert.Equal(404, missing.StatusCode);
        Assert.Contains("404", missing.Message);

        await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/always-500"), CancellationToken.None));
        await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/always-500"), CancellationToken.None));
        var open = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/articles/ft"), CancellationToken.None));

        Assert.Equal(FetchFailure.CircuitOpen, open.Failure);
        Assert.Equal(0, _site.HitsOf("/articles/ft"));
    }

    [Fact]
    public async Task A_slow_endpoint_times_out()
    {
        using var fetcher = NewFetcher(GuardedNetwork.FastOptions with { MaxRetries = 0, HeadersTimeout = TimeSpan.FromSeconds(2) });
        await fetcher.RobotsAsync(_site.Url("/"), new PrivateAddressAllowList([_site.AllowEntry]), CancellationToken.None);

        var error = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/slow"), CancellationToken.None));

        Assert.Equal(FetchFailure.Timeout, error.Failure);
        Assert.Contains("no response headers", error.Message);
    }

    [Fact]
    public async Task A_gzip_bomb_is_stopped_at_the_decompression_cap()
    {
        using var fetcher = NewFetcher();
        var error = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/bomb"), CancellationToken.None));

        Assert.Equal(FetchFailure.DecompressionBomb, error.Failure);
        Assert.Contains("decompression cap", error.Message);
    }

    [Fact]
    public async Task An_oversize_body_is_refused()
    {
        using var fetcher = NewFetcher();
        var error = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/big"), CancellationToken.None));

        Assert.Equal(FetchFailure.TooLarge, error.Failure);
    }

    [Fact]
    public async Task The_content_type_is_checked()
    {
        using var fetcher = NewFetcher();
        var error = await Assert.ThrowsAsync<FetchFailedException>(() => fetcher.FetchAsync(Allowed("/feed.rss"), CancellationToken.None));
        var feed = await fetcher.FetchAsync(Allowed("/feed.rss", ExpectedContent.Xml), CancellationToken.None);

        Assert.Equal(FetchFailure.UnsupportedContentType, error.Failure);
        Assert.Contains("application/rss+xml", error.Message);
        Assert.Contains("<rss", feed.Text);
    }

    [Theory]
    [InlineData("/cp1252", "windows-1252")]
    [InlineData("/latin1", "windows-1252")]
    [InlineData("/undeclared-1252", "windows-1252")]
    public async Task Windows_1252_and_latin1_french_pages_read_correctly(string path, string charset)
    {
        using var fetcher = NewFetcher();
        var result = await fetcher.FetchAsync(Allowed(path), CancellationToken.None);
        var article = ArticleReader.Read(result.Text, result.FinalUrl);

        Assert.Equal(charset, result.Charset);
        Assert.Equal("Dépenses records", article.Title);
        Assert.Contains(FixtureSite.FrenchSentence, article.Text);
        Assert.Contains("s’inquiètent « déjà » de l’effet sur les marges — et", article.Text);
        Assert.Equal("fr", article.Language);
    }

    [Fact]
    public async Task Non_http_urls_are_refused()
    {
        using var fetcher = NewFetcher();
        var error = await Assert.ThrowsAsync<FetchRefusedException>(() =>
            fetcher.FetchAsync(new FetchRequest(new Uri("file:///etc/passwd")), CancellationToken.None));
        Assert.Equal(RefusalReason.UnsupportedScheme, error.Reason);
    }
}

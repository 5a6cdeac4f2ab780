using Intelligence.Ingestion.Robots;

namespace Intelligence.Ingestion.Tests.Robots;

public class RobotsTxtTests
{
    private const string Sample = """
        User-agent: *
        Disallow: /search
        Crawl-delay: 2

        # our group, merged from two blocks
        User-agent: IntelligenceBot
        user-agent: OtherBot
        Disallow: /private/
        Allow: /private/open
        Disallow: /*.pdf$
        Disallow: /tmp*/cache

        User-Agent: intelligencebot/2.0
        Disallow: /drafts
        Crawl-delay: 5

        Sitemap: https://example.com/news-sitemap.xml
        """;

    [Theory]
    [InlineData("/", true)]
    [InlineData("/search", true)] // the * group does not apply once a named group matches
    [InlineData("/private/", false)]
    [InlineData("/private/page", false)]
    [InlineData("/private/open", true)] // longer allow wins
    [InlineData("/private/opening-hours", true)]
    [InlineData("/report.pdf", false)]
    [InlineData("/report.pdf?x=1", true)] // $ anchors the end
    [InlineData("/tmp/cache", false)]
    [InlineData("/tmp-42/cache/x", false)]
    [InlineData("/drafts/1", false)] // second group for our token merged
    [InlineData("/robots.txt", true)]
    public void Applies_our_group_with_longest_match(string path, bool allowed) =>
        Assert.Equal(allowed, RobotsTxt.Parse(Sample).IsAllowed("IntelligenceBot", new Uri("https://example.com" + path)));

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Every_line_end_of_RFC_9309_separates_rules(string end)
    {
        var robots = RobotsTxt.Parse($"User-agent: *{end}Disallow: /{end}Allow: /open{end}");
        Assert.False(robots.IsAllowed("IntelligenceBot", "/"));
        Assert.False(robots.IsAllowed("IntelligenceBot", "/news/1"));
        Assert.True(robots.IsAllowed("IntelligenceBot", "/open"));
    }

    [Fact]
    public void A_byte_order_mark_before_the_first_line_is_skipped()
    {
        var robots = RobotsTxt.Parse("\uFEFFUser-agent: *\nDisallow: /\n");
        Assert.False(robots.IsAllowed("IntelligenceBot", "/anything"));
    }

    [Fact]
    public void Other_agents_fall_back_to_the_star_group()
    {
        var robots = RobotsTxt.Parse(Sample);
        Assert.False(robots.IsAllowed("SomeBot", "/search?q=x"));
        Assert.True(robots.IsAllowed("SomeBot", "/private/x"));
        Assert.Equal(TimeSpan.FromSeconds(2), robots.CrawlDelay("SomeBot"));
    }

    [Fact]
    public void Crawl_delay_and_sitemaps_are_read()
    {
        var robots = RobotsTxt.Parse(Sample);
        Assert.Equal(TimeSpan.FromSeconds(5), robots.CrawlDelay("IntelligenceBot"));
        Assert.Equal(["https://example.com/news-sitemap.xml"], robots.Sitemaps);
    }

    [Fact]
    public void Equal_length_allow_beats_disallow_and_empty_disallow_allows_all()
    {
        var tie = RobotsTxt.Parse("User-agent: *\nDisallow: /page\nAllow: /page\n");
        var empty = RobotsTxt.Parse("User-agent: *\nDisallow:\n");
        Assert.True(tie.IsAllowed("Bot", "/page"));
        Assert.True(empty.IsAllowed("Bot", "/anything"));
        Assert.True(RobotsTxt.Parse("").IsAllowed("Bot", "/x"));
        Assert.False(RobotsTxt.DisallowAll.IsAllowed("Bot", "/x"));
    }

    [Fact]
    public void Non_ascii_paths_compare_percent_encoded()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nDisallow: /économie\n");
        Assert.False(robots.IsAllowed("Bot", new Uri("https://example.fr/%C3%A9conomie/article")));
    }

    [Theory]
    [InlineData("/a*b$", "/axxb", true)]
    [InlineData("/a*b$", "/axxbc", false)]
    [InlineData("*", "/anything", true)]
    [InlineData("/$", "/", true)]
    [InlineData("/$", "/x", false)]
    public void Wildcards_match(string pattern, string path, bool expected) =>
        Assert.Equal(expected, RobotsTxt.Matches(pattern, path));
}

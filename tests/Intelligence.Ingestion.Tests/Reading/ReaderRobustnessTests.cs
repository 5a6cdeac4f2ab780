using System.Text;
using Intelligence.Ingestion.Reading;

namespace Intelligence.Ingestion.Tests.Reading;

/// <summary>Pages whose structure defeats the heuristics, and hostile pages: the article is still read, in bounded work.</summary>
public class ReaderRobustnessTests
{
    [Fact]
    public void A_page_whose_blocks_are_all_links_still_yields_its_json_ld_body()
    {
        var article = ArticleReader.Read(LinksOnlyPageWithJsonLdBody(
            "Hexavia signed a supply agreement with Nordwind for 40 turbines. The deal is worth 120 million euros."));

        Assert.Contains("Hexavia signed a supply agreement with Nordwind for 40 turbines.", article.Text);
    }

    [Fact]
    public void A_json_ld_body_written_as_html_is_read_as_text()
    {
        var article = ArticleReader.Read(LinksOnlyPageWithJsonLdBody(
            "<p>Hexavia signed a supply agreement with <strong>Nordwind</strong> for 40 turbines.</p> <p>The deal is worth 120 million euros.</p>"));

        Assert.Equal("Hexavia signed a supply agreement with Nordwind for 40 turbines.\n\nThe deal is worth 120 million euros.", article.Text);
    }

    /// <summary>A page whose only blocks are links, with the story in its JSON-LD <c>articleBody</c>.</summary>
    private static string LinksOnlyPageWithJsonLdBody(string articleBody) => $$"""
        <html><head><title>Hexavia signs with Nordwind</title>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Hexavia signs with Nordwind","articleBody":"{{articleBody}}"}</script>
        </head><body><nav><a href="/a">Markets</a> <a href="/b">Energy</a></nav>
        <div><a href="/c">Hexavia signs</a></div></body></html>
        """;

    [Fact]
    public void A_page_without_paragraph_markup_still_yields_its_largest_text_block()
    {
        var story = string.Join(" ", Enumerable.Repeat("The cooperative reported that its members delivered more milk this spring than last year.", 4));
        var html = $"<html><head><title>Milk</title></head><body><span><a href=\"/\">Home</a></span><font>{story}</font></body></html>";

        var article = ArticleReader.Read(html);

        Assert.Contains("members delivered more milk this spring", article.Text);
    }

    [Fact]
    public void A_body_wrapped_in_noscript_is_read()
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 4).Select(i =>
            $"<p>Paragraph {i} of the park's report: the bear population grew again, with sixteen cubs counted over the year.</p>"));
        var html = $"<html><head><title>Bears</title></head><body><noscript><div id=\"text\">{paragraphs}</div></noscript><script>var x;</script></body></html>";

        var article = ArticleReader.Read(html);

        Assert.Contains("Paragraph 3 of the park's report", article.Text);
    }

    [Fact]
    public void A_page_with_no_text_at_all_is_refused_with_one_clear_line()
    {
        var error = Assert.Throws<ArticleReadException>(() => ArticleReader.Read("<html><body><div><img src=\"a.png\"></div></body></html>", new Uri("https://example.com/empty")));

        Assert.Equal("Cannot read the article at https://example.com/empty: no readable text found in 54 characters of HTML.", error.Message);
    }

    [Fact]
    public void A_long_paragraph_that_repeats_is_kept_twice()
    {
        var paragraph = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.";
        var html = $"<html><body><article><h1>Title</h1><p>{paragraph}</p><p>{paragraph}</p><p>{paragraph}</p></article></body></html>";

        var article = ArticleReader.Read(html);

        Assert.Equal(3, article.Text.Split("\n\n").Count(p => p == paragraph));
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void A_page_of_deeply_nested_divs_is_read_with_its_text(int levels)
    {
        var html = new StringBuilder("<html><head><title>Deep</title></head><body>")
            .Append(new StringBuilder().Insert(0, "<div>", levels))
            .Append("<p>The text at the bottom of the nest is part of the page and is read like any other paragraph.</p>")
            .Append(new StringBuilder().Insert(0, "</div>", levels))
            .Append("</body></html>")
            .ToString();

        var article = ArticleReader.Read(html);

        Assert.Contains("The text at the bottom of the nest is part of the page", article.Text);
    }

    [Fact]
    public void A_cancelled_read_stops_with_operation_cancelled()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div><p>Some paragraph text that is long enough to count as a line of the story.</p></div>", 20_000)) + "</body></html>";
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ArticleReader.Read(html, null, new ReadOptions { Cancellation = cancelled.Token }));
    }
}

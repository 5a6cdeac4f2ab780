using Intelligence.Domain.Languages;
using Intelligence.Ingestion.Reading;

namespace Intelligence.Ingestion.Tests.Reading;

public class ArticleReaderTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "site", name));

    [Fact]
    public void Reads_an_ft_style_page_with_json_ld_and_paywall_teaser()
    {
        var article = ArticleReader.Read(Fixture("ft-style.html"), new Uri("https://ledger.example.com/content/ms-openai?utm_campaign=x"));

        Assert.Equal("Microsoft shifts away from OpenAI exclusivity", article.Title);
        Assert.Equal("Jane Harper, Tom Li", article.Byline);
        Assert.Equal(new DateTimeOffset(2025, 11, 12, 6, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(new DateTimeOffset(2025, 11, 12, 9, 30, 0, TimeSpan.Zero), article.ModifiedAt);
        Assert.Equal("https://ledger.example.com/content/ms-openai", article.CanonicalUrl);
        Assert.Equal("en", article.Language);
        Assert.Equal("Financial Ledger", article.SiteName);
        Assert.True(article.Partial);

        var paragraphs = article.Text.Split("\n\n");
        Assert.Equal(4, paragraphs.Length);
        Assert.StartsWith("Microsoft is developing its own frontier models", paragraphs[0]);
        Assert.StartsWith("OpenAI expects to lose $14bn in 2026", paragraphs[3]);
        foreach (var boilerplate in new[] { "cookies", "Share on", "Advertisement", "Related", "Subscribe", "reader comment", "All rights reserved", "Markets" })
            Assert.DoesNotContain(boilerplate, article.Text);
    }

    [Fact]
    public void Reads_an_axios_style_brief_with_bullets()
    {
        var article = ArticleReader.Read(Fixture("axios-style.html"));

        Assert.Equal("Anthropic and the Pentagon square off", article.Title);
        Assert.Equal("Sam Reyes", article.Byline);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 19, 5, 0, TimeSpan.Zero), article.PublishedAt!.Value.ToUniversalTime());
        Assert.Null(article.CanonicalUrl);
        Assert.Equal("en", article.Language);
        Assert.False(article.Partial);
        var paragraphs = article.Text.Split("\n\n");
        Assert.Equal(5, paragraphs.Length);
        Assert.Equal("The Pentagon wants broader rights to deploy the models in classified settings.", paragraphs[2]);
        Assert.DoesNotContain("newsletter", article.Text);
        Assert.DoesNotContain("Home", article.Text);
    }

    [Fact]
    public void Reads_a_french_page_with_a_visible_date_line_and_detects_the_language()
    {
        var article = ArticleReader.Read(Fixture("fr-tech.html"), new Uri("https://techpresse.example.fr/ia/openai-pertes#top"));

        Assert.Equal("OpenAI : des pertes abyssales attendues en 2026", article.Title);
        Assert.Equal("fr", article.Language);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 10, 30, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("https://techpresse.example.fr/ia/openai-pertes", article.CanonicalUrl);
        Assert.Equal("TechPresse", article.SiteName);
        var paragraphs = article.Text.Split("\n\n");
        Assert.Equal(3, paragraphs.Length);
        Assert.Contains("14 milliards de dollars", paragraphs[0]);
        foreach (var boilerplate in new[] { "cookies", "Lire aussi", "Partager", "Les plus lus", "commentaire", "Accueil" })
            Assert.DoesNotContain(boilerplate, article.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav><script>var a=1;</script></body></html>")]
    [InlineData("<<<>>>&&&")]
    public void Refuses_input_with_no_readable_text(string html)
    {
        var error = Assert.Throws<ArticleReadException>(() => ArticleReader.Read(html, new Uri("https://example.com/a")));
        Assert.Contains("https://example.com/a", error.Message);
    }

    [Fact]
    public void Malformed_but_readable_html_is_read()
    {
        var article = ArticleReader.Read("<title>Broken page</title><p>First paragraph with <b>unclosed bold and enough words to count.<p>Second paragraph, also unclosed, still long enough to count as text");

        Assert.Equal("Broken page", article.Title);
        Assert.Contains("First paragraph", article.Text);
        Assert.Contains("Second paragraph", article.Text);
    }

    [Fact]
    public void Text_inside_a_div_with_line_breaks_becomes_paragraphs()
    {
        var article = ArticleReader.Read("<html lang='fr'><body><div class='texte'>Premier paragraphe du texte, assez long pour compter comme du contenu.<br><br>Second paragraphe du texte, lui aussi assez long pour compter.</div></body></html>");

        Assert.Equal("Premier paragraphe du texte, assez long pour compter comme du contenu.\n\nSecond paragraphe du texte, lui aussi assez long pour compter.", article.Text);
        Assert.Equal("fr", article.Language);
    }

    private const string Filler = "The company disclosed the estimate in a regulatory filing on Tuesday, less than a week after the rules were published, and said it had begun applying for licenses.";

    [Fact]
    public void The_standfirst_outside_the_body_container_comes_first()
    {
        var article = ArticleReader.Read($"""
            <html><head><meta name="description" content="The chipmaker says the rules are broader than expected and also cover cloud access."></head><body>
            <header><h1>Nvidia warns on export curbs</h1><p class="x1">The chipmaker says the rules are broader than expected and also cover cloud access.</p></header>
            <article><p>Nvidia said new export restrictions could cut its revenue by as much as $9 billion over the next four quarters, more than expected.</p><p>{Filler}</p></article>
            </body></html>
            """);

        Assert.StartsWith("The chipmaker says the rules are broader than expected and also cover cloud access.\n\nNvidia said", article.Text);
    }

    [Fact]
    public void Captions_date_lines_and_pull_quotes_are_not_body_text()
    {
        var article = ArticleReader.Read($"""
            <html><body><div class="main"><h1>Nvidia warns on export curbs</h1>
            <div class="x2">Updated on March 10, 2026 at 4:02 PM UTC</div>
            <div class="x3"><img src="a.jpg"><div>Jensen Huang at a company event. Photographer: Eric Lund</div></div>
            <div class="x4"><div>"This is the first time the government has tried to regulate compute as a service," said a trade attorney in Washington.</div><div>{Filler}</div></div>
            <div class="x5"><div>"The first time the government has tried to regulate compute as a service."</div></div>
            <div class="x4"><div>{Filler.Replace("Tuesday", "Monday")}</div></div>
            </div></body></html>
            """);

        var paragraphs = article.Text.Split("\n\n");
        Assert.Equal(3, paragraphs.Length);
        Assert.DoesNotContain("Photographer", article.Text);
        Assert.DoesNotContain("Updated on", article.Text);
    }

    [Fact]
    public void A_table_row_is_one_line_and_a_press_release_ends_before_its_about_section()
    {
        var article = ArticleReader.Read($"""
            <html><body><div class="release"><p>{Filler}</p>
            <table><tr><th></th><th>Q1 2026</th><th>Q1 2025</th></tr><tr><td>Deliveries</td><td>306,000</td><td>336,681</td></tr></table>
            <p>&bull; Up to 1.2 GW of dedicated capacity delivered in three phases<br>&bull; Grid-interactive design</p>
            <p><b>About Northwind Cloud</b></p><p>Northwind Cloud is a specialized cloud provider delivering GPU infrastructure for AI training.</p>
            </div></body></html>
            """);

        Assert.Equal([Filler, "Q1 2026 Q1 2025", "Deliveries 306,000 336,681", "Up to 1.2 GW of dedicated capacity delivered in three phases", "Grid-interactive design"],
            article.Text.Split("\n\n"));
    }

    [Fact]
    public void Public_paragraphs_marked_post_paywall_are_kept()
    {
        var article = ArticleReader.Read($"""
            <html><body><article><div class="post-paywall"><p>{Filler}</p><p>{Filler.Replace("Tuesday", "Monday")}</p></div>
            <div class="paywall"><p>Cet article est réservé aux abonnés. Abonnez-vous pour lire la suite.</p></div></article></body></html>
            """);

        Assert.True(article.Partial);
        Assert.Equal(2, article.Text.Split("\n\n").Length);
    }

    [Theory]
    [InlineData("story-body social-embed-enabled")]
    [InlineData("article-body ad-enabled")]
    [InlineData("post-content subscription-content")]
    public void A_body_wrapper_with_a_feature_flag_class_keeps_its_paragraphs(string wrapperClass)
    {
        var menu = string.Concat(Enumerable.Range(0, 80).Select(i => $"<li><a href='/s{i}'>Section number {i} of the site</a></li>"));
        var comments = string.Concat(Enumerable.Range(0, 6).Select(i => $"<div><p>Reader comment {i}: {Filler}</p></div>"));
        var article = ArticleReader.Read($"""
            <html><body><div class="x6"><ul>{menu}</ul></div>
            <div class="{wrapperClass}"><p>{Filler}</p><p>{Filler.Replace("Tuesday", "Monday")}</p></div><section class="comments">{comments}</section></body></html>
            """);

        Assert.StartsWith(Filler, article.Text);
        Assert.DoesNotContain("Reader comment", article.Text);
    }

    [Theory]
    [InlineData("Publié le 12 mars 2026 à 14:05Mis à jour le 12 mars 2026 à 16:32", true)]
    [InlineData("Updated on January 15, 2026 at 6:00 AM UTC", true)]
    [InlineData("Le 04/02/2026 à 7:52", true)]
    [InlineData("On March 5, 2026, shares rose 4%.", false)]
    [InlineData("Le 12 mars 2026, la banque a annoncé un plan de départs.", false)]
    public void Tells_date_lines_from_sentences_with_a_date(string line, bool dateLine) =>
        Assert.Equal(dateLine, Dates.IsDateLine(line));

    [Theory]
    [InlineData("Microsoft bets on MAI-1 | Tech Daily", "Tech Daily", "Microsoft bets on MAI-1")]
    [InlineData("Tech Daily - Microsoft bets on MAI-1", "Tech Daily", "Microsoft bets on MAI-1")]
    [InlineData("Microsoft bets on its own models – Le Journal", null, "Microsoft bets on its own models")]
    [InlineData("Q3 - results", null, "Q3 - results")]
    public void Cleans_site_names_from_titles(string raw, string? site, string expected) =>
        Assert.Equal(expected, Metadata.CleanTitle(raw, site));

    [Theory]
    [InlineData("Publié le 1er mars 2025 à 9h05", 2025, 3, 1, 9, 5)]
    [InlineData("Mis à jour le 12 déc. 2024", 2024, 12, 12, 0, 0)]
    [InlineData("Published March 12, 2025 at 3:15 pm", 2025, 3, 12, 15, 15)]
    [InlineData("Updated 4 July 2025 10:00", 2025, 7, 4, 10, 0)]
    public void Parses_visible_date_lines(string line, int y, int mo, int d, int h, int mi) =>
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.Zero), Dates.ParseVisible(line));

    [Theory]
    [InlineData("Le gouvernement a annoncé que les entreprises du secteur seront aidées par l'État.", "fr")]
    [InlineData("The company said that its revenue has grown by a third in the quarter.", "en")]
    [InlineData("12345 67890", "und")]
    public void Detects_french_and_english(string text, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(text));
}

using Intelligence.Ingestion.Reading;

namespace Intelligence.Ingestion.Tests.Reading;

/// <summary>Layouts met on real pages (readability-pages, trafilatura-eval) that the reader once read in part or with teasers.</summary>
public class RealLayoutTests
{
    private static readonly string[] Facts =
    [
        "filed the report with the regulator after months of talks with the unions and the two largest shareholders.",
        "expects revenue to grow by a third next year, helped by new contracts in Germany, Spain and the Nordic countries.",
        "will close two plants in the north by March, moving about 400 jobs to a new site near the port of Antwerp.",
        "rejected the offer on Monday, saying it undervalued the group and ignored the cost of the pending lawsuits.",
        "hired a former central banker to chair the audit committee, replacing a director who left in the spring.",
        "cut its dividend for the first time since 2009, blaming higher interest costs and a weaker order book in Asia.",
        "signed a supply deal worth $2bn over five years with a Korean battery maker, its largest contract to date.",
        "agreed to pay a fine of €45m to settle claims that it shared prices with rivals in the cement market.",
        "plans to list its software unit in New York in the autumn if market conditions allow, people familiar said.",
        "reported a net loss of $310m in the quarter as the cost of the recall weighed on its automotive division.",
        "opened an inquiry into the pricing of the tender after a losing bidder complained to the competition authority.",
        "bought back shares worth €1.2bn in the first half and raised its target for the full year by a quarter.",
        "named a new chief executive from outside the group, the first in its history, effective from the first of May.",
        "warned that the strike at its largest refinery could cost as much as $50m a week if it lasts into December.",
        "sold its stake in the joint venture to its partner for an undisclosed sum, ending a partnership of twenty years.",
        "said the merger would create the second-largest operator in the region, with about nine million customers.",
    ];

    /// <summary>A distinct sentence (the reader drops a short line whose every word 4-gram it has already read).</summary>
    private static string Sentence(string subject, int i) =>
        $"{subject} {Facts[i % Facts.Length]} It gave no further details in the statement it published late in the evening.";

    private static readonly string Menu =
        $"<nav><ul>{string.Concat(Enumerable.Range(0, 30).Select(i => $"<li><a href='/s{i}'>Section {i}</a></li>"))}</ul></nav>";

    [Fact]
    public void A_story_continued_in_a_read_more_box_is_read_whole()
    {
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<div id="story"><div class="story-body">
            <p>{Sentence("The minister", 1)}</p><p>{Sentence("The minister", 2)}</p>
            <div id="read-more"><div id="read-more-link"><a href="#">Read more</a></div>
            <div id="read-more-content"><p>{Sentence("The adviser", 3)}</p><p>{Sentence("The adviser", 4)}</p><p>{Sentence("The adviser", 5)}</p></div></div>
            </div></div></body></html>
            """);

        Assert.Contains(Sentence("The minister", 1), article.Text);
        Assert.Contains(Sentence("The adviser", 5), article.Text);
    }

    [Fact]
    public void A_story_whose_blocks_each_sit_in_a_deep_template_is_read_whole()
    {
        // The longest block alone has over 300 words, so the baseline is not asked: our own climb must find the rest.
        static string Block(int reviewer, int first, int count) =>
            $"""<div class="article-block"><div class="grid"><div class="cell"><div class="article-text">{string.Concat(Enumerable.Range(first, count).Select(i => $"<p>{Sentence($"Reviewer {reviewer}", i)}</p>"))}</div></div></div></div>""";
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<article><div id="page-body"><div class="blocks">
            {Block(1, 0, 2)}{Block(2, 2, 10)}{Block(3, 12, 2)}{Block(4, 14, 2)}
            </div></div></article></body></html>
            """);

        Assert.Contains(Sentence("Reviewer 1", 1), article.Text);
        Assert.Contains(Sentence("Reviewer 2", 11), article.Text);
        Assert.Contains(Sentence("Reviewer 3", 13), article.Text);
        Assert.Contains(Sentence("Reviewer 4", 15), article.Text);
    }

    [Fact]
    public void A_blog_post_inside_noscript_is_read()
    {
        var archive = string.Concat(Enumerable.Range(0, 20).Select(i => $"<li>Archive entry {i}: a short note on the blog's older posts, month {i}</li>"));
        var article = ArticleReader.Read($"""
            <html><body><div class="col-main"><div class="post"><div class="post-body"><noscript>
            {string.Concat(Enumerable.Range(0, 5).Select(i => $"<p>{Sentence("The security team", i)}</p>"))}
            </noscript></div></div></div><div class="col-side"><ul>{archive}</ul></div></body></html>
            """);

        Assert.Contains(Sentence("The security team", 2), article.Text);
        Assert.DoesNotContain("Archive entry", article.Text);
    }

    [Fact]
    public void A_news_stream_of_teaser_cards_after_the_article_is_left_out()
    {
        var stream = string.Concat(Enumerable.Range(0, 12).Select(i => $"""
            <li class="stream-item"><div class="box"><div class="inner"><h3><a href="/other-{i}">Another story number {i} from the wire desk</a></h3>
            <p>Summary {i}: a teaser of another story, long enough to look like a paragraph, about a different company and its results.</p></div></div></li>
            """));
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<div id="main"><section class="story"><div class="book"><div class="body">
            {string.Concat(Enumerable.Range(0, 5).Select(i => $"<p>{Sentence("The photographer", i)}</p>"))}
            </div></div></section><div class="remote"><div class="applet"><ul>{stream}</ul></div></div></div></body></html>
            """);

        Assert.Contains(Sentence("The photographer", 4), article.Text);
        Assert.DoesNotContain("Summary 3", article.Text);
    }

    [Fact]
    public void A_label_left_last_is_dropped()
    {
        var article = ArticleReader.Read($"""
            <html><body><article><p>{Sentence("The institute", 1)}</p><p>{Sentence("The institute", 2)}</p><p>Kontakt:</p></article></body></html>
            """);

        Assert.EndsWith(Sentence("The institute", 2), article.Text);
    }

    [Theory]
    [InlineData("Subscribe now to our eNATION edition for the full story.")]
    [InlineData("For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.")]
    [InlineData("Siguenos en Telegram, Instagram, Facebook y Twitter para recibir en directo todas nuestras actualizaciones")]
    [InlineData("¡Mira lo que tiene nuestro canal de YouTube!")]
    [InlineData("We want to hear what you think about this article. Submit a letter to the editor.")]
    [InlineData("Support independent journalism: become a member from 3 euros a month.")]
    [InlineData("Unterstützen Sie unabhängigen Journalismus!")]
    [InlineData("Valora esta noticia")]
    [InlineData("Was this article helpful?")]
    public void A_call_to_action_under_the_story_is_dropped(string line)
    {
        var article = ArticleReader.Read($"""
            <html><body><article><p>{Sentence("The ministry", 1)}</p><p>{line}</p><p>{Sentence("The ministry", 2)}</p></article></body></html>
            """);

        Assert.DoesNotContain(line, article.Text);
        Assert.Contains(Sentence("The ministry", 2), article.Text);
    }

    [Theory]
    [InlineData("""<meta name="DC.creator" content="Mac &amp; i">""", "Mac & i")]
    [InlineData("""<meta property="dc:creator twitter:site_name" content="Creator Name"><meta name="author" content="Someone Else">""", "Creator Name")]
    [InlineData("""<meta name="byl" content="By Corey Kilgannon">""", "Corey Kilgannon")]
    [InlineData("""<meta property="og:article:author" content="BBC News">""", "BBC News")]
    public void Reads_the_byline_from_the_meta_keys_real_pages_use(string meta, string byline)
    {
        var article = ArticleReader.Read($"<html><head>{meta}<title>A title</title></head><body><article><p>{Sentence("The court", 1)}</p></article></body></html>");

        Assert.Equal(byline, article.Byline);
    }

    [Theory]
    [InlineData("""<meta name="parsely-title" content="Some Other Title">""", "Some Other Title")]
    [InlineData("""<meta property="dc:title og:title" content="Preferred title">""", "Preferred title")]
    public void Reads_the_title_from_the_meta_keys_real_pages_use(string meta, string title)
    {
        var article = ArticleReader.Read($"<html><head>{meta}<title>Title element</title></head><body><article><p>{Sentence("The court", 1)}</p></article></body></html>");

        Assert.Equal(title, article.Title);
    }

    [Fact]
    public void Ruby_readings_are_left_out_of_japanese_text()
    {
        var article = ArticleReader.Read("""
            <html lang="ja"><body><article>
            <p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt><rp>)</rp></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p>
            </article></body></html>
            """);

        Assert.Equal("子どもへの虐待をなくすための法律ができました。", article.Text);
    }

    [Fact]
    public void A_log_in_dialog_in_an_article_element_is_not_the_story()
    {
        var form = string.Concat(Enumerable.Range(0, 8).Select(i =>
            $"<h3>Password reset step {i}</h3><p>You will receive an e-mail with a link to set a new password within the next hour, step {i}.</p>"));
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<main><div class="video-teaser"><p>{Sentence("The league", 1)}</p></div></main>
            <div class="b-login"><article class="password-modal dark-modal">{form}</article></div></body></html>
            """);

        Assert.Contains(Sentence("The league", 1), article.Text);
        Assert.DoesNotContain("password", article.Text);
    }

    [Theory]
    [InlineData("The cat sat on the mat.", 6)]
    [InlineData("肉をくわえたイヌが、橋を渡っていました。", 9)] // 18 characters of kana and kanji, two to a word
    [InlineData("Mr.マリック 1949年", 5)] // Mr, 1949, then five characters
    public void Words_of_a_script_without_spaces_are_counted_by_characters(string text, int words)
    {
        Assert.Equal(words, TextBlocks.WordCount(text));
    }

    [Fact]
    public void A_linked_subheading_after_story_text_is_kept()
    {
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<article><p>{Sentence("The studio", 1)}</p>
            <h3><a href="https://games.example.com/rez">“Rez Infinite” ($30)</a></h3><p>{Sentence("The studio", 2)}</p>
            <h3><a href="https://games.example.com/rigs">“RIGS: Mechanized Combat League” ($50)</a></h3><p>{Sentence("The studio", 3)}</p></article></body></html>
            """);

        Assert.Contains("“Rez Infinite” ($30)", article.Text);
        Assert.Contains("“RIGS: Mechanized Combat League” ($50)", article.Text);
    }

    [Fact]
    public void A_class_flag_that_says_what_a_block_lacks_does_not_make_it_boilerplate()
    {
        var lead = "The mother of a woman who took pills bought online has described how her daughter fell ill within hours of taking them.";
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<article><div class="list-item image no_caption"><h2>{lead}</h2></div>
            <div class="list-item text"><p>{Sentence("The coroner", 1)}</p><p>{Sentence("The coroner", 2)}</p></div>
            <div class="caption">Photo: West Mercia Police</div></article></body></html>
            """);

        Assert.StartsWith(lead, article.Text);
        Assert.DoesNotContain("West Mercia Police", article.Text);
    }

    [Fact]
    public void A_photo_gallery_beside_the_story_is_left_out_however_long_its_captions()
    {
        var slides = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"<li><h2><span class=\"counter\">{i}/12</span> Slide {i}</h2><p>{Sentence($"Slide {i} shows a company that", i)}</p></li>"));
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<div class="story"><p>{Sentence("The hotel group", 1)}</p><p>{Sentence("The hotel group", 2)}</p>
            <p>{Sentence("The hotel group", 3)}</p></div>
            <div class="container grid-mod-gallery"><ul class="legends">{slides}</ul></div></body></html>
            """);

        Assert.Contains(Sentence("The hotel group", 3), article.Text);
        Assert.DoesNotContain("Slide", article.Text);
    }

    [Fact]
    public void A_story_whose_rest_is_folded_in_a_box_below_its_first_paragraphs_is_read_whole()
    {
        // Four paragraphs first (more than a lead), twenty in the box (so the first part is under a quarter of the rest).
        string Paragraphs(int from, int count) => string.Concat(Enumerable.Range(from, count).Select(i => $"<p>{Sentence($"The union ({i})", i)}</p>"));
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<div class="articleContent">{Paragraphs(1, 4)}
            <hr/><div class="ad-slot"></div><div class="toggle-group hideOnInit">{Paragraphs(5, 20)}</div></div></body></html>
            """);

        Assert.StartsWith(Sentence("The union (1)", 1), article.Text);
        Assert.EndsWith(Sentence("The union (24)", 24), article.Text);
    }

    [Fact]
    public void A_short_story_read_from_a_table_cell_takes_the_baseline_lines_around_it()
    {
        // An old table layout: ours read the story's cell; the baseline read the whole layout table, which holds all of ours
        // and half as much again (under the twice as much that the baseline needs elsewhere).
        List<string> ours = ["The greedy dog", Sentence("The fox", 1), Sentence("The fox", 2), "Hiragana or English"];
        List<string> baseline = ["Fables > The greedy dog", "The greedy dog", Sentence("The fox", 1), Sentence("The fox", 2),
                                 "Note of the day: the harbour museum opens its hall of ship models.", "Riddle of the day: what has keys but no locks?",
                                 "Birthday of the day: a magician born in 1949."];

        var fromCell = ArticleReader.Compare(ours, fromTableCell: true, baseline, removedComments: "");
        var fromDiv = ArticleReader.Compare(ours, fromTableCell: false, baseline, removedComments: "");

        Assert.Equal(["Fables > The greedy dog", .. ours, .. baseline[4..]], fromCell);
        Assert.Equal(ours, fromDiv);
    }

    [Fact]
    public void A_baseline_that_does_not_hold_the_story_of_a_table_cell_is_not_taken()
    {
        List<string> ours = ["The greedy dog", Sentence("The fox", 1), Sentence("The fox", 2)];
        List<string> baseline = ["The greedy dog", Sentence("The wolf", 3), Sentence("The wolf", 4), Sentence("The wolf", 5)];

        Assert.Equal(ours, ArticleReader.Compare(ours, fromTableCell: true, baseline, removedComments: ""));
    }

    [Fact]
    public void A_story_split_into_blocks_of_one_template_is_read_whole_even_when_one_block_holds_most_of_it()
    {
        // The blocks after the long one hold under a quarter of it: the climb alone would stop at the long block.
        static string Block(string subject, int first, int count) =>
            $"""<div class="row align-center"><div class="columns">{string.Concat(Enumerable.Range(first, count).Select(i => $"<p>{Sentence(subject, i)}</p>"))}</div></div>""";
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<article class="content">
            {Block("The board", 0, 14)}<figure><img src="a.jpg"/><figcaption>A plant.</figcaption></figure>
            {Block("The regulator", 14, 1)}<div class="ad"></div>
            {Block("The regulator", 15, 1)}
            </article></body></html>
            """);

        Assert.StartsWith(Sentence("The board", 0), article.Text);
        Assert.EndsWith(Sentence("The regulator", 15), article.Text);
    }

    [Fact]
    public void A_next_story_in_the_same_template_is_not_read_with_the_first()
    {
        static string Block(string subject, int first, int count, string headline = "") =>
            $"""<div class="story-block">{headline}{string.Concat(Enumerable.Range(first, count).Select(i => $"<p>{Sentence(subject, i)}</p>"))}</div>""";
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<div class="stream">
            {Block("The board", 0, 14)}
            {Block("The striker", 0, 3, "<h1>Next story: the striker signs</h1>")}
            </div></body></html>
            """);

        Assert.Contains(Sentence("The board", 13), article.Text);
        Assert.DoesNotContain("The striker", article.Text);
    }

    [Theory]
    [InlineData("© 2024 Example Media Group. All rights reserved.")]
    [InlineData("Copyright 2023 The Harbour Times")]
    [InlineData("This article is the copyrighted property of The Harbour Times. Written permission must be obtained before reprint in online or print media.")]
    [InlineData("Alle Rechte vorbehalten. Vervielfältigung nur mit Genehmigung.")]
    public void A_copyright_or_reprint_notice_under_the_story_is_dropped(string notice)
    {
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<div class="story"><p>{Sentence("The publisher", 1)}</p><p>{Sentence("The publisher", 2)}</p>
            <p>The copyright lawsuit over the archive, filed by three photographers in 2021, goes to trial in June, the court said.</p>
            <p>{notice}</p></div></body></html>
            """);

        Assert.Contains("The copyright lawsuit over the archive", article.Text);
        Assert.DoesNotContain(notice, article.Text);
    }

    [Fact]
    public void Related_posts_in_a_class_with_the_words_run_together_are_left_out()
    {
        var cards = string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"<div class='jp-relatedposts-post'><h4><a href='/p{i}'>Earlier post {i}</a></h4><p class='jp-relatedposts-post-excerpt'>{Sentence($"Earlier post {i} said the group", i + 5)}</p></div>"));
        var article = ArticleReader.Read($"""
            <html><body>{Menu}<div class="entry-content"><p>{Sentence("The survey", 1)}</p><p>{Sentence("The survey", 2)}</p>
            <p>{Sentence("The survey", 3)}</p>
            <div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3>{cards}</div></div></body></html>
            """);

        Assert.Contains(Sentence("The survey", 3), article.Text);
        Assert.DoesNotContain("Earlier post", article.Text);
    }
}

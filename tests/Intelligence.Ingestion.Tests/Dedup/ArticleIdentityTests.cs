using Intelligence.Domain;
using Intelligence.Ingestion.Dedup;

namespace Intelligence.Ingestion.Tests.Dedup;

public class ArticleIdentityTests
{
    [Theory]
    [InlineData("HTTPS://News.Example.COM:443/Tech/Story/?utm_source=rss&utm_medium=feed#comments", "https://news.example.com/Tech/Story")]
    [InlineData("http://example.com", "http://example.com/")]
    [InlineData("http://example.com/", "http://example.com/")]
    [InlineData("http://example.com:80/a//", "http://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("https://example.com/a?b=2&a=1&fbclid=xyz&gclid=1", "https://example.com/a?a=1&b=2")]
    [InlineData("https://example.com/a?utm_campaign=x", "https://example.com/a")]
    [InlineData("  https://example.com/a?id=42  ", "https://example.com/a?id=42")]
    public void Normalizes_urls(string raw, string expected) =>
        Assert.Equal(expected, ArticleIdentity.NormalizeUrl(raw));

    [Theory]
    [InlineData("not a url")]
    [InlineData("relative/path")]
    [InlineData("ftp://example.com/file")]
    [InlineData("javascript:alert(1)")]
    public void Rejects_urls_that_are_not_absolute_http(string raw)
    {
        var error = Assert.Throws<ArgumentException>(() => ArticleIdentity.NormalizeUrl(raw));
        Assert.Contains("http", error.Message);
    }

    [Fact]
    public void Article_id_is_a_stable_uuid_v5_of_the_normalized_url()
    {
        var a = ArticleIdentity.FromUrl("https://news.example.com/story?utm_source=x");
        var b = ArticleIdentity.FromUrl("HTTPS://NEWS.example.com/story/#top");

        Assert.Equal(a, b);
        Assert.NotEqual(a, ArticleIdentity.FromUrl("https://news.example.com/other"));
        var text = a.ToString();
        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }

    [Fact]
    public void Uuid_v5_matches_the_rfc_test_vector()
    {
        // RFC 9562 / Python: uuid5(NAMESPACE_DNS, "python.org")
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), UuidV5.Create(dns, "python.org"));
    }

    [Fact]
    public void Text_hash_ignores_case_whitespace_and_punctuation()
    {
        var a = ArticleIdentity.TextHash("Microsoft détient 27 % d'OpenAI.\n\nC'est officiel !");
        var b = ArticleIdentity.TextHash("  microsoft DÉTIENT 27% d’openai   c'est officiel");

        Assert.Equal(a, b);
        Assert.Equal(64, a.Length);
        Assert.NotEqual(a, ArticleIdentity.TextHash("Microsoft détient 28 % d'OpenAI. C'est officiel !"));
    }

    private const string Story =
        "Microsoft is developing its own frontier models, its AI chief said on Tuesday, marking the end of the exclusive phase " +
        "of a partnership worth thirteen billion dollars that once defined the rise of generative AI. Mustafa Suleyman said the " +
        "group had to build foundation models at the absolute frontier, describing the initiative as a push towards true " +
        "self-sufficiency in artificial intelligence. The restructured agreement, signed last month, gives Microsoft a stake of " +
        "about 27 per cent in OpenAI Group PBC and rights to the start-up's models until 2032, according to people familiar with " +
        "the terms. OpenAI expects to lose fourteen billion dollars in 2026, documents seen by investors show, as spending on " +
        "computing capacity continues to outpace revenue growth. Analysts said the move would reshape cloud competition, with " +
        "Amazon and Google courting the same laboratories and chip makers racing to supply them with accelerators.";

    [Fact]
    public void Simhash_finds_a_lightly_edited_syndicated_copy()
    {
        var copy = Story.Replace("on Tuesday", "on Tuesday afternoon") + " (Reporting by wire staff)";

        Assert.True(ArticleIdentity.Distance(ArticleIdentity.SimHash(Story), ArticleIdentity.SimHash(copy)) <= ArticleIdentity.NearDuplicateDistance);
        Assert.True(ArticleIdentity.IsNearDuplicate(ArticleIdentity.SimHash(Story), Story, ArticleIdentity.SimHash(copy), copy));
        Assert.True(ArticleIdentity.IsNearDuplicate(ArticleIdentity.SimHash(Story), Story,
            ArticleIdentity.SimHash(Story.ToUpperInvariant()), Story.ToUpperInvariant()));
    }

    [Fact]
    public void Simhash_separates_different_stories()
    {
        const string other =
            "Anthropic and the US Department of Defense are at odds over limits the company places on military uses of its " +
            "Claude models, according to three people briefed on the talks. The Pentagon wants broader rights to deploy the " +
            "models in classified settings, while Anthropic says its usage policy applies to every customer including governments. " +
            "Neither side has signalled a compromise, and a contract worth up to two hundred million dollars hangs in the balance.";

        Assert.True(ArticleIdentity.Distance(ArticleIdentity.SimHash(Story), ArticleIdentity.SimHash(other)) > ArticleIdentity.NearDuplicateDistance);
    }

    [Theory]
    [InlineData("https://news.example.com/a?utm_source=x", "https://news.example.com/story-1", "https://news.example.com/story-1")]
    [InlineData("https://www.news.example.com/a", "https://news.example.com/story-1", "https://news.example.com/story-1")]
    [InlineData("https://copycat.example.net/a", "https://news.example.com/story-1", "https://copycat.example.net/a")]
    [InlineData("https://news.example.com/a", null, "https://news.example.com/a")]
    [InlineData("https://news.example.com/a", "javascript:alert(1)", "https://news.example.com/a")]
    [InlineData("file:///tmp/saved.html", "https://news.example.com/story-1?utm_medium=x", "https://news.example.com/story-1")]
    [InlineData("file:///tmp/saved.html", null, "file:///tmp/saved.html")]
    public void The_canonical_url_is_trusted_on_the_same_site_or_from_a_saved_file(string page, string? declared, string expected) =>
        Assert.Equal(expected, ArticleIdentity.CanonicalUrl(page, declared));

    // One outlet's earnings-brief template: a short story, then a long standing paragraph of boilerplate.
    private static string EarningsBrief(string company, string chief, string revenue, string growth, string consensus, string income, string perShare) =>
        $"{company} reported third-quarter revenue of {revenue} on Thursday, up {growth} from a year earlier and ahead of the " +
        $"{consensus} analysts had expected. Net income was {income}, or {perShare} a share. Chief executive {chief} said demand " +
        "had stayed strong in every region and that the company would keep investing in its products.\n\n" +
        "About this brief: Market Pulse earnings briefs are compiled from company filings, press releases and conference calls " +
        "shortly after results are published. Figures are in US dollars unless stated otherwise and compare with the same period " +
        "a year earlier. Market Pulse does not give investment advice, and readers should consult the company filings for the " +
        "complete financial statements, accounting policies and risk factors before making any decision. Corrections and " +
        "clarifications are published on our corrections page, and questions about our methodology can be sent to the markets " +
        "desk. Briefs are updated when companies revise their reported figures or restate earlier periods, and the time of the " +
        "latest update is shown at the top of each brief. Subscribers can receive every brief by email as soon as it is published.";

    private static readonly string Northwind = EarningsBrief("Northwind Systems", "Laura Chen", "$4.2 billion", "12%", "$4.0 billion", "$610 million", "$1.35");
    private static readonly string Contoso = EarningsBrief("Contoso Retail", "Marcus Webb", "$7.8 billion", "3%", "$7.5 billion", "$290 million", "$0.84");

    [Fact]
    public void Two_stories_in_one_outlets_template_are_not_copies_of_each_other()
    {
        var a = ArticleIdentity.SimHash(Northwind);
        var b = ArticleIdentity.SimHash(Contoso);
        // As text they look like copies: within the confirmation radius and resembling past the threshold.
        Assert.InRange(ArticleIdentity.Distance(a, b), 0, ArticleIdentity.ConfirmRadius);
        Assert.True(ArticleIdentity.Resemblance(ArticleIdentity.Shingles(Northwind), ArticleIdentity.Shingles(Contoso)) >= ArticleIdentity.ConfirmResemblance);

        Assert.False(ArticleIdentity.IsNearDuplicate(a, Northwind, b, Contoso));
        Assert.False(ArticleIdentity.IsNearDuplicate(b, Contoso, a, Northwind));
    }

    [Fact]
    public void The_same_template_on_the_same_company_with_other_figures_is_another_story()
    {
        var nextQuarter = EarningsBrief("Northwind Systems", "Laura Chen", "$4.6 billion", "9%", "$4.4 billion", "$655 million", "$1.41")
            .Replace("third-quarter", "fourth-quarter");

        Assert.False(ArticleIdentity.IsNearDuplicate(ArticleIdentity.SimHash(Northwind), Northwind, ArticleIdentity.SimHash(nextQuarter), nextQuarter));
    }

    [Fact]
    public void An_edited_copy_of_a_template_story_is_still_a_copy()
    {
        var copy = "NEW YORK (GlobeWire) - " + Northwind.Replace("on Thursday", "on Thursday evening").Replace("had stayed strong", "stayed strong")
            + "\n\n(Reporting by Ana Ruiz; editing by Tom Hale)";

        Assert.True(ArticleIdentity.IsNearDuplicate(ArticleIdentity.SimHash(Northwind), Northwind, ArticleIdentity.SimHash(copy), copy));
    }

    [Fact]
    public void Names_and_figures_are_what_a_text_states()
    {
        var details = StatedDetails.Of("Le géant de Redmond, dirigé par Satya Nadella, a dépensé 37,5 milliards de dollars. Microsoft " +
            "détient 27 % d'OpenAI depuis 2025.\nIl prévoit 1\u00A0000 embauches.");

        Assert.Equal(new[] { "nadella", "openai", "redmond", "satya" }, details.Names.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "1000", "2025", "27", "37.5" }, details.Figures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hamming_distance_counts_differing_bits()
    {
        Assert.Equal(0, ArticleIdentity.Distance(42, 42));
        Assert.Equal(64, ArticleIdentity.Distance(0, ulong.MaxValue));
        Assert.Equal(2, ArticleIdentity.Distance(0b1010, 0b0000));
        Assert.Equal(0UL, ArticleIdentity.SimHash(" ... "));
    }

    [Fact]
    public void SimHash_bands_are_the_four_16_bit_quarters_tagged_with_their_position()
    {
        // Stored with every article (the near-duplicate index): these values must never change.
        Assert.Equal([0xCDEF, (1 << 16) | 0x89AB, (2 << 16) | 0x4567, (3 << 16) | 0x0123], ArticleIdentity.SimHashBands(0x0123_4567_89AB_CDEFUL));
        Assert.Equal(0x0123_4567_89AB_CDEFUL, ArticleIdentity.ParseSimHash("0123456789abcdef"));
    }

    [Theory]
    [InlineData(0, 17, 33)]
    [InlineData(1, 2, 3)]
    [InlineData(15, 31, 63)]
    public void Fingerprints_within_the_near_duplicate_distance_share_a_band(int bitA, int bitB, int bitC)
    {
        const ulong fingerprint = 0xF0F0_1234_ABCD_0F0FUL;
        var near = fingerprint ^ (1UL << bitA) ^ (1UL << bitB) ^ (1UL << bitC);
        Assert.True(ArticleIdentity.Distance(fingerprint, near) <= ArticleIdentity.NearDuplicateDistance);
        Assert.NotEmpty(ArticleIdentity.SimHashBands(fingerprint).Intersect(ArticleIdentity.SimHashBands(near)));
    }
}

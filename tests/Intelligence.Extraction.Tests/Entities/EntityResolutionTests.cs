using Intelligence.Extraction.Entities;

namespace Intelligence.Extraction.Tests.Entities;

public class EntityResolutionTests
{
    private static readonly MentionFinder Finder = new(new EntityMatcher(EntityCatalog.LoadDefault()));

    private static List<Mention> Find(string sentence, Coreference? coreference = null) =>
        Finder.Find(sentence, 0, coreference ?? new Coreference());

    [Theory]
    [InlineData("Le géant de Redmond investit.", "Microsoft")]
    [InlineData("MSFT shares rose.", "Microsoft")]
    [InlineData("Microsoft détient 27 % d'OpenAI Group PBC.", "OpenAI")]
    [InlineData("Le Pentagone menace Anthropic.", "US Department of Defense")]
    [InlineData("le Département de la Défense des États-Unis a réagi", "US Department of Defense")]
    [InlineData("AWS a signé un contrat.", "Amazon")]
    [InlineData("Mistral lève des fonds.", "Mistral AI")]
    public void Resolves_aliases_to_canonical_names(string sentence, string expected) =>
        Assert.Contains(Find(sentence), m => m.IsOrganization && m.Name == expected);

    [Fact]
    public void Keeps_unknown_organisations_named_by_their_context()
    {
        var mentions = Find("La startup Helsing a levé 600 millions d'euros auprès de Quarkline Capital.");
        Assert.Contains(mentions, m => m.IsOrganization && m.Name == "Helsing");
        Assert.Contains(mentions, m => m.IsOrganization && m.Name == "Quarkline Capital");
    }

    [Fact]
    public void Resolves_the_company_to_the_salient_organisation()
    {
        var coreference = new Coreference();
        coreference.Observe(0, Finder.Find("Microsoft a dévoilé ses résultats.", 0, coreference));
        var mentions = Finder.Find("L'entreprise prévoit 140 milliards de dollars de dépenses.", 1, coreference);
        Assert.Contains(mentions, m => m.Source == MentionSource.Coreference && m.Name == "Microsoft");
    }

    [Fact]
    public void An_anaphor_in_the_first_sentence_resolves_to_a_company_named_before_it_in_that_sentence()
    {
        // Nothing observed yet: the candidates are the organisations this sentence has named so far.
        var mentions = Find("Nvidia and OpenAI said the chipmaker will invest up to $100 billion in OpenAI.");
        Assert.Contains(mentions, m => m.Source == MentionSource.Coreference && m.Name == "Nvidia");
    }

    [Theory]
    [InlineData("Norvalis injecte 100 millions d'euros dans Quarkline.", "Norvalis")]
    [InlineData("Quorvane acquires a stake in the lab.", "Quorvane")]
    public void An_unknown_sentence_subject_before_a_deal_verb_is_an_organisation(string sentence, string expected) =>
        Assert.Contains(Find(sentence), m => m.IsOrganization && m.Source == MentionSource.Guess && m.Name == expected);

    [Fact]
    public void A_noun_after_a_capitalised_word_is_no_deal_verb() =>
        Assert.DoesNotContain(Find("Existing investors also participated in the round."), m => m.Name == "Existing");

    [Fact]
    public void The_company_stands_for_one_the_article_established_before_one_named_once_in_passing()
    {
        var coreference = new Coreference();
        string[] article =
        [
            "Orvane a publié des résultats record.",
            "Les ventes ont progressé de 8 %.",
            "La marge s'améliore aussi.",
            "Les analystes sont surpris.",
            "Le titre a gagné 5 %.",
            "Le dernier record datait du rachat du néerlandais Brevia en 1998.",
        ];
        for (var i = 0; i < article.Length; i++) coreference.Observe(i, Finder.Find(article[i], i, coreference), article[i]);
        var mentions = Finder.Find("Le groupe prévoit de recruter.", article.Length, coreference);
        Assert.Contains(mentions, m => m.Source == MentionSource.Coreference && m.Name == "Orvane");
    }

    [Fact]
    public void A_company_named_once_in_passing_is_the_company_when_none_other_is_known()
    {
        var coreference = new Coreference();
        coreference.Observe(0, Finder.Find("Le marché salue le rachat du néerlandais Brevia.", 0, coreference));
        var mentions = Finder.Find("Le groupe prévoit de recruter.", 1, coreference);
        Assert.Contains(mentions, m => m.Source == MentionSource.Coreference && m.Name == "Brevia");
    }

    [Fact]
    public void A_startup_is_never_a_giant()
    {
        var coreference = new Coreference();
        coreference.Observe(0, Finder.Find("Microsoft prend ses distances avec OpenAI.", 0, coreference));
        var mentions = Finder.Find("La startup perd de l'argent.", 1, coreference);
        Assert.Contains(mentions, m => m.Source == MentionSource.Coreference && m.Name == "OpenAI");
    }

    [Fact]
    public void A_surname_resolves_to_the_full_name_seen_before()
    {
        var coreference = new Coreference();
        coreference.Observe(0, Finder.Find("La démission de la chercheuse Zoë Hitzig a surpris.", 0, coreference));
        Assert.Contains(Finder.Find("Hitzig a écrit une tribune.", 1, coreference), m => m.Kind == MentionKind.Person && m.Name == "Zoë Hitzig");
    }

    [Fact]
    public void Configuration_files_extend_the_table()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"entities":[{"name":"Lumenfold","kind":"company","aliases":["la pépite lyonnaise"]}]}""");
        try
        {
            var finder = new MentionFinder(new EntityMatcher(EntityCatalog.LoadDefault([path])));
            Assert.Contains(finder.Find("La pépite lyonnaise recrute.", 0, new Coreference()), m => m.Name == "Lumenfold");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_broken_configuration_file_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "{ not json");
        try { Assert.Throws<InvalidDataException>(() => EntityCatalog.LoadDefault([path])); }
        finally { File.Delete(path); }
    }
}

using Intelligence.Domain.Facts;
using Intelligence.Extraction.Routing;

namespace Intelligence.Extraction.Tests.Experts;

public class SummarizerTests
{
    private static readonly Summarizer Summarizer = Summarizer.CreateDefault();

    /// <summary>The personnel moves found in <paramref name="text"/>, as (change, company).</summary>
    private static List<(string? Change, string? Company)> Moves(string text) =>
        Summarizer.Analyze(text).Facts.Where(f => f.Type == FactTypes.Personnel).Select(f => (f.Change, f.Company)).ToList();

    [Theory]
    [InlineData(2024, 10, 30, "Q3 2024")]
    [InlineData(2025, 2, 5, "Q3 2024")]
    [InlineData(2024, 8, 20, "Q3 2023")]
    public void The_publication_date_dates_a_quarter_the_text_tells_without_its_year(int year, int month, int day, string expected)
    {
        const string text = "Microsoft said third-quarter revenue rose to $65.6bn.";
        Assert.Null(Assert.Single(Summarizer.Analyze(text).Facts, f => f.Type == FactTypes.Revenue).Period);
        var dated = Summarizer.Analyze(text, "en", new DateOnly(year, month, day));
        Assert.Equal(expected, Assert.Single(dated.Facts, f => f.Type == FactTypes.Revenue).Period);
    }

    [Fact]
    public void A_date_the_text_names_wins_over_the_publication_date()
    {
        const string text = "On 28 October 2024, Microsoft said third-quarter revenue rose to $65.6bn.";
        var dated = Summarizer.Analyze(text, "en", new DateOnly(2025, 2, 5));
        Assert.Equal("Q3 2024", Assert.Single(dated.Facts, f => f.Type == FactTypes.Revenue).Period);
    }

    [Theory]
    [InlineData("Ruoming Pang a quitté Apple pour rejoindre Meta.")]
    [InlineData("Jane Smith left Apple to join Meta.")]
    public void Each_move_of_a_person_pairs_with_the_company_its_verb_names(string text)
    {
        var moves = Moves(text);
        Assert.Contains(("left", "Apple"), moves);
        Assert.Contains(("joined", "Meta"), moves);
        Assert.DoesNotContain(("left", "Meta"), moves);
    }

    [Theory]
    [InlineData("Le chercheur surnommé Paul Martin travaille désormais chez OpenAI, selon le Monde.")]
    [InlineData("The unnamed researcher Paul Martin was at OpenAI until last year.")]
    [InlineData("Paul Martin, a renowned researcher at OpenAI, enjoined the team to publish more.")]
    public void A_move_verb_inside_another_word_is_no_move(string text) =>
        Assert.DoesNotContain(Summarizer.Analyze(text).Facts, f => f.Type == FactTypes.Personnel);

    [Theory]
    [InlineData("Les départs de Paul Martin chez OpenAI se multiplient.", "left")]
    [InlineData("Paul Martin a été nommé directeur scientifique chez OpenAI.", "appointed")]
    public void A_whole_move_word_is_still_a_move(string text, string change) =>
        Assert.Contains(Summarizer.Analyze(text).Facts, f => f.Type == FactTypes.Personnel && f.Change == change && f.Person == "Paul Martin");

    [Theory]
    [InlineData("Meta keeps hiring. Andrew Tulloch, a co-founder of Thinking Machines Lab, joined in October after leaving the start-up.")]
    [InlineData("Meta recrute encore. Andrew Tulloch, cofondateur de Thinking Machines Lab, a rejoint l'équipe en octobre après avoir quitté la start-up.")]
    public void The_company_in_a_persons_apposition_is_not_the_one_they_join(string text)
    {
        var moves = Moves(text);
        Assert.DoesNotContain(("joined", "Thinking Machines Lab"), moves);
        Assert.Contains(("joined", "Meta"), moves);
    }

    [Fact]
    public void Extracts_each_family_in_both_languages()
    {
        var text = "Microsoft holds a 27% stake in OpenAI. Nvidia invested $2 billion in Mistral AI. " +
                   "OpenAI expects a loss of $14 billion in 2026. Anthropic a généré 5 milliards de dollars de revenus annualisés. " +
                   "Le géant de Redmond prévoit 80 milliards de dollars de dépenses d'investissement sur l'exercice 2025. " +
                   "The New York Times sued OpenAI and Microsoft over copyright. " +
                   "Apple a dévoilé sa puce M5 en octobre 2025. Jane Smith a quitté OpenAI.";
        var analysis = Summarizer.Analyze(text);
        var types = analysis.Facts.Select(f => f.Type).ToHashSet();
        foreach (var type in new[] { FactTypes.Stake, FactTypes.Investment, FactTypes.Loss, FactTypes.Revenue, FactTypes.Capex, FactTypes.Dispute, FactTypes.Launch, FactTypes.Personnel })
            Assert.Contains(type, types);
        Assert.Equal(2, analysis.Facts.Count(f => f.Type == FactTypes.Dispute));
        Assert.All(analysis.Facts, f =>
        {
            Assert.NotNull(f.Evidence);
            Assert.Equal(text[f.Evidence!.Start..f.Evidence.End], f.Evidence.Quote);
            Assert.InRange(f.Confidence, 0.05, 0.99);
            Assert.Equal(Summarizer.ExtractorVersion, f.ExtractorVersion);
        });
    }

    [Theory]
    [InlineData("Nvidia could invest $100 billion in OpenAI.")]
    [InlineData("Amazon is said to be considering a $10 billion investment in OpenAI.")]
    [InlineData("Même Nvidia hésite à investir 100 milliards de dollars dans OpenAI.")]
    [InlineData("OpenAI is valued at $500 billion after the deal.")]
    [InlineData("OpenAI committed to purchase $250 billion of Azure services.")]
    public void Hedged_statements_and_non_facts_give_nothing(string text) =>
        Assert.DoesNotContain(Summarizer.Analyze(text).Facts, f => f.Type is FactTypes.Investment or FactTypes.Revenue);

    [Fact]
    public void The_same_fact_stated_twice_is_one_fact_with_raised_confidence()
    {
        var once = Summarizer.Analyze("Microsoft holds a 27% stake in OpenAI.").Facts.Single();
        var twice = Summarizer.Analyze("Microsoft holds a 27% stake in OpenAI. Later, Microsoft still owns 27% of OpenAI.").Facts.Single();
        Assert.True(twice.Confidence > once.Confidence);
    }

    [Fact]
    public void Routing_stats_count_sentences_per_expert()
    {
        var analysis = Summarizer.Analyze("Microsoft holds a 27% stake in OpenAI. The weather was nice.");
        Assert.Equal(2, analysis.Routing.Sentences);
        Assert.Equal(1, analysis.Routing.Unrouted);
        Assert.Equal(1, analysis.Routing.Experts["stake"].Sentences);
        Assert.Equal(1, analysis.Routing.Experts["stake"].Facts);
        Assert.Equal(0, analysis.Routing.Experts["launch"].Sentences);
        Assert.Contains("\"stake\"", FactJson.Serialize(analysis.Routing));
    }

    [Fact]
    public void The_router_honours_top_k_and_thresholds()
    {
        var strict = Summarizer.CreateDefault(new SummarizerOptions { Router = new RouterOptions { Threshold = 100 } });
        var analysis = strict.Analyze("Microsoft holds a 27% stake in OpenAI.");
        Assert.Empty(analysis.Facts);
        Assert.All(analysis.Routing.Experts.Values, e => Assert.Equal(0, e.Sentences));
    }

    [Fact]
    public void The_summary_is_up_to_three_sentences_in_the_article_language()
    {
        var text = string.Join("\n\n", Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DevSet", "passages"), "*-fr.txt")
            .Order(StringComparer.Ordinal).Take(6).Select(File.ReadAllText));
        var analysis = Summarizer.Analyze(text);
        Assert.Equal("fr", analysis.Language);
        Assert.InRange(analysis.Summary.Count, 1, 3);
        Assert.All(analysis.Summary, s => Assert.Contains(s, text));
    }

    [Fact]
    public void Version_names_the_cpu_experts() => Assert.Equal("cpu-moe/1.11.0", Summarizer.ExtractorVersion);
}

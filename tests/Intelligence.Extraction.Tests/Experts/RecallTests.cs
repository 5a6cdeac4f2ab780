using Intelligence.Domain.Facts;

namespace Intelligence.Extraction.Tests.Experts;

/// <summary>Wordings of real news the experts used to miss, one rule each, in both languages where it applies.</summary>
public class RecallTests
{
    private static readonly Summarizer Summarizer = Summarizer.CreateDefault();

    private static List<Fact> Facts(string text, string type) => Summarizer.Analyze(text).Facts.Where(f => f.Type == type).ToList();

    [Theory]
    [InlineData("Ruoming Pang, qui pilotait l'équipe des modèles de fondation, a quitté Apple pour rejoindre Meta.")]
    [InlineData("Ruoming Pang, who ran the foundation models team, has left Apple for Meta.")]
    public void A_person_set_off_by_a_relative_clause_is_the_subject_of_the_move(string text)
    {
        var moves = Facts(text, FactTypes.Personnel).Select(f => (f.Person, f.Change, f.Company)).ToList();
        Assert.Contains(("Ruoming Pang", "left", "Apple"), moves);
        Assert.Contains(("Ruoming Pang", "joined", "Meta"), moves);
    }

    [Theory]
    [InlineData("La start-up grenobloise Brumeo a creusé sa perte nette à 23 millions d'euros en 2025.")]
    [InlineData("The Grenoble-based start-up Brumeo posted a net loss of €23m in 2025.")]
    public void A_company_cued_by_a_noun_and_a_place_adjective_is_an_organisation(string text) =>
        Assert.Contains(Facts(text, FactTypes.Loss), f => f.Company == "Brumeo" && f.Amount == 23_000_000);

    [Theory]
    [InlineData("Bpifrance injecte 100 millions d'euros dans Novaterre IA, qui conçoit des modèles de langage.", "Bpifrance", "Novaterre IA")]
    [InlineData("Nvidia invested $40m in Quarkline, a robotics start-up.", "Nvidia", "Quarkline")]
    public void An_unknown_company_described_after_the_amount_is_the_target(string text, string investor, string target) =>
        Assert.Contains(Facts(text, FactTypes.Investment), f => f.Investor == investor && f.Target == target);

    [Theory]
    [InlineData("Amazon invests $5bn in Georgia.")]
    [InlineData("Microsoft will invest $10bn in AI, the company said.")]
    public void A_bare_capitalised_word_after_in_is_no_target(string text) =>
        Assert.Empty(Facts(text, FactTypes.Investment));

    [Theory]
    [InlineData("Microsoft et Nvidia vont investir respectivement jusqu'à 5 et 10 milliards de dollars dans Anthropic.")]
    [InlineData("Microsoft and Nvidia will invest up to $5bn and $10bn respectively in Anthropic.")]
    public void Respectively_pairs_each_investor_with_its_amount(string text)
    {
        var investments = Facts(text, FactTypes.Investment).Select(f => (f.Investor, f.Target, f.AmountUsd)).ToList();
        Assert.Contains(("Microsoft", "Anthropic", 5_000_000_000m), investments);
        Assert.Contains(("Nvidia", "Anthropic", 10_000_000_000m), investments);
        Assert.Equal(2, investments.Count);
    }

    [Theory]
    [InlineData("OpenAI revendique près de 20 milliards de dollars de revenus annualisés, tandis qu'Anthropic approche des 7 milliards.")]
    [InlineData("OpenAI reported $20bn of annualized revenue, while Anthropic is approaching $7bn.")]
    public void An_amount_in_a_later_clause_belongs_to_that_clause_subject(string text)
    {
        var revenue = Facts(text, FactTypes.Revenue);
        Assert.Contains(revenue, f => f.Company == "Anthropic" && f.AmountUsd == 7_000_000_000m);
        Assert.DoesNotContain(revenue, f => f.Company == "OpenAI" && f.AmountUsd == 7_000_000_000m);
    }

    [Theory]
    [InlineData("Its other income line absorbed a $3.1bn hit reflecting the company's share of OpenAI's losses.")]
    [InlineData("Microsoft a comptabilisé une charge de 3,1 milliards de dollars au titre de sa quote-part des pertes d'OpenAI.")]
    public void A_share_of_another_company_s_losses_is_no_loss(string text) =>
        Assert.Empty(Facts(text, FactTypes.Loss));

    [Theory]
    [InlineData("Meta a pris une participation de 49 % dans Scale AI pour 14,3 milliards de dollars.", "Meta", "Scale AI", 14_300_000_000)]
    [InlineData("Meta took a 49% stake in Scale AI for $14.3bn.", "Meta", "Scale AI", 14_300_000_000)]
    [InlineData("Nvidia agreed to buy a $5bn stake in Intel.", "Nvidia", "Intel", 5_000_000_000)]
    [InlineData("A 2.9% stake in Nokia will be held by Nvidia once its $1bn share purchase closes.", "Nvidia", "Nokia", 1_000_000_000)]
    public void Buying_a_stake_is_an_investment(string text, string investor, string target, long amount) =>
        Assert.Contains(Facts(text, FactTypes.Investment), f => f.Investor == investor && f.Target == target && f.AmountUsd == amount);

    [Theory]
    [InlineData("SoftBank could buy a $2bn stake in Intel.")]
    [InlineData("Microsoft bought $10bn of Nvidia chips.")]
    [InlineData("OpenAI committed to purchase $250 billion of Azure services.")]
    [InlineData("Nvidia wants to buy a $5bn stake in Intel.")]
    [InlineData("Analysts expect Nvidia to take a $5bn stake in Intel.")]
    [InlineData("SoftBank souhaite prendre une participation de 2 milliards de dollars dans Intel.")]
    public void Hedged_stake_buys_and_other_purchases_are_no_investment(string text) =>
        Assert.Empty(Facts(text, FactTypes.Investment));

    [Theory]
    [InlineData("Amazon will invest $20bn in Pennsylvania, which will create 1,250 jobs.", "Pennsylvania")]
    [InlineData("Microsoft invests $4bn in Wisconsin, a state it has backed for years.", "Wisconsin")]
    [InlineData("Amazon investit 3 milliards d'euros dans Bordelais, une région qu'elle connaît bien.", "Bordelais")]
    public void A_place_described_after_the_amount_is_no_target(string text, string place) =>
        Assert.DoesNotContain(Facts(text, FactTypes.Investment), f => f.Target == place);

    [Fact]
    public void Respectively_keeps_a_bare_number_s_own_scale()
    {
        // "500 millions" has no currency of its own: reading it with the last amount's scale would give $500bn.
        var facts = Facts("Microsoft et Nvidia vont investir respectivement 500 millions et 1 milliard de dollars dans Anthropic.", FactTypes.Investment);
        Assert.Contains(facts, f => f.Investor == "Microsoft" && f.AmountUsd == 500_000_000m);
        Assert.Contains(facts, f => f.Investor == "Nvidia" && f.AmountUsd == 1_000_000_000m);
    }

    [Fact]
    public void A_share_purchase_targets_the_company_nearest_it() =>
        Assert.Contains(Facts("Nvidia will be a shareholder of Arm after its $5bn share purchase in Intel closes.", FactTypes.Investment),
            f => f.Investor == "Nvidia" && f.Target == "Intel");

    [Theory]
    [InlineData("Mira Murati's departure from OpenAI surprised investors.")]
    [InlineData("Mira Murati's abrupt resignation from OpenAI surprised investors.")]
    public void A_possessive_person_owns_the_move_noun_after_it(string text) =>
        Assert.Contains(Facts(text, FactTypes.Personnel), f => f.Person == "Mira Murati" && f.Change == "left");

    [Fact]
    public void A_speaker_in_apposition_is_not_the_one_who_moves() =>
        Assert.DoesNotContain(Facts("Sam Altman, OpenAI's chief executive, told staff on Monday that Meta had poached four researchers.", FactTypes.Personnel),
            f => f.Person == "Sam Altman");

    [Theory]
    [InlineData("Le fabricant norvégien Fjordane a perdu 2 milliards de dollars en 2025.")]
    [InlineData("Le fonds canadien Fjordane a perdu 2 milliards de dollars en 2025.")]
    public void A_masculine_place_adjective_also_cues_a_company(string text) =>
        Assert.Contains(Facts(text, FactTypes.Loss), f => f.Company == "Fjordane");
}

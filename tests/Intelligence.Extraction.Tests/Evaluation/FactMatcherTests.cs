using Intelligence.Domain.Facts;
using Intelligence.Extraction.Evaluation;

namespace Intelligence.Extraction.Tests.Evaluation;

public class FactMatcherTests
{
    private static readonly Fact Stake = new() { Type = FactTypes.Stake, Holder = "Microsoft", Target = "OpenAI", Percent = 27.0 };

    [Fact]
    public void Percents_match_within_half_a_point()
    {
        Assert.True(FactMatcher.Matches(Stake, Stake with { Percent = 27.4 }));
        Assert.False(FactMatcher.Matches(Stake, Stake with { Percent = 27.6 }));
    }

    [Fact]
    public void Amounts_match_within_two_percent()
    {
        var gold = new Fact { Type = FactTypes.Loss, Company = "OpenAI", AmountUsd = 14_000_000_000 };
        Assert.True(FactMatcher.Matches(gold, gold with { AmountUsd = 14_250_000_000 }));
        Assert.False(FactMatcher.Matches(gold, gold with { AmountUsd = 14_500_000_000 }));
        // As the shared corpus scorer: the amount is amountUsd, else amount, and the currency is not compared.
        Assert.True(FactMatcher.Matches(gold, gold with { AmountUsd = null, Amount = 14_000_000_000, Currency = "EUR" }));
    }

    [Fact]
    public void A_gold_range_accepts_any_amount_inside_it()
    {
        var gold = new Fact { Type = FactTypes.Capex, Company = "Meta", AmountUsd = 72_000_000_000, AmountUsdLow = 64_000_000_000 };
        Assert.True(FactMatcher.Matches(gold, gold with { AmountUsd = 66_000_000_000, AmountUsdLow = null }));
        Assert.False(FactMatcher.Matches(gold, gold with { AmountUsd = 60_000_000_000, AmountUsdLow = null }));
    }

    [Theory]
    [InlineData("Pfizer Inc.", "Pfizer")]
    [InlineData("Google", "Alphabet")]
    [InlineData("AWS", "Amazon")]
    [InlineData("Ørsted", "Orsted")]
    [InlineData("Federal Trade Commission", "US Federal Trade Commission")]
    public void Names_match_after_legal_suffixes_accents_and_aliases(string predicted, string gold)
    {
        var g = new Fact { Type = FactTypes.Investment, Investor = gold, Target = "Seagen" };
        Assert.True(FactMatcher.Matches(g, g with { Investor = predicted }));
        Assert.False(FactMatcher.Matches(g, g with { Investor = "Globex" }));
    }

    [Fact]
    public void Personnel_matches_on_the_person_and_the_direction_of_the_move()
    {
        var gold = new Fact { Type = FactTypes.Personnel, Person = "Marco Bizzarri", Company = "Gucci", Change = "left" };
        Assert.True(FactMatcher.Matches(gold, gold with { Company = "Kering", Change = "resigned" }));
        Assert.False(FactMatcher.Matches(gold, gold with { Change = "joined" }));
    }

    [Fact]
    public void Parties_are_compared_as_a_set_and_names_loosely()
    {
        var gold = new Fact { Type = FactTypes.Dispute, Parties = ["US Department of Defense", "Anthropic"] };
        Assert.True(FactMatcher.Matches(gold, gold with { Parties = ["anthropic", "US Department of Defense"] }));
    }

    [Fact]
    public void Optional_gold_facts_are_neither_missed_nor_false_positives()
    {
        var gold = new List<GoldFact> { new(Stake, false), new(new Fact { Type = FactTypes.Partnership, Parties = ["Microsoft", "xAI"] }, true) };
        var (missed, spurious, matched) = Evaluator.Compare(gold, [Stake, new Fact { Type = FactTypes.Partnership, Parties = ["xAI", "Microsoft"], Change = "formed" }], strict: false);
        Assert.Empty(missed);
        Assert.Empty(spurious);
        Assert.Single(matched);
    }

    [Fact]
    public void Strict_mode_also_checks_periods()
    {
        var gold = new Fact { Type = FactTypes.Capex, Company = "Microsoft", AmountUsd = 88_700_000_000, Period = "FY2025" };
        Assert.True(FactMatcher.Matches(gold, gold with { Period = "2025" }));
        Assert.False(FactMatcher.Matches(gold, gold with { Period = "2025" }, strict: true));
    }
}

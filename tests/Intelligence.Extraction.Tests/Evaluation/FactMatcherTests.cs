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
        Assert.False(FactMatcher.Matches(gold, gold with { AmountUsd = null, Amount = 14_000_000_000, Currency = "EUR" }));
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

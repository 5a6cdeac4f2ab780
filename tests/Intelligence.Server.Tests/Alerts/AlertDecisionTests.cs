using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Facts.Corroborating;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>The pure parts: matching, wording, backoff, quiet hours, masking.</summary>
public sealed class AlertDecisionTests
{
    private static FactView View(Fact fact, params string[] outlets) => new()
    {
        Id = FactKey.Of(fact), Type = fact.Type, Fact = fact, Companies = [.. fact.Companies],
        Sources = outlets.Select(o => new FactSource(Guid.NewGuid(), o, null, fact.Evidence?.Quote, fact.Confidence, null, "v", DateTimeOffset.UtcNow)).ToList(),
        SourceCount = outlets.Length, OutletCount = outlets.Length, BestConfidence = fact.Confidence,
    };

    [Fact]
    public void Thresholds_companies_sources_and_keywords_decide_a_match()
    {
        var loss = View(AlertTestKit.Loss(), "lemonde.fr");
        Assert.True(AlertMatcher.Matches(new AlertCriteria { FactTypes = ["loss"], MinAmountUsd = 10e9m }, loss));
        Assert.False(AlertMatcher.Matches(new AlertCriteria { MinAmountUsd = 20e9m }, loss));
        Assert.False(AlertMatcher.Matches(new AlertCriteria { Companies = ["Microsoft"] }, loss));
        Assert.False(AlertMatcher.Matches(new AlertCriteria { MinSources = 2 }, loss));
        Assert.True(AlertMatcher.Matches(new AlertCriteria { MinSources = 2 }, View(AlertTestKit.Loss(), "lemonde.fr", "ft.com")));
        Assert.True(AlertMatcher.Matches(new AlertCriteria { Keywords = ["PERTE"] }, loss));
        Assert.False(AlertMatcher.Matches(new AlertCriteria { MinConfidence = 0.95 }, loss));
        var stake = View(new Fact { Type = "stake", Holder = "Microsoft", Target = "OpenAI", Percent = 27, Confidence = 0.9 }, "a");
        Assert.True(AlertMatcher.Matches(new AlertCriteria { MinPercentChange = 5 }, stake, previousStakePercent: 32.5));
        Assert.False(AlertMatcher.Matches(new AlertCriteria { MinPercentChange = 5 }, stake, previousStakePercent: 26));
    }

    [Theory]
    [InlineData("13000000000", "USD", "$13 billion")]
    [InlineData("37500000000", "USD", "$37.5 billion")]
    [InlineData("750000000", "USD", "$750 million")]
    [InlineData("2000000000", "EUR", "€2 billion")]
    [InlineData("12500", "USD", "$12,500")]
    public void Amounts_read_as_people_say_them(string amount, string currency, string expected) =>
        Assert.Equal(expected, FactWords.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Fact]
    public void Facts_are_said_in_words()
    {
        Assert.Equal("Microsoft holds 27 % of OpenAI.", FactWords.Sentence(new Fact { Type = "stake", Holder = "Microsoft", Target = "OpenAI", Percent = 27 }));
        Assert.Equal("$175 billion to $185 billion", FactWords.Amount(new Fact { Type = "capex", AmountUsd = 185e9m, AmountUsdLow = 175e9m }));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_is_capped()
    {
        var options = new AlertOptions { RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(30) };
        Assert.Equal(TimeSpan.FromSeconds(1), DeliverSlackAlertHandler.Backoff(1, options, 0));
        Assert.Equal(TimeSpan.FromSeconds(4), DeliverSlackAlertHandler.Backoff(2, options, 1));
        Assert.Equal(TimeSpan.FromSeconds(30), DeliverSlackAlertHandler.Backoff(20, options, 1));
    }

    [Fact]
    public void Quiet_hours_postpone_to_their_end_across_midnight()
    {
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), "UTC");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero), quiet.NextAllowed(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero)));
        var noon = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(noon, quiet.NextAllowed(noon));
    }

    [Fact]
    public void A_webhook_never_shows_in_clear()
    {
        var destination = SlackDestination.For("https://hooks.slack.com/services/T0/B0/abcdefSECRETwxyz");
        Assert.DoesNotContain("SECRET", destination.ToString());
        Assert.DoesNotContain("SECRET", destination.Masked);
        Assert.DoesNotContain("SECRET", destination.Reference);
        Assert.Equal("https://hooks.slack.com/****wxyz", destination.Masked);
        Assert.Equal(AlertIds.Alert(AlertIds.Rule("x"), "k"), AlertIds.Alert(AlertIds.Rule(" X "), "k"));
    }
}

using CsCheck;
using Intelligence.Extraction.Normalization;

namespace Intelligence.Extraction.Tests.Normalization;

public class MoneyParserTests
{
    [Theory]
    [InlineData("un partenariat de 13 milliards de dollars", "fr", 13_000_000_000, "USD")]
    [InlineData("37,5 Md$ de CAPEX trimestriel", "fr", 37_500_000_000, "USD")]
    [InlineData("près de 20 milliards de dollars de revenus", "fr", 20_000_000_000, "USD")]
    [InlineData("a loss of $14bn", "en", 14_000_000_000, "USD")]
    [InlineData("invested $13 billion", "en", 13_000_000_000, "USD")]
    [InlineData("raised US$4 billion", "en", 4_000_000_000, "USD")]
    [InlineData("100 millions d'euros", "fr", 100_000_000, "EUR")]
    [InlineData("a €2bn round", "en", 2_000_000_000, "EUR")]
    [InlineData("près d'un milliard de dollars par mois", "fr", 1_000_000_000, "USD")]
    [InlineData("£250m from investors", "en", 250_000_000, "GBP")]
    [InlineData("$6,144 million", "en", 6_144_000_000, "USD")]
    [InlineData("1 billion de dollars", "fr", 1_000_000_000_000, "USD")]
    [InlineData("$1.5 trillion", "en", 1_500_000_000_000, "USD")]
    [InlineData("to 4.532 billion euros", "en", 4_532_000_000, "EUR")]
    [InlineData("1.500 milliards d'euros", "fr", 1_500_000_000_000, "EUR")] // French groups thousands with a dot
    [InlineData("subscribe for up to DKK 6 billion", "en", 6_000_000_000, "DKK")]
    [InlineData("a 60 billion Danish kroner rights issue", "en", 60_000_000_000, "DKK")]
    [InlineData("capital expenditure of around 45 billion Danish crowns this year", "en", 45_000_000_000, "DKK")]
    [InlineData("pour 6 milliards de couronnes danoises", "fr", 6_000_000_000, "DKK")]
    [InlineData("revenue of 11.2 billion Swiss francs", "en", 11_200_000_000, "CHF")]
    [InlineData("SEK 5 billion", "en", 5_000_000_000, "SEK")]
    [InlineData("for Rs 11,500 crore", "en", 115_000_000_000, "INR")]
    [InlineData("a ₹70,352 crore joint venture", "en", 703_520_000_000, "INR")]
    [InlineData("₹1.2 lakh crore", "en", 1_200_000_000_000, "INR")]
    [InlineData("NT$868.46 billion in sales", "en", 868_460_000_000, "TWD")]
    [InlineData("2 trillion won", "en", 2_000_000_000_000, "KRW")]
    [InlineData("HK$5 billion", "en", 5_000_000_000, "HKD")]
    [InlineData("SKr4.5bn", "en", 4_500_000_000, "SEK")]
    [InlineData("NKr12bn", "en", 12_000_000_000, "NOK")]
    [InlineData("DKr800mn", "en", 800_000_000, "DKK")]
    public void Parses_amounts(string text, string language, decimal amount, string currency)
    {
        var found = Assert.Single(MoneyParser.Find(text, language));
        Assert.Equal(amount, found.Amount);
        Assert.Equal(currency, found.Currency);
    }

    [Fact]
    public void An_amount_without_currency_keeps_it_null()
    {
        var found = Assert.Single(MoneyParser.Find("malgré 88,7 milliards de dépenses en capital", "fr"));
        Assert.Equal(88_700_000_000m, found.Amount);
        Assert.Null(found.Currency);
    }

    [Theory]
    [InlineData("plus de 100 milliards de transistors")]
    [InlineData("15 000 GPU Nvidia H100")]
    [InlineData("27 % de parts")]
    [InlineData("en 2026")]
    [InlineData("the team that in 2019 won the title")]
    [InlineData("the Rs 500 note")]
    public void Ignores_numbers_that_are_not_money(string text) => Assert.Empty(MoneyParser.Find(text, "fr"));

    [Theory]
    [InlineData("she told People she had lost 70 pounds", null)]
    [InlineData("a 12-pound baby", null)]
    [InlineData("a loss of 70 million pounds", 70_000_000)]
    [InlineData("a loss of £70", 70)]
    public void A_pound_word_without_a_scale_is_a_weight(string text, int? amount)
    {
        var found = MoneyParser.Find(text, "en");
        if (amount is null) Assert.Empty(found);
        else Assert.Equal(amount.Value, Assert.Single(found).Amount);
    }

    [Theory]
    [InlineData("between $175 billion and $185 billion", 175_000_000_000, 185_000_000_000)]
    [InlineData("$175 billion to $185 billion", 175_000_000_000, 185_000_000_000)]
    [InlineData("de 175 à 185 milliards de dollars", 175_000_000_000, 185_000_000_000)]
    [InlineData("$175-185bn", 175_000_000_000, 185_000_000_000)]
    public void Ranges_give_the_upper_bound_and_the_low(string text, decimal low, decimal high)
    {
        var found = Assert.Single(MoneyParser.Find(text, text.Contains("milliards") ? "fr" : "en"));
        Assert.Equal(high, found.Amount);
        Assert.Equal(low, found.Low);
    }

    [Fact]
    public void Up_to_is_a_cap()
    {
        var found = Assert.Single(MoneyParser.Find("will invest up to $5 billion", "en"));
        Assert.True(found.IsCap);
        Assert.Equal(5_000_000_000m, found.Amount);
    }

    [Fact]
    public void Property_french_and_english_writings_of_the_same_amount_agree()
    {
        Gen.Int[1, 999].Select(Gen.Int[0, 9]).Sample((whole, tenth) =>
        {
            var fr = Assert.Single(MoneyParser.Find($"{whole},{tenth} milliards de dollars", "fr"));
            var en = Assert.Single(MoneyParser.Find($"${whole}.{tenth}bn", "en"));
            var expected = (whole + tenth / 10m) * 1_000_000_000m;
            Assert.Equal(expected, fr.Amount);
            Assert.Equal(expected, en.Amount);
        });
    }

    [Fact]
    public void Property_thousand_separators_in_both_styles_parse_the_same()
    {
        Gen.Int[1_000, 999_999].Sample(n =>
        {
            var spaced = n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(NumberParser.TryParse(spaced, out var a));
            Assert.True(NumberParser.TryParse(spaced.Replace(',', ' '), out var b));
            Assert.Equal(n, a);
            Assert.Equal(n, b);
        });
    }

    [Fact]
    public void Property_never_throws_on_arbitrary_text()
    {
        Gen.String[Gen.Char["0123456789 ,.$€£milardsbnMd%-àto"], 0, 80].Sample(text =>
        {
            foreach (var m in MoneyParser.Find(text, "fr"))
            {
                Assert.True(m.Amount > 0);
                Assert.InRange(m.Start, 0, m.End);
                Assert.InRange(m.End, m.Start, text.Length);
            }
        });
    }
}

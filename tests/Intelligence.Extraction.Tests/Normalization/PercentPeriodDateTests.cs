using CsCheck;
using Intelligence.Extraction.Normalization;

namespace Intelligence.Extraction.Tests.Normalization;

public class PercentPeriodDateTests
{
    [Theory]
    [InlineData("une participation de 27 %", 27.0)]
    [InlineData("27% stake", 27.0)]
    [InlineData("1,1 % de parts de marché", 1.1)]
    [InlineData("a 27 percent stake", 27.0)]
    [InlineData("12,5 pour cent", 12.5)]
    public void Parses_percents(string text, double expected) =>
        Assert.Equal(expected, Assert.Single(PercentParser.Find(text)).Value, 3);

    [Fact]
    public void Property_percent_round_trips_in_both_styles()
    {
        Gen.Int[0, 100].Select(Gen.Int[0, 9]).Sample((whole, tenth) =>
        {
            var expected = whole + tenth / 10.0;
            if (expected > 100) return;
            Assert.Equal(expected, Assert.Single(PercentParser.Find($"{whole},{tenth} %")).Value, 6);
            Assert.Equal(expected, Assert.Single(PercentParser.Find($"{whole}.{tenth}%")).Value, 6);
        });
    }

    [Theory]
    [InlineData("une perte projetée en 2026 seulement", "2026")]
    [InlineData("des pertes cumulées de 115 milliards de dollars d'ici 2029", "cumulative to 2029")]
    [InlineData("37,5 Md$ de CAPEX trimestriel", "quarter")]
    [InlineData("capex rose quarterly", "quarter")]
    [InlineData("in FY2025", "FY2025")]
    [InlineData("sur l'année fiscale 2025", "FY2025")]
    [InlineData("in fiscal 2025", "FY2025")]
    [InlineData("in Q3 2025", "Q3 2025")]
    [InlineData("au T3 2025", "Q3 2025")]
    [InlineData("in the third quarter of 2025", "Q3 2025")]
    [InlineData("20 milliards de revenus annualisés", "annualized")]
    [InlineData("an annualized revenue run rate", "annualized")]
    [InlineData("for the fiscal year ending June 2026", "FY2026")]
    [InlineData("revenue in H1 2025", "H1 2025")]
    [InlineData("in the first half of 2024", "H1 2024")]
    [InlineData("au premier semestre 2025", "H1 2025")]
    [InlineData("au second semestre de 2020", "H2 2020")]
    [InlineData("over the nine months of 2025", "9M 2025")]
    [InlineData("sur les neuf premiers mois de 2024", "9M 2024")]
    public void Parses_periods(string text, string expected) =>
        Assert.Equal(expected, PeriodParser.Find(text).MaxBy(p => p.Specificity)!.Value);

    [Theory]
    [InlineData("third-quarter revenue", 2024, 10, "Q3 2024")]
    [InlineData("fourth-quarter revenue", 2025, 2, "Q4 2024")]
    [InlineData("au premier semestre", 2025, 7, "H1 2025")]
    [InlineData("au second semestre", 2025, 7, "H2 2024")]
    public void A_quarter_or_half_without_a_year_is_the_last_one_ended_by_the_reference_date(string text, int year, int month, string expected) =>
        Assert.Equal(expected, Assert.Single(PeriodParser.Find(text, new DateOnly(year, month, 1))).Value);

    [Fact]
    public void A_quarter_without_a_year_and_without_a_reference_date_is_no_period() =>
        Assert.Empty(PeriodParser.Find("third-quarter revenue of $4bn"));

    [Theory]
    [InlineData(2026, 1, "FY2026")]
    [InlineData(2026, 6, "FY2026")]
    [InlineData(2025, 9, "FY2026")]
    public void A_fiscal_year_named_by_its_closing_month_needs_the_reference_date(int year, int month, string expected)
    {
        var found = PeriodParser.Find("son exercice fiscal se terminant en juin", new DateOnly(year, month, 1));
        Assert.Equal(expected, Assert.Single(found).Value);
    }

    [Theory]
    [InlineData("en octobre 2025", "2025-10")]
    [InlineData("Le 11 février 2026, OpenAI", "2026-02-11")]
    [InlineData("in January 2026", "2026-01")]
    [InlineData("on January 11, 2026", "2026-01-11")]
    [InlineData("le 1er mars 2024", "2024-03-01")]
    public void Parses_dates(string text, string expected) => Assert.Equal(expected, Assert.Single(DateParser.Find(text)).Iso);

    [Fact]
    public void Property_french_and_english_dates_agree()
    {
        string[] fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
        string[] en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        Gen.Int[1, 12].Select(Gen.Int[1, 28], Gen.Int[1990, 2099]).Sample((month, day, year) =>
        {
            var a = Assert.Single(DateParser.Find($"le {day} {fr[month - 1]} {year}"));
            var b = Assert.Single(DateParser.Find($"on {en[month - 1]} {day}, {year}"));
            Assert.Equal(a.Iso, b.Iso);
            Assert.Equal($"{year:D4}-{month:D2}-{day:D2}", a.Iso);
        });
    }

    [Theory]
    [InlineData("en 2026", true)]
    [InlineData("FY1999 results", true)]
    [InlineData("l'an ٢٠٢٥", false)]
    [InlineData("20٢٥", true)]
    [InlineData("$13bn, 27 %, 201", false)]
    [InlineData("", false)]
    public void Year_prefilter(string text, bool expected) => Assert.Equal(expected, Years.MayContain(text));

    [Fact]
    public void Property_year_prefilter_never_misses_a_year()
    {
        var year = new System.Text.RegularExpressions.Regex(@"(?:19|20)\d{2}");
        Gen.String[Gen.Char["0129 a٣"], 0, 12].Sample(text =>
        {
            if (year.IsMatch(text)) Assert.True(Years.MayContain(text), text);
        });
    }

    [Fact]
    public void Every_month_name_of_the_pattern_contains_a_month_piece()
    {
        // The pieces gate the date pattern: a month name without one would never be found.
        var month = new System.Text.RegularExpressions.Regex("^(?:" + Months.Pattern + ")$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        Gen.String[Gen.Char["abcdefgijlmnoprstuvyéûAÉDFJMNOS"], 2, 9].Sample(text =>
        {
            if (month.IsMatch(text)) Assert.True(text.AsSpan().ContainsAny(Months.Pieces), text);
        }, iter: 200_000);
        foreach (var name in Months.Pattern.Replace("[ée]", "é").Replace("[uû]", "û").Split('|'))
            Assert.True(name.ToUpperInvariant().AsSpan().ContainsAny(Months.Pieces), name);
    }

    [Theory]
    [InlineData("le 11 février 2026", "2026-02-11")]
    [InlineData("en AOÛT 2025", "2025-08")]
    [InlineData("DÉCEMBRE 2024", "2024-12")]
    public void Dates_pass_the_month_prefilter(string text, string expected) => Assert.Equal(expected, Assert.Single(DateParser.Find(text)).Iso);
}

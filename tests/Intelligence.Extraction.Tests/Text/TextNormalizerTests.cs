using Intelligence.Extraction.Text;

namespace Intelligence.Extraction.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("l’entreprise", "l'entreprise")]
    [InlineData("«\u00A0Microsoft\u202F»", "« Microsoft »")]
    [InlineData("2024\u20132025\tQ3", "2024-2025 Q3")]
    [InlineData("`quoted´ “text”", "'quoted´ \"text\"")]
    [InlineData("plain ASCII text, unchanged.\n", "plain ASCII text, unchanged.\n")]
    public void Maps_typographic_variants_one_for_one(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    /// <summary>The whole-text pass copies runs it need not map: it must give what mapping each character gives.</summary>
    [Fact]
    public void Normalizing_a_text_maps_every_character()
    {
        const string chars = "ab Zé\n\t\r`'’‘“”\u00A0\u202F\u2013\u2212-~\u007F\u0001éà\u2009.,;";
        var random = new Random(20261123);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => chars[random.Next(chars.Length)]).ToArray());
            Assert.Equal(new string(text.Select(TextNormalizer.Map).ToArray()), TextNormalizer.Normalize(text));
        }
    }
}

using Intelligence.Domain.Languages;
using Intelligence.Extraction.Text;

namespace Intelligence.Extraction.Tests.Text;

public class SentenceSplitterTests
{
    private static List<string> Split(string text) => SentenceSplitter.Split(TextNormalizer.Normalize(text)).Select(s => s.Text).ToList();

    [Theory]
    [InlineData("Microsoft a investi 37,5 milliards. OpenAI perd de l'argent.", 2)]
    [InlineData("Revenue rose to $3.7 billion. Losses widened.", 2)]
    [InlineData("M. Dupont et Mr. Smith sont arrivés. Ils ont signé.", 2)]
    [InlineData("The U.S. government sued. It won.", 2)]
    [InlineData("« Nous devons développer nos propres modèles. » Suleyman l'a dit.", 2)]
    [InlineData("Il a dit « c'est fini. » puis il est parti.", 1)]
    [InlineData("J. Smith joined Anthropic. He left later.", 2)]
    [InlineData("Une hausse de 1,1 % en 2025 ! Puis une baisse ?", 2)]
    public void Splits_where_a_sentence_ends(string text, int expected) => Assert.Equal(expected, Split(text).Count);

    [Fact]
    public void Every_line_bullet_and_table_row_is_its_own_sentence()
    {
        var text = "Ce qu'il faut retenir :\n\n  • Indépendance : Microsoft développe ses modèles\n- Puce : Maia 200\n| a | b |\n|---|---|\n| 1 | 2 |";
        var sentences = SentenceSplitter.Split(TextNormalizer.Normalize(text));
        Assert.Equal(6, sentences.Count);
        Assert.StartsWith("Indépendance", sentences[1].Text);
        Assert.StartsWith("Puce", sentences[2].Text);
        Assert.True(sentences[3].IsTableRow);
    }

    [Fact]
    public void Non_breaking_spaces_are_spaces_and_offsets_stay_exact()
    {
        var text = "Microsoft\u00A0détient 27\u202F% d’OpenAI. Fin.";
        var sentences = SentenceSplitter.Split(TextNormalizer.Normalize(text));
        Assert.Equal(2, sentences.Count);
        Assert.Equal("Microsoft détient 27 % d'OpenAI.", sentences[0].Text);
        Assert.Equal(text[sentences[0].Start..sentences[0].End].Length, sentences[0].Text.Length);
    }

    [Fact]
    public void Long_unpunctuated_text_is_cut_into_bounded_sentences()
    {
        var text = string.Join(' ', Enumerable.Repeat("mot", 5000));
        var sentences = SentenceSplitter.Split(text);
        Assert.All(sentences, s => Assert.True(s.Length <= SentenceSplitter.MaxSentenceLength));
        Assert.Equal(text.Replace(" ", ""), string.Concat(sentences.Select(s => s.Text.Replace(" ", ""))));
    }

    [Theory]
    [InlineData("Microsoft a confirmé que l'entreprise développe ses propres modèles pour les lancer en 2026.", "fr")]
    [InlineData("Microsoft confirmed that the company is building its own models and will launch them in 2026.", "en")]
    public void Detects_language(string text, string expected) => Assert.Equal(expected, LanguageDetector.Detect(text));
}

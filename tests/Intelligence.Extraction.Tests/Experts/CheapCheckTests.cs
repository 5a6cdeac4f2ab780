using System.Text;
using System.Text.RegularExpressions;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Normalization;

namespace Intelligence.Extraction.Tests.Experts;

/// <summary>The cheap checks that stand in for a regex must never miss what it finds.</summary>
public class CheapCheckTests
{
    /// <summary>Deterministic random texts mixing the given words with letters (accented, uppercase), spaces, hyphens,
    /// marks and joiners.</summary>
    private static IEnumerable<string> Texts(string[] words, int count)
    {
        const string chars = "abcdeiklnorstuéèABEIKLRSTÉ -_'09.\u200D\u0301\u0903\u212A";
        var random = new Random(20260211);
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            for (int j = 0, n = random.Next(1, 10); j < n; j++)
            {
                if (random.Next(3) > 0) { sb.Append(chars[random.Next(chars.Length)]); continue; }
                var word = words[random.Next(words.Length)];
                sb.Append(random.Next(4) == 0 ? word.ToUpperInvariant() : word);
            }
            yield return sb.ToString();
        }
    }

    [Fact]
    public void Cue_word_starts_are_where_the_cue_pattern_matches()
    {
        var pattern = new Regex(@"\b(?:" + string.Join("|", NameLexicon.Default.RoleNouns.Select(Regex.Escape)) + ")", RegexOptions.CultureInvariant);
        string[] words = ["start-up", "startup", "société", "societe", "groupe", "group", "éditeur", "editeur", "opérateur", "spin-off", "partner",
                          "partenaire", "lab", "labo", "fund", "chipmaker", "maker", "client", "la startup ", " le groupe "];
        foreach (var text in Texts(words, 100_000))
            Assert.Equal(pattern.Matches(text).Select(m => m.Index), CueWordStarts(text));

        static List<int> CueWordStarts(string text)
        {
            var starts = new List<int>();
            for (var p = NameGuesser.NextCueWordStart(text, 0); p >= 0; p = NameGuesser.NextCueWordStart(text, p + 1)) starts.Add(p);
            return starts;
        }
    }

    [Fact]
    public void Money_prefilter_never_misses_an_amount()
    {
        string[] words = ["$", "€", "£", "¥", "US$", "C$", "12", "3,5", "1 000", "2026", " milliards", "milliard", " bn", "bn", " Md", "Mds", "mrd",
                          " billion", " million", " m", " k", "dollars", " dollar US", "euros", "EUR", "USD", "GBP", "CHF", "livres sterling", "pounds",
                          "francs suisses", "yens", "JPY", "yuans", "CNY", "renminbi", " de ", " d'", " of ", " to ", " - ", " dépenses", ", ",
                          "DKK", "SEK", "NOK", "Danish kroner", "kronor", "couronnes danoises", "Swiss francs", "Rs", "Rs.", "₹", "₩", "NT$", "HK$", "S$", "R$",
                          " crore", " lakh crore", " won", "rupees", "roupies", "Taiwan dollars", "riyals", "dirhams", "roubles", "RMB", "INR", "KRW", "TWD"];
        foreach (var text in Texts(words, 100_000))
            if (MoneyParser.Money.IsMatch(text)) Assert.True(MoneyParser.MayHaveAmount(text), text);
    }

    [Fact]
    public void Full_name_check_never_misses_a_person_shape() => NeverMisses(NameGuesser.PersonShape, NameGuesser.MayHaveFullName,
        ["Sam", "Altman", "Zoë", "Hitzig", "Sam Altman", "Zoë Hitzig", "Charles de Gaulle", "John F. Kennedy", "Ab Cd", "Éric Ölberg", "Jean-Pierre",
         "de", "van", "le", "la", "del", "J.", " ", "  ", "\t", "\u00A0", "-", "Ab", "aB", "É", "Éric", "Ölberg", "\u0301", "x", "\u01C5", "ǆ"]);

    [Fact]
    public void Product_check_never_misses_a_product_shape() => NeverMisses(NameGuesser.ProductShape, NameGuesser.MayHaveProduct,
        ["GPT", "-5", "Maia", " 200", "ChatGPT", "MAI-1", "Gemini", "3", "Pro", "X", "aB", "٣", "Claude", "Opus", "4.5", "R2-D2", "é", "É"]);

    /// <summary>On generated texts, <paramref name="check"/> holds wherever <paramref name="regex"/> matches, and the
    /// texts give the regex enough matches for that to mean something.</summary>
    private static void NeverMisses(Regex regex, Func<string, bool> check, string[] words)
    {
        var found = 0;
        foreach (var text in Texts(words, 100_000))
        {
            if (!regex.IsMatch(text)) continue;
            found++;
            Assert.True(check(text), text);
        }
        Assert.True(found > 1_000, $"only {found} texts matched {regex}");
    }

    [Fact]
    public void Name_after_cue_check_never_misses_a_cued_name()
    {
        string[] cues = ["la start-up", "la société", "le groupe", "the company", "le fabricant", "un fonds", "spin-off", "groupement", "the lab"];
        string[] words = [" ", "  ", "\t", "\u00A0", "américaine", "française", "d'IA", "de l'IA", "de private equity", "de la défense", "spécialisée dans",
                          "robots", "grenobloise", "norvégien", "IA", "AI", "US", "French", "tech", "cloud", "Brumeo", "Helsing", "Novaterre", "Mistral AI",
                          "a", "de", "11", "%", ",", ".", "l'", "capital-risque", "jamais", "x\u0301", "É", "Éole"];
        var random = new Random(20261123);
        var found = 0;
        for (var n = 0; n < 100_000; n++)
        {
            var text = new StringBuilder(cues[random.Next(cues.Length)]);
            for (int j = 0, count = random.Next(1, 14); j < count; j++)
                text.Append(random.Next(3) == 0 ? "" : " ").Append(words[random.Next(words.Length)]);
            var sentence = text.ToString();
            var cue = NameGuesser.NextCueWordStart(sentence, 0);
            if (cue < 0 || !NameGuesser.CuedOrgAt.Match(sentence, cue).Success) continue;
            found++;
            Assert.True(NameGuesser.MayNameAfterCue(sentence, cue), sentence);
        }
        Assert.True(found > 1_000, $"only {found} texts had a cued name");
    }
}

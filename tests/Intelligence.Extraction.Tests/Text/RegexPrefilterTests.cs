using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Intelligence.Extraction.Experts.Investment;
using Intelligence.Extraction.Text;

namespace Intelligence.Extraction.Tests.Text;

/// <summary>A regex prefilter must never rule out text the regex matches: checked for every generated regex of the
/// extraction assembly on the dev set and on random texts made of the pattern's own words.</summary>
public class RegexPrefilterTests
{
    /// <summary>Every [GeneratedRegex] of the extraction assembly, by declaring type and name.</summary>
    public static TheoryData<string> Regexes()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in AllRegexes()) data.Add(name);
        return data;
    }

    private static IEnumerable<(string Name, Regex Regex)> AllRegexes() =>
        from type in typeof(RegexPrefilter).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
        where method.ReturnType == typeof(Regex) && method.GetParameters().Length == 0 && method.IsDefined(typeof(GeneratedRegexAttribute))
        select (type.Name + "." + method.Name, (Regex)method.Invoke(null, null)!);

    /// <summary>Deterministic random texts mixing the pattern's words (as written, uppercased, capitalised, cut short)
    /// with letters (accented, uppercase), spaces, apostrophes, hyphens, digits, marks and the Kelvin sign.</summary>
    private static IEnumerable<string> Texts(string pattern, int count)
    {
        var words = Regex.Matches(pattern, @"[\p{L}']{2,}").Select(m => m.Value).Distinct().ToArray();
        if (words.Length == 0) words = ["a"];
        const string chars = "abcdeiklnorstuéèçABEIKLRSTÉ  -_'09.,«\u00A0\u200D\u0301\u0903";
        var random = new Random(20260212);
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            for (int j = 0, n = random.Next(1, 14); j < n; j++)
            {
                if (random.Next(3) == 0) { sb.Append(chars[random.Next(chars.Length)]); continue; }
                var word = words[random.Next(words.Length)];
                if (random.Next(6) == 0) word = word[..random.Next(1, word.Length + 1)];
                sb.Append(random.Next(5) switch { 0 => word.ToUpperInvariant(), 1 => char.ToUpperInvariant(word[0]) + word[1..], _ => word });
                if (random.Next(3) > 0) sb.Append(' ');
            }
            if (random.Next(200) == 0) sb.Insert(random.Next(sb.Length + 1), '\u212A');
            yield return sb.ToString();
        }
    }

    private static IEnumerable<string> DevSetSentences() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DevSet", "passages"), "*.txt")
            .SelectMany(f => SentenceSplitter.Split(TextNormalizer.Normalize(File.ReadAllText(f)))).Select(s => s.Text);

    [Theory]
    [MemberData(nameof(Regexes))]
    public void Prefilter_never_rules_out_a_match(string name)
    {
        var regex = AllRegexes().Single(r => r.Name == name).Regex;
        var prefilter = RegexPrefilter.For(regex);
        var random = new Random(7);
        foreach (var text in Texts(regex.ToString(), 20_000).Concat(DevSetSentences()))
        {
            if (regex.IsMatch(text)) Assert.True(prefilter.MayMatch(text), text);
            // A window read on its own, as the hedge and negation cues read it.
            var from = random.Next(text.Length + 1);
            var to = random.Next(from, text.Length + 1);
            if (regex.IsMatch(text.AsSpan(from, to - from)))
                Assert.True(prefilter.MayMatch(RegexPrefilter.Read(text), from, to), $"{text}[{from}..{to}]");
        }
    }

    [Fact]
    public void Trigger_prefilters_rule_out_text_without_a_trigger()
    {
        var trigger = RegexPrefilter.For(InvestmentExpertTrigger());
        Assert.True(trigger.CanRuleOut);
        Assert.False(trigger.MayMatch("Le groupe publie ses résultats trimestriels jeudi, selon un communiqué."));
        Assert.True(trigger.MayMatch("Microsoft a investi 13 milliards de dollars dans OpenAI."));
        Assert.True(trigger.MayMatch("MICROSOFT A INVESTI"));
        // "attend" holds "tend" but starts no word with it; a word start after a non-ASCII letter is still tried.
        Assert.True(RegexPrefilter.For(new Regex(@"\b(?:tend)", RegexOptions.IgnoreCase)).MayMatch("étend"));
        Assert.False(RegexPrefilter.For(new Regex(@"\b(?:tend)", RegexOptions.IgnoreCase)).MayMatch("attend"));
    }

    [Fact]
    public void Patterns_not_anchored_at_word_starts_are_never_ruled_out()
    {
        Assert.False(RegexPrefilter.For(new Regex(@"(?:tend)", RegexOptions.IgnoreCase)).CanRuleOut);
        Assert.False(RegexPrefilter.For(new Regex(@"\b(?:x|,y)")).CanRuleOut);
        Assert.False(RegexPrefilter.For(new Regex(@"\bx|y")).CanRuleOut);
        Assert.False(RegexPrefilter.For(new Regex(@"\b(?:x)?")).CanRuleOut);
    }

    [Fact]
    public void The_Kelvin_sign_is_the_only_non_ascii_character_read_as_an_ascii_letter()
    {
        // The prefilter folds case for ASCII letters only; this is what makes that enough.
        var letter = new Regex("^[a-z]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var folded = Enumerable.Range(128, 0x10000 - 128).Where(c => c is < 0xD800 or > 0xDFFF)
            .Where(c => letter.IsMatch(((char)c).ToString())).ToArray();
        Assert.Equal([0x212A], folded);
        Assert.True(RegexPrefilter.For(InvestmentExpertTrigger()).MayMatch("\u212A"));
    }

    private static Regex InvestmentExpertTrigger() => AllRegexes().Single(r => r.Name == nameof(InvestmentExpert) + ".TriggerRegex").Regex;
}

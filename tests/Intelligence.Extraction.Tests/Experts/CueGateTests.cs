using System.Text.Json;
using Intelligence.Extraction.Experts;
using Intelligence.Extraction.Experts.Personnel;

namespace Intelligence.Extraction.Tests.Experts;

/// <summary><see cref="CueLexicon.AnyOf"/> stands in front of <see cref="CueLexicon.Groups"/>: it may let through more,
/// never less. The personnel expert's move words take two such gates.</summary>
public class CueGateTests
{
    private static readonly CueLexicon Personnel = CueLexicon.Load("Intelligence.Extraction.Experts.Personnel.personnel-lexicon.json");
    private static readonly string[] Triggers = ["left", "fired", "joined", "replacedBy", "replaces", "appointed", "becomes"];
    private static readonly System.Text.RegularExpressions.Regex TriggerRegex = PersonnelExpert.Trigger;

    /// <summary>Where the first of the gates' matches starts, or -1.</summary>
    private static int FirstGateMatch(string sentence) =>
        PersonnelExpert.MayTrigger.Select(g => g.Match(sentence)).Where(m => m.Success).Select(m => m.Index).DefaultIfEmpty(-1).Min();

    public static TheoryData<string> SpecSentences()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Experts", "Specs"), "*.json"))
            foreach (var c in JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("cases").EnumerateArray())
                data.Add(c.GetProperty("given").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecSentences))]
    public void The_gate_passes_every_spec_sentence_the_personnel_triggers_match(string sentence)
    {
        if (TriggerRegex.IsMatch(sentence))
            Assert.True(FirstGateMatch(sentence) >= 0);
    }

    [Theory]
    [MemberData(nameof(SpecSentences))]
    [InlineData("Nokia exited the year with a profit, and its chief executive left; Orbelle hired him.")]
    [InlineData("Le nouveau départ de la marque : la directrice quitte le groupe et rejoint Vantor.")]
    public void The_triggers_found_from_the_gate_s_first_match_are_all_the_triggers(string sentence)
    {
        var all = TriggerRegex.Matches(sentence).Select(m => (m.Index, m.Value)).ToList();
        var first = FirstGateMatch(sentence);
        Assert.Equal(all, first >= 0 ? TriggerRegex.Matches(sentence, first).Select(m => (m.Index, m.Value)).ToList() : []);
    }

    [Theory]
    [InlineData("Le nouveau départ de la marque")]        // a lookbehind the full regex refuses
    [InlineData("Nokia exited the year with a profit")]    // a lookahead with a nested group
    public void The_gate_drops_lookarounds_and_so_lets_through_what_they_refuse(string sentence)
    {
        Assert.DoesNotMatch(TriggerRegex, sentence);
        Assert.True(FirstGateMatch(sentence) >= 0);
    }

    [Fact]
    public void The_gate_rejects_a_sentence_without_any_trigger() =>
        Assert.Equal(-1, FirstGateMatch("Revenue rose 12% to $4.1 billion in the third quarter."));

    [Fact]
    public void All_the_move_words_in_one_linear_time_gate_would_be_too_large_an_automaton() =>
        Assert.Throws<NotSupportedException>(() => Personnel.AnyOf(Triggers));
}

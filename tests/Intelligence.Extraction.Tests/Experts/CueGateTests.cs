using System.Text.Json;
using Intelligence.Extraction.Experts;

namespace Intelligence.Extraction.Tests.Experts;

/// <summary><see cref="CueLexicon.AnyOf"/> stands in front of <see cref="CueLexicon.Groups"/>: it may let through more,
/// never less.</summary>
public class CueGateTests
{
    private static readonly CueLexicon Personnel = CueLexicon.Load("Intelligence.Extraction.Experts.Personnel.personnel-lexicon.json");
    private static readonly string[] Triggers = ["left", "fired", "joined", "replacedBy", "replaces", "appointed", "becomes"];
    private static readonly System.Text.RegularExpressions.Regex TriggerRegex = Personnel.Groups(Triggers), TriggerGate = Personnel.AnyOf(Triggers);

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
        if (Personnel.Groups(Triggers).IsMatch(sentence))
            Assert.Matches(Personnel.AnyOf(Triggers), sentence);
    }

    [Theory]
    [MemberData(nameof(SpecSentences))]
    [InlineData("Nokia exited the year with a profit, and its chief executive left; Orbelle hired him.")]
    [InlineData("Le nouveau départ de la marque : la directrice quitte le groupe et rejoint Vantor.")]
    public void The_triggers_found_from_the_gate_s_first_match_are_all_the_triggers(string sentence)
    {
        var all = TriggerRegex.Matches(sentence).Select(m => (m.Index, m.Value)).ToList();
        var first = TriggerGate.Match(sentence);
        Assert.Equal(all, first.Success ? TriggerRegex.Matches(sentence, first.Index).Select(m => (m.Index, m.Value)).ToList() : []);
    }

    [Theory]
    [InlineData("Le nouveau départ de la marque")]        // a lookbehind the full regex refuses
    [InlineData("Nokia exited the year with a profit")]    // a lookahead with a nested group
    public void The_gate_drops_lookarounds_and_so_lets_through_what_they_refuse(string sentence)
    {
        Assert.DoesNotMatch(Personnel.Groups(Triggers), sentence);
        Assert.Matches(Personnel.AnyOf(Triggers), sentence);
    }

    [Fact]
    public void The_gate_rejects_a_sentence_without_any_trigger() =>
        Assert.DoesNotMatch(Personnel.AnyOf(Triggers), "Revenue rose 12% to $4.1 billion in the third quarter.");
}

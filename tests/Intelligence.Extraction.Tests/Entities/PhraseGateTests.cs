using System.Text.RegularExpressions;
using Intelligence.Extraction.Entities;

namespace Intelligence.Extraction.Tests.Entities;

public class PhraseGateTests
{
    private static readonly PhraseGate Gate = new(["rachète ", "Rachète ", "détenue", "acquisition of ", "Acquisition of "]);

    [Theory]
    [InlineData("Vantor rachète Orbelle pour 2 milliards d'euros.")]
    [InlineData("Rachète-t-il Orbelle ? Rachète Orbelle, dit-il.")]
    [InlineData("La filiale, détenue par Vantor, a annoncé…")]
    [InlineData("Acquisition of Globex completed.")]
    public void Holds_a_text_with_one_of_its_phrases(string text) => Assert.True(Gate.Holds(text));

    [Theory]
    [InlineData("Vantor rachete Orbelle.")] // an unaccented spelling is a phrase of its own
    [InlineData("VANTOR RACHÈTE ORBELLE.")] // the phrases are matched as written
    [InlineData("The acquisitions of Globex.")]
    [InlineData("Detenue par Vantor.")]
    [InlineData("Une préacquisition of Globex.")] // a phrase starts a word
    [InlineData("")]
    public void Rules_out_a_text_without_them(string text) => Assert.False(Gate.Holds(text));

    [Fact]
    public void The_default_lexicon_gates_the_frames_it_builds_patterns_on()
    {
        var lexicon = NameLexicon.Default;
        Assert.True(lexicon.ObjectKeys.Holds("Halvern a annoncé le rachat de Brightwave."));
        Assert.True(lexicon.ObjectKeys.Holds("Vantor détient dans Orbelle 20 %."));
        Assert.False(lexicon.ObjectKeys.Holds("Le conseil s'est réuni mardi."));
        Assert.True(lexicon.AgentKeys.Holds("Orbelle, détenue à 30 % par Vantor, publie ses comptes."));
        Assert.False(lexicon.AgentKeys.Holds("Orbelle publie ses comptes."));
    }

    [Fact]
    public void Finds_each_phrase_where_it_starts()
    {
        const string text = "Rachète-t-il ? Vantor rachète Orbelle, détenue par Halvern, après l'acquisition of Globex.";
        var starts = new List<int>();
        for (var p = Gate.NextStart(text, 0); p >= 0; p = Gate.NextStart(text, p + 1)) starts.Add(p);
        Assert.Equal([text.IndexOf("rachète ", StringComparison.Ordinal), text.IndexOf("détenue", StringComparison.Ordinal),
            text.IndexOf("acquisition of", StringComparison.Ordinal)], starts);
    }

    [Theory]
    [InlineData("Halvern bought a 12% stake in Globex and a stake in Initech, then the acquisition of Brightwave by Halvern closed.")]
    [InlineData("Le rachat de Verkor et la participation de 20 % dans Orbelle, puis l'acquisition d'Imperva.")]
    [InlineData("Stake in Globex: Acquisition of Initech. No frame here.")]
    [InlineData("The stakeholders of stakes.")]
    public void Matches_what_the_pattern_finds_unanchored(string text)
    {
        var lexicon = NameLexicon.Default;
        var unanchored = new Regex(lexicon.ObjectName.ToString()[2..], lexicon.ObjectName.Options);
        var expected = unanchored.Matches(text).Select(m => (m.Index, m.Value)).ToList();
        var found = lexicon.ObjectKeys.Matches(lexicon.ObjectName, text).Select(m => (m.Index, m.Value)).ToList();
        Assert.Equal(expected, found);
    }
}

using System.Text.RegularExpressions;
using Intelligence.Extraction.Pipeline;
using Intelligence.Extraction.Text;

namespace Intelligence.Extraction.Tests.Pipeline;

/// <summary>What the experts ask a sentence about a regex: whether it matches the whole text or a window read on its
/// own, and its matches, found once.</summary>
public class SentenceViewTests
{
    private static SentenceView View(string text) => new()
    {
        Sentence = new Sentence(0, 0, text.Length, 0, text, false), Text = text, Language = "en",
        Mentions = [], Money = [], Percents = [], Dates = [],
    };

    [Fact]
    public void A_window_is_read_on_its_own()
    {
        var view = View("Microsoft could buy OpenAI.");
        var could = new Regex(@"\bcould\b");
        Assert.True(view.IsMatch(could));
        Assert.True(view.IsMatch(could, 10, 15));
        Assert.False(view.IsMatch(could, 16));
        Assert.False(view.IsMatch(could, 0, 14));
        // The window's edges are the text's edges: "ould" starts a word there.
        Assert.True(view.IsMatch(new Regex(@"\bould\b"), 11, 15));
        Assert.True(view.IsMatch(new Regex(@"^buy"), 16));
        Assert.False(view.MayMatch(new Regex(@"\bsues?\b")));
        Assert.True(view.MayMatch(new Regex(@"\bbuy\b")));
    }

    [Fact]
    public void The_matches_are_those_of_the_regex_found_once()
    {
        var view = View("Renault, Nissan and Mitsubishi, while Stellantis waits; Volvo too.");
        var breaks = new Regex(@"(?:,|;|\swhile\b)");
        var matches = view.MatchesOf(breaks);
        Assert.Equal(breaks.Matches(view.Text).Select(m => (m.Index, m.Length)), matches.Select(m => (m.Index, m.Length)));
        Assert.Equal(4, matches.Count);
        Assert.Same(matches, view.MatchesOf(breaks));
        Assert.Empty(view.MatchesOf(new Regex(@"\bsued\b")));
    }

    [Fact]
    public void A_gated_regex_gives_the_matches_it_gives_alone()
    {
        var view = View("Halvern named Ada Lin chief executive; the new CEO replaces Tom Ek, who was named chair in 2019.");
        var named = new Regex(@"(?<!new\s)\b(?:named|replaces)\b");
        var gate = new Regex(@"\b(?:named|replaces)\b", RegexOptions.NonBacktracking);
        var matches = view.MatchesOf(named, gate);
        Assert.Equal(named.Matches(view.Text).Select(m => (m.Index, m.Length)), matches.Select(m => (m.Index, m.Length)));
        Assert.Equal(3, matches.Count);
        Assert.Same(matches, view.MatchesOf(named, gate));
        Assert.Empty(View("Revenue rose.").MatchesOf(named, gate));
    }
}

using System.Buffers;
using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Entities;

/// <summary>Where some phrases start in a text, as written (ordinal) and at the start of a word (after no letter): the gate
/// in front of a pattern anchored at them. A search for the phrases themselves (a hundred, some accented) would compare
/// them at every character, and one for their first characters would stop inside most words.</summary>
internal sealed class PhraseGate
{
    /// <summary>The phrases by their first <see cref="_prefixLength"/> characters, longest first.</summary>
    private readonly Dictionary<string, string[]> _byPrefix;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    /// <summary>Three characters, or fewer if a phrase is shorter: few words share their start with one of the phrases.</summary>
    private readonly int _prefixLength;
    private readonly SearchValues<char> _firsts;

    public PhraseGate(IEnumerable<string> phrases)
    {
        var distinct = phrases.Distinct().ToArray();
        _prefixLength = Math.Min(3, distinct.Min(p => p.Length));
        _byPrefix = distinct.GroupBy(p => p[.._prefixLength], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Length).ToArray(), StringComparer.Ordinal);
        _prefixLookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _firsts = SearchValues.Create(distinct.Select(p => p[0]).Distinct().ToArray());
    }

    public bool Holds(ReadOnlySpan<char> text) => NextStart(text, 0) >= 0;

    /// <summary>Where the first of the phrases at or after <paramref name="from"/> starts a word, or -1. The text is read
    /// word by word: a phrase is only compared where a word starts with the first characters of one.</summary>
    public int NextStart(ReadOnlySpan<char> text, int from)
    {
        var p = from;
        if (p > 0 && p < text.Length && char.IsLetter(text[p - 1])) p = NextWordStart(text, p);
        for (; p < text.Length; p = NextWordStart(text, p))
        {
            if (!_firsts.Contains(text[p]) || p + _prefixLength > text.Length ||
                !_prefixLookup.TryGetValue(text.Slice(p, _prefixLength), out var phrases)) continue;
            foreach (var phrase in phrases)
                if (text[p..].StartsWith(phrase, StringComparison.Ordinal)) return p;
        }
        return -1;
    }

    /// <summary>The next position after <paramref name="p"/> that no letter precedes: past the letters of the word at
    /// <paramref name="p"/>, or the next position when there is none.</summary>
    private static int NextWordStart(ReadOnlySpan<char> text, int p)
    {
        if (!char.IsLetter(text[p])) return p + 1;
        while (p < text.Length && char.IsLetter(text[p])) p++;
        return p;
    }

    /// <summary>The successive matches, left to right and not overlapping, of a pattern anchored (\G) at one of the
    /// phrases and starting after no letter: it is tried only where a phrase starts, not at every position of the text.</summary>
    public IEnumerable<Match> Matches(Regex anchored, string text)
    {
        for (var start = NextStart(text, 0); start >= 0;)
        {
            var match = anchored.Match(text, start);
            if (!match.Success) { start = NextStart(text, start + 1); continue; }
            yield return match;
            start = NextStart(text, match.Index + Math.Max(1, match.Length));
        }
    }
}

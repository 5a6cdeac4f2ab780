using System.Buffers;

namespace Intelligence.Extraction.Entities;

/// <summary>Whether a text holds one of some phrases, as written (ordinal): the gate in front of a pattern built on them.
/// Most texts hold none, which ASCII keys tell quickly: each phrase's ASCII start if it has three characters or more
/// ("rachète " gives "rach"), else its longest run of ASCII characters ("détient dans " gives "tient dans "), in any
/// case. Up to 80 such keys are searched vectorized (Teddy); a single non-ASCII key would make every candidate's check a
/// Unicode case-insensitive comparison. A search for the phrases themselves (more of them, accented) would read the text
/// character by character, at several times the cost of the pattern it gates: they are only compared where a key is found.</summary>
internal sealed class PhraseGate
{
    private readonly SearchValues<string> _keys;
    /// <summary>The phrases by their first character, longest first.</summary>
    private readonly Dictionary<char, string[]> _byFirst;
    /// <summary>How far into its phrase a key may start.</summary>
    private readonly int _keyOffset;

    /// <param name="phrases">The phrases, as written.</param>
    /// <param name="keyLength">How long a key may be: shorter keys are shared by more phrases, and past 80 keys the
    /// search is no longer vectorized, but a search for a hundred short keys still beats one for a hundred long ones.</param>
    public PhraseGate(IEnumerable<string> phrases, int keyLength = DefaultKeyLength)
    {
        var distinct = phrases.Distinct().ToArray();
        _byFirst = distinct.GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Length).ToArray());
        var keys = distinct.Select(p => Key(p, keyLength)).ToArray();
        _keys = SearchValues.Create(keys.Select(k => k.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
        _keyOffset = keys.Max(k => k.Offset);
    }

    public bool Holds(ReadOnlySpan<char> text) => NextStart(text, 0) >= 0;

    /// <summary>Where the first of the phrases at or after <paramref name="from"/> starts, or -1. A phrase starts no
    /// further before a key than the furthest a key lies inside its phrase, so the phrases are only looked for there.</summary>
    public int NextStart(ReadOnlySpan<char> text, int from)
    {
        for (var next = from; next < text.Length;)
        {
            var key = text[next..].IndexOfAny(_keys);
            if (key < 0) return -1;
            key += next;
            for (var start = Math.Max(next, key - _keyOffset); start <= key; start++)
                if (StartsWithPhrase(text[start..])) return start;
            next = key + 1;
        }
        return -1;
    }

    private bool StartsWithPhrase(ReadOnlySpan<char> text)
    {
        if (!_byFirst.TryGetValue(text[0], out var phrases)) return false;
        foreach (var phrase in phrases)
            if (text.StartsWith(phrase, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The successive matches, left to right and not overlapping, of a pattern anchored (\G) at one of the
    /// phrases: it is tried only where a phrase starts, not at every position of the text.</summary>
    public IEnumerable<System.Text.RegularExpressions.Match> Matches(System.Text.RegularExpressions.Regex anchored, string text)
    {
        for (var start = NextStart(text, 0); start >= 0; )
        {
            var match = anchored.Match(text, start);
            if (!match.Success) { start = NextStart(text, start + 1); continue; }
            yield return match;
            start = NextStart(text, match.Index + Math.Max(1, match.Length));
        }
    }

    /// <summary>How long a key may be: phrases sharing their first characters ("entre au capital de", "entre au capital
    /// d'") share a key, which keeps the deal lexicon's keys under the 80 the vectorized search takes.</summary>
    private const int DefaultKeyLength = 8;

    /// <summary>A piece every text holding the phrase holds, in some case, and where it starts in the phrase.</summary>
    private static (string Key, int Offset) Key(string phrase, int keyLength)
    {
        var asciiStart = phrase.AsSpan().IndexOfAnyExceptInRange((char)0, (char)0x7F) is var nonAscii and >= 0 ? nonAscii : phrase.Length;
        var (offset, length) = asciiStart >= 3 ? (0, asciiStart) : LongestAsciiRun(phrase);
        return (phrase.Substring(offset, Math.Min(length, keyLength)), offset);
    }

    private static (int Start, int Length) LongestAsciiRun(string phrase)
    {
        var (bestStart, bestLength, start) = (0, 0, 0);
        for (var i = 0; i <= phrase.Length; i++)
        {
            if (i < phrase.Length && char.IsAscii(phrase[i])) continue;
            if (i - start > bestLength) (bestStart, bestLength) = (start, i - start);
            start = i + 1;
        }
        return (bestStart, bestLength);
    }
}

using System.Buffers;

namespace Intelligence.Extraction.Entities;

/// <summary>Whether a text holds one of some phrases, as written (ordinal): the gate in front of a pattern built on them.
/// Most texts hold none, which ASCII keys tell quickly: each phrase's ASCII start if it has three characters or more
/// ("rachète " gives "rach"), else its longest run of ASCII characters ("détient dans " gives "tient dans "), in any
/// case. Up to 80 such keys are searched vectorized (Teddy); a single non-ASCII key would make every candidate's check a
/// Unicode case-insensitive comparison. A search for the phrases themselves (more of them, accented) reads the text
/// character by character, at several times the cost of the pattern it gates; it runs only where a key is found.</summary>
internal sealed class PhraseGate
{
    private readonly SearchValues<string> _keys;
    private readonly SearchValues<string> _phrases;
    /// <summary>How far into its phrase a key may start.</summary>
    private readonly int _keyOffset;

    public PhraseGate(IEnumerable<string> phrases)
    {
        var distinct = phrases.Distinct().ToArray();
        _phrases = SearchValues.Create(distinct, StringComparison.Ordinal);
        var keys = distinct.Select(Key).ToArray();
        _keys = SearchValues.Create(keys.Select(k => k.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
        _keyOffset = keys.Max(k => k.Offset);
    }

    public bool Holds(ReadOnlySpan<char> text) => FirstPossibleStart(text) >= 0;

    /// <summary>-1 when the text holds none of the phrases; else where a pattern that starts with one of them, in any case,
    /// may first match: no phrase starts before the first key less the furthest a key lies inside its phrase, and the
    /// phrases themselves are looked for from there on.</summary>
    public int FirstPossibleStart(ReadOnlySpan<char> text)
    {
        var key = text.IndexOfAny(_keys);
        if (key < 0) return -1;
        var start = Math.Max(0, key - _keyOffset);
        return text[start..].ContainsAny(_phrases) ? start : -1;
    }

    /// <summary>How long a key may be: phrases sharing their first characters ("entre au capital de", "entre au capital
    /// d'") share a key, which keeps the deal lexicon's keys under the 80 the vectorized search takes.</summary>
    private const int KeyLength = 8;

    /// <summary>A piece every text holding the phrase holds, in some case, and where it starts in the phrase.</summary>
    private static (string Key, int Offset) Key(string phrase)
    {
        var asciiStart = phrase.AsSpan().IndexOfAnyExceptInRange((char)0, (char)0x7F) is var nonAscii and >= 0 ? nonAscii : phrase.Length;
        var (offset, length) = asciiStart >= 3 ? (0, asciiStart) : LongestAsciiRun(phrase);
        return (phrase.Substring(offset, Math.Min(length, KeyLength)), offset);
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

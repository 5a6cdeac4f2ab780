using System.Buffers;
using System.Text;

namespace Intelligence.Extraction.Entities;

/// <summary>Whether a text holds one of some phrases, as written (ordinal): the gate in front of a pattern built on them.
/// Most texts hold none, which ASCII keys tell quickly: each phrase's first three characters if they are ASCII, else its
/// longest run of ASCII characters ("détient dans " gives "tient dans "), in any case. Up to 80 such keys are searched
/// vectorized (Teddy), while a search for the phrases themselves (more of them, accented) reads the text character by
/// character, at several times the cost of the pattern it gates; it runs only where a key is found.</summary>
internal sealed class PhraseGate
{
    private readonly SearchValues<string> _keys;
    private readonly SearchValues<string> _phrases;

    public PhraseGate(IEnumerable<string> phrases)
    {
        var distinct = phrases.Distinct().ToArray();
        _phrases = SearchValues.Create(distinct, StringComparison.Ordinal);
        _keys = SearchValues.Create(distinct.Select(Key).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
    }

    public bool Holds(ReadOnlySpan<char> text) => text.ContainsAny(_keys) && text.ContainsAny(_phrases);

    /// <summary>How long a key may be: phrases sharing their first characters ("entre au capital de", "entre au capital
    /// d'") share a key, which keeps the deal lexicon's keys under the 80 the vectorized search takes.</summary>
    private const int KeyLength = 8;

    /// <summary>A piece every text holding the phrase holds, in some case.</summary>
    private static string Key(string phrase)
    {
        var key = Ascii.IsValid(phrase.AsSpan(0, Math.Min(3, phrase.Length))) ? phrase : LongestAsciiRun(phrase);
        return key.Length > KeyLength ? key[..KeyLength] : key;
    }

    private static string LongestAsciiRun(string phrase)
    {
        var (bestStart, bestLength, start) = (0, 0, 0);
        for (var i = 0; i <= phrase.Length; i++)
        {
            if (i < phrase.Length && char.IsAscii(phrase[i])) continue;
            if (i - start > bestLength) (bestStart, bestLength) = (start, i - start);
            start = i + 1;
        }
        return phrase.Substring(bestStart, bestLength);
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Intelligence.Ingestion.Dedup;

/// <summary>
/// The names and figures a text states: capitalized words inside sentences (and acronyms anywhere), and numbers.
/// A copy states the same ones, give or take an addition (a dateline, a credit line) or a rare edit; a story cast in
/// the same template about another company states other ones. Names are compared without case ("MICROSOFT" in a
/// shouted headline is Microsoft).
/// </summary>
internal sealed partial class StatedDetails
{
    private StatedDetails(HashSet<string> names, HashSet<string> figures)
    {
        Names = names;
        Figures = figures;
    }

    public HashSet<string> Names { get; }

    public HashSet<string> Figures { get; }

    /// <summary>Share of the smaller set that may be missing from the other (an edit that drops or replaces one detail in ten).</summary>
    private const double ToleratedMisses = 0.1;

    public static StatedDetails Of(string text)
    {
        var figures = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match number in Number().Matches(text))
            figures.Add(number.Value.Replace("\u00A0", "").Replace("\u202F", "").Replace(',', '.'));
        return new StatedDetails(NamesOf(text), figures);
    }

    public bool AgreesWith(StatedDetails other) => Agree(Names, other.Names) && Agree(Figures, other.Figures);

    private static bool Agree(HashSet<string> a, HashSet<string> b)
    {
        var (smaller, larger) = a.Count <= b.Count ? (a, b) : (b, a);
        if (smaller.Count == 0) return larger.Count <= 1;
        var missing = smaller.Count(d => !larger.Contains(d));
        return missing <= (int)(smaller.Count * ToleratedMisses);
    }

    private static HashSet<string> NamesOf(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        var sentenceStart = true;
        var wordStartsSentence = true;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (char.IsLetterOrDigit(c))
            {
                if (word.Length == 0) wordStartsSentence = sentenceStart;
                word.Append(c);
                sentenceStart = false;
                continue;
            }
            if (word.Length > 0)
            {
                if (IsName(word, wordStartsSentence)) names.Add(word.ToString().ToLowerInvariant());
                word.Clear();
            }
            if (c == '\n' || (c is '.' or '!' or '?' or '…' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]))))
                sentenceStart = true;
        }
        return names;
    }

    private static bool IsName(StringBuilder word, bool startsSentence)
    {
        if (!char.IsUpper(word[0])) return false;
        if (!startsSentence) return true;
        // A capital at the start of a sentence says nothing, unless the whole word is one (an acronym).
        if (word.Length < 2) return false;
        for (var i = 0; i < word.Length; i++)
            if (char.IsLower(word[i])) return false;
        return true;
    }

    // Digits with decimal or group separators inside (1,234.5 / 37,5 / 1 000 with a no-break space); a plain space ends it.
    [GeneratedRegex(@"\d+(?:[.,\u00A0\u202F]\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}

namespace Intelligence.Extraction.Text;

/// <summary>French/English detection from function-word frequencies (no network, no model).</summary>
public static class LanguageDetector
{
    private static readonly HashSet<string> French = new(StringComparer.OrdinalIgnoreCase)
    {
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "pour", "que", "qui", "sur", "au", "aux",
        "avec", "pas", "ses", "son", "sa", "ce", "cette", "il", "elle", "ont", "été", "sont", "par", "plus", "mais",
        "ou", "selon", "leur", "nous", "vous", "d", "l", "qu", "chez", "entre", "depuis", "milliards", "millions",
    };

    private static readonly HashSet<string> English = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "as", "by", "its", "was", "has", "from", "are",
        "will", "it", "be", "have", "this", "at", "an", "which", "said", "were", "had", "their", "been", "would", "but",
        "not", "than", "into", "after", "billion", "million", "company", "also",
    };

    private const int InFrench = 1, InEnglish = 2;

    /// <summary>Both lists in one table (one lookup a word): which languages list each word.</summary>
    private static readonly System.Collections.Frozen.FrozenDictionary<string, int> Words =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(BothLists(), StringComparer.OrdinalIgnoreCase);

    // No listed word is longer: longer words skip the lookup.
    private static readonly int LongestWord = Words.Keys.Max(w => w.Length);

    /// <summary>The ASCII words of the table by <see cref="Pack"/>: most words of a text are ASCII, and a number is
    /// hashed far faster than a string compared without case.</summary>
    private static readonly System.Collections.Frozen.FrozenDictionary<ulong, int> AsciiWords = LongestWord > 9
        ? throw new InvalidOperationException("A listed word is longer than 9 letters: it no longer packs into 64 bits.")
        : System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(
            Words.Where(kv => kv.Key.All(char.IsAsciiLetter)).Select(kv => KeyValuePair.Create(Pack(kv.Key), kv.Value)));

    /// <summary>An ASCII word of at most 9 letters, lowercased, 7 bits a letter (no letter is 0, so lengths differ).</summary>
    private static ulong Pack(ReadOnlySpan<char> word)
    {
        ulong key = 0;
        foreach (var c in word) key = key << 7 | (uint)(c | 0x20);
        return key;
    }

    private static Dictionary<string, int> BothLists()
    {
        var words = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var w in French) words[w] = words.GetValueOrDefault(w) | InFrench;
        foreach (var w in English) words[w] = words.GetValueOrDefault(w) | InEnglish;
        return words;
    }

    private static readonly System.Buffers.SearchValues<char> FrenchAccents = System.Buffers.SearchValues.Create("éèêàçùûôî");

    private static bool IsLetter(char c) => c < 128 ? char.IsAsciiLetter(c) : char.IsLetter(c);

    /// <summary>Returns "fr" or "en" (English when the text gives no evidence either way).</summary>
    public static string Detect(string text, int maxChars = 20_000)
    {
        var span = text.AsSpan(0, Math.Min(text.Length, maxChars));
        var french = 0;
        var english = 0;
        var words = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && !IsLetter(span[i])) i++;
            var start = i;
            var ascii = true;
            for (; i < span.Length && IsLetter(span[i]); i++) ascii &= span[i] < 128;
            if (i == start) break;
            var word = span[start..i];
            if (word.Length > 12) continue;
            if (word.Length <= LongestWord && (ascii ? AsciiWords.TryGetValue(Pack(word), out var language) : words.TryGetValue(word, out language)))
            {
                if ((language & InFrench) != 0) french++;
                if ((language & InEnglish) != 0) english++;
            }
            if (!ascii && word.ContainsAny(FrenchAccents)) french++;
        }
        return french > english ? "fr" : "en";
    }
}

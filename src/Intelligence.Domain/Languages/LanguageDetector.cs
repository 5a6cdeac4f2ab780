using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;

namespace Intelligence.Domain.Languages;

/// <summary>
/// Tells French from English by counting frequent function words (and, for French, words with its accents), from the
/// lists in <c>function-words.json</c>. No network, no model. A text with no evidence either way is
/// <see cref="Undetermined"/>: each caller decides what that means for it.
/// </summary>
public static class LanguageDetector
{
    public const string French = "fr", English = "en";

    /// <summary>The BCP 47 tag for "no language determined".</summary>
    public const string Undetermined = "und";

    /// <summary>How much of a text is read: the opening of a long article decides as well as the whole.</summary>
    public const int DefaultMaxChars = 20_000;

    private const int InFrench = 1, InEnglish = 2;

    // Longer words are not looked up (none is listed) and not counted for accents either (URLs, run-together text).
    private const int LongestCountedWord = 12;

    private static readonly (FrozenDictionary<string, int> Words, SearchValues<char> FrenchAccents) Lists = Load();

    /// <summary>Which languages list each word (flags), compared without case.</summary>
    private static readonly FrozenDictionary<string, int> Words = Lists.Words;

    private static readonly SearchValues<char> FrenchAccents = Lists.FrenchAccents;

    private static readonly int LongestWord = Words.Keys.Max(w => w.Length);

    /// <summary>The ASCII words of the table by <see cref="Pack"/>: most words of a text are ASCII, and a number is
    /// hashed far faster than a string compared without case.</summary>
    private static readonly FrozenDictionary<ulong, int> AsciiWords = LongestWord > 9
        ? throw new InvalidOperationException("A listed word is longer than 9 letters: it no longer packs into 64 bits.")
        : Words.Where(kv => kv.Key.All(char.IsAsciiLetter)).ToFrozenDictionary(kv => Pack(kv.Key), kv => kv.Value);

    /// <summary>"fr" or "en" by the evidence in the first <paramref name="maxChars"/> characters (English on a tie), or
    /// <see cref="Undetermined"/> when there is none.</summary>
    public static string Detect(string text, int maxChars = DefaultMaxChars)
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
            if (word.Length > LongestCountedWord) continue;
            if (word.Length <= LongestWord && (ascii ? AsciiWords.TryGetValue(Pack(word), out var language) : words.TryGetValue(word, out language)))
            {
                if ((language & InFrench) != 0) french++;
                if ((language & InEnglish) != 0) english++;
            }
            if (!ascii && word.ContainsAny(FrenchAccents)) french++;
        }
        if (french == 0 && english == 0) return Undetermined;
        return french > english ? French : English;
    }

    private static bool IsLetter(char c) => c < 128 ? char.IsAsciiLetter(c) : char.IsLetter(c);

    /// <summary>An ASCII word of at most 9 letters, lowercased, 7 bits a letter (no letter is 0, so lengths differ).</summary>
    private static ulong Pack(ReadOnlySpan<char> word)
    {
        ulong key = 0;
        foreach (var c in word) key = key << 7 | (uint)(c | 0x20);
        return key;
    }

    private sealed record LanguageList(string[] Words, string? Accents);

    private sealed record FunctionWords(LanguageList Fr, LanguageList En);

    private static (FrozenDictionary<string, int>, SearchValues<char>) Load()
    {
        const string resource = "Intelligence.Domain.Languages.function-words.json";
        using var stream = typeof(LanguageDetector).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded resource {resource}.");
        var lists = JsonSerializer.Deserialize<FunctionWords>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{resource} is empty.");
        var words = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var w in lists.Fr.Words) words[w] = words.GetValueOrDefault(w) | InFrench;
        foreach (var w in lists.En.Words) words[w] = words.GetValueOrDefault(w) | InEnglish;
        return (words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), SearchValues.Create(lists.Fr.Accents ?? ""));
    }
}

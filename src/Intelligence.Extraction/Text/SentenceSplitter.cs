namespace Intelligence.Extraction.Text;

/// <summary>
/// Single-pass sentence splitter for French and English news text. Every line is its own paragraph;
/// table rows ("| a | b |") are one sentence each; list bullets are skipped; decimal commas and points,
/// abbreviations, initials and closing guillemets do not end a sentence. Sentences are capped in length
/// (split at a space) so that no downstream step ever sees an unbounded span.
/// </summary>
public static class SentenceSplitter
{
    public const int MaxSentenceLength = 1200;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "m", "mm", "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "inc", "corp", "ltd", "co", "vs", "etc",
        "env", "cf", "p", "pp", "no", "n°", "mme", "mmes", "mlle", "me", "av", "apr", "jan", "feb", "fév", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "déc", "gen", "gov", "sen", "rep", "fig",
        "approx", "est", "dept", "univ", "op", "ed", "vol", "ch", "art", "min", "max", "mds", "md", "mrd", "bn",
    };

    /// <summary>Splits normalized text (see <see cref="TextNormalizer"/>).</summary>
    public static List<Sentence> Split(string normalized)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        var lineStart = 0;
        while (lineStart <= normalized.Length)
        {
            var lineEnd = normalized.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = normalized.Length;
            if (SplitLine(normalized, lineStart, lineEnd, paragraph, sentences)) paragraph++;
            lineStart = lineEnd + 1;
        }
        return sentences;
    }

    public static int Count(string normalized) => Split(normalized).Count;

    private static bool SplitLine(string text, int start, int end, int paragraph, List<Sentence> output)
    {
        start = SkipBulletsAndSpaces(text, start, end);
        end = TrimEnd(text, start, end);
        if (start >= end) return false;

        if (text[start] == '|' || text.AsSpan(start, end - start).Count('|') >= 2)
        {
            AddCapped(text, start, end, paragraph, isTable: true, output);
            return true;
        }

        var sentenceStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?' or '…')) continue;
            if (c == '.' && !IsSentenceFinalPeriod(text, start, i, end)) continue;

            var j = i + 1;
            while (j < end && text[j] is '.' or '!' or '?' or '…' or '"' or '»' or ')' or '\'' or ']') j++;
            // French spacing puts a space before the closing guillemet: "… absolue. »"
            if (j + 1 < end && text[j] == ' ' && text[j + 1] == '»') j += 2;
            if (j < end && text[j] != ' ') continue;
            var next = j;
            while (next < end && text[next] == ' ') next++;
            if (next < end && !StartsSentence(text[next])) continue;

            AddCapped(text, sentenceStart, j, paragraph, isTable: false, output);
            sentenceStart = next;
            i = next - 1;
        }
        if (sentenceStart < end)
            AddCapped(text, sentenceStart, end, paragraph, isTable: false, output);
        return true;
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '«' or '"' or '(' or '[' or '\'' or '-' or '•' or '$' or '€' or '£'
        || (!char.IsLetter(c) && !char.IsPunctuation(c) && !char.IsWhiteSpace(c)) || IsUncasedLetter(c);

    private static bool IsUncasedLetter(char c) => char.IsLetter(c) && !char.IsUpper(c) && !char.IsLower(c);

    private static bool IsSentenceFinalPeriod(string text, int lineStart, int dot, int end)
    {
        // Decimal point or "U.S." style: a letter or digit right after the dot.
        if (dot + 1 < end && char.IsLetterOrDigit(text[dot + 1])) return false;
        var wordStart = dot;
        while (wordStart > lineStart && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.')) wordStart--;
        var length = dot - wordStart;
        if (length == 0) return true;
        var word = text.AsSpan(wordStart, length);
        if (length == 1 && char.IsUpper(word[0])) return false; // an initial: "J. Smith"
        if (word.Contains('.')) return false;                      // "U.S." / "J.-C."
        return !Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static int SkipBulletsAndSpaces(string text, int start, int end)
    {
        while (start < end)
        {
            var c = text[start];
            if (c == ' ' || c == '•' || c == '·' || c == '▪' || c == '●' || c == '◦' || c == '■' || c == '*' || c == '>') { start++; continue; }
            // "- item" is a bullet; "-5 %" is not.
            if (c == '-' && start + 1 < end && text[start + 1] == ' ') { start += 2; continue; }
            break;
        }
        return start;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }

    private static void AddCapped(string text, int start, int end, int paragraph, bool isTable, List<Sentence> output)
    {
        end = TrimEnd(text, start, end);
        while (start < end)
        {
            var stop = end;
            if (stop - start > MaxSentenceLength)
            {
                stop = start + MaxSentenceLength;
                var space = text.LastIndexOf(' ', stop - 1, MaxSentenceLength / 2);
                if (space > start) stop = space;
            }
            var trimmed = TrimEnd(text, start, stop);
            if (trimmed > start)
                output.Add(new Sentence(output.Count, start, trimmed, paragraph, text[start..trimmed], isTable));
            start = stop;
            while (start < end && text[start] == ' ') start++;
        }
    }
}

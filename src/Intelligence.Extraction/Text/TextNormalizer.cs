namespace Intelligence.Extraction.Text;

/// <summary>
/// Maps typographic variants to plain ASCII one character for one character, so that every
/// offset in the normalized text is also an offset in the original text (evidence spans stay exact).
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        return string.Create(text.Length, text, static (span, source) =>
        {
            // Runs of characters that map to themselves are copied whole; only the others go through Map.
            var i = 0;
            while (i < source.Length)
            {
                var run = source.AsSpan(i).IndexOfAnyExcept(Unchanged);
                if (run < 0) run = source.Length - i;
                source.AsSpan(i, run).CopyTo(span[i..]);
                i += run;
                if (i < source.Length) { span[i] = Map(source[i]); i++; }
            }
        });
    }

    /// <summary>Printable ASCII but the backtick, and the line feed: characters <see cref="Map"/> leaves alone
    /// (ASCII, so the search for the others is vectorized).</summary>
    private static readonly System.Buffers.SearchValues<char> Unchanged = System.Buffers.SearchValues.Create(
        Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).Where(c => c != '`').Append('\n').ToArray());

    public static char Map(char c) => c switch
    {
        '\u2019' or '\u2018' or '\u02BC' or '\u2032' or '`' => '\'',
        '\u201C' or '\u201D' or '\u201E' => '"',
        '\u00A0' or '\u202F' or '\u2009' or '\u2007' or '\u2002' or '\u2003' or '\t' or '\r' or '\f' or '\v' => ' ',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' => '-',
        _ => c,
    };
}

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
            for (var i = 0; i < source.Length; i++)
                span[i] = Map(source[i]);
        });
    }

    public static char Map(char c) => c switch
    {
        '\u2019' or '\u2018' or '\u02BC' or '\u2032' or '`' => '\'',
        '\u201C' or '\u201D' or '\u201E' => '"',
        '\u00A0' or '\u202F' or '\u2009' or '\u2007' or '\u2002' or '\u2003' or '\t' or '\r' or '\f' or '\v' => ' ',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' => '-',
        _ => c,
    };
}

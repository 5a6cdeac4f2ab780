using System.Text;
using AngleSharp.Dom;

namespace Intelligence.Ingestion.Reading;

/// <summary>Whitespace and text helpers shared by the reader's parts.</summary>
internal static class TextBlocks
{
    private static readonly char[] Bullets = ['•', '·', '‣', '◦', '▪', '●', '■', '►', '▶'];

    public static string Collapse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0' || c == '\u200B')
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Text of an element where &lt;br&gt; breaks lines; one entry per non-empty line.</summary>
    public static IEnumerable<string> Lines(IElement element)
    {
        var raw = new StringBuilder();
        AppendText(element, raw);
        return Lines(raw.ToString());
    }

    /// <summary>The non-empty lines of <paramref name="raw"/>, whitespace collapsed and typed bullets ("• ") dropped.</summary>
    public static IEnumerable<string> Lines(string raw) =>
        raw.Split('\n').Select(line => Collapse(line).TrimStart(Bullets).TrimStart()).Where(line => line.Length > 0);

    /// <summary>Lower-cased runs of letters and digits: "L’opérateur vend 50 %" → l, opérateur, vend, 50.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }

    /// <summary>Characters of a script written without spaces that stand for about one word of a spaced script.</summary>
    private const double UnspacedCharsPerWord = 2.0;

    /// <summary>
    /// The length of a text in words, where a script written without spaces between words (Chinese, Japanese kana and
    /// kanji) counts its characters, two to a word: "肉をくわえたイヌが" is one run of letters but about four words.
    /// </summary>
    public static int WordCount(string text)
    {
        var words = 0;
        var unspaced = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsUnspacedScript(c))
            {
                unspaced++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (!inWord) words++;
                inWord = true;
            }
            else inWord = false;
        }
        return words + (int)Math.Ceiling(unspaced / UnspacedCharsPerWord);
    }

    /// <summary>CJK ideographs, hiragana and katakana (Korean hangul is written with spaces).</summary>
    private static bool IsUnspacedScript(char c) =>
        c is >= '\u3040' and <= '\u30FF' // hiragana, katakana
            or >= '\u3400' and <= '\u4DBF' // CJK extension A
            or >= '\u4E00' and <= '\u9FFF' // CJK unified ideographs
            or >= '\uF900' and <= '\uFAFF' // CJK compatibility ideographs
            or >= '\uFF66' and <= '\uFF9F'; // half-width katakana

    /// <summary>Appends the text under <paramref name="node"/>, with '\n' for each &lt;br&gt;.</summary>
    public static void AppendText(INode node, StringBuilder into)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    into.Append(text.Data.Replace('\n', ' ').Replace('\r', ' '));
                    break;
                case IElement { LocalName: "br" }:
                    into.Append('\n');
                    break;
                case IElement element:
                    AppendText(element, into);
                    break;
            }
        }
    }

    public static double LinkDensity(IElement element, int textLength)
    {
        if (textLength == 0) return 0;
        var linkText = element.QuerySelectorAll("a").Sum(a => Collapse(a.TextContent).Length);
        return Math.Min(1.0, linkText / (double)textLength);
    }
}

using System.Text;
using AngleSharp.Dom;

namespace Intelligence.Ingestion.Reading;

/// <summary>Whitespace and text helpers shared by the reader's parts.</summary>
internal static class TextBlocks
{
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
        return raw.ToString().Split('\n').Select(Collapse).Where(line => line.Length > 0);
    }

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

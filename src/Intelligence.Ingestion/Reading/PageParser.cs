using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Intelligence.Ingestion.Reading;

/// <summary>
/// Parses a page and bounds its tree: every element nested deeper than <see cref="ReadOptions.MaxDepth"/> is folded
/// into its ancestor at that depth as plain text. The reader's later passes (ancestor walks, text of each block) then
/// cost at most the cap per element, so a page of 100,000 nested &lt;div&gt;s reads in time linear in its size.
/// </summary>
internal static class PageParser
{
    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false };

    public static IHtmlDocument Parse(string html, ReadOptions options)
    {
        var document = new HtmlParser(ParserOptions).ParseDocument(NestingCap.Limit(html, options.MaxDepth, options.Cancellation));
        options.Cancellation.ThrowIfCancellationRequested();
        CapDepth(document, options);
        return document;
    }

    /// <summary>Walks the tree without recursion; each subtree below the cap is replaced by its text, once.</summary>
    private static void CapDepth(IDocument document, ReadOptions options)
    {
        if (document.DocumentElement is not { } root) return;
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((root, 1));
        var visited = 0;
        while (stack.Count > 0)
        {
            var (element, depth) = stack.Pop();
            if ((++visited & 0xFFF) == 0) options.Cancellation.ThrowIfCancellationRequested();
            if (depth >= options.MaxDepth && element.FirstElementChild is not null)
            {
                var text = TextOf(element);
                while (element.FirstChild is { } child) element.RemoveChild(child);
                element.AppendChild(document.CreateTextNode(text));
                continue;
            }
            for (var child = element.FirstElementChild; child is not null; child = child.NextElementSibling)
                stack.Push((child, depth + 1));
        }
    }

    /// <summary>The text under <paramref name="element"/>, in document order, without recursion; scripts and styles left out.</summary>
    private static string TextOf(IElement element)
    {
        var text = new System.Text.StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(element);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText t)
            {
                text.Append(t.Data);
                continue;
            }
            if (node is IElement { LocalName: "script" or "style" or "template" }) continue;
            if (node is IElement { LocalName: "br" or "p" or "div" or "li" }) text.Append(' ');
            for (var child = node.LastChild; child is not null; child = child.PreviousSibling) stack.Push(child);
        }
        return text.ToString();
    }
}

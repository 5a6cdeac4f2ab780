using System.Text;

namespace Intelligence.Ingestion.Reading;

/// <summary>
/// Bounds how deep a page nests before it is parsed. The HTML parser looks through its stack of open elements at
/// each tag, so a page of 100,000 nested &lt;div&gt;s costs it quadratic time; this one linear pass drops the tags
/// (and their end tags) that would open an element deeper than the cap, keeping all text. Pages within the cap are
/// returned as they are.
/// </summary>
internal static class NestingCap
{
    /// <summary>Elements with no end tag.</summary>
    private static readonly HashSet<string> Void =
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "keygen", "command", "basefont", "bgsound", "frame", "image", "isindex", "spacer",
    ];

    /// <summary>Elements whose end tag is optional (a new &lt;p&gt; or &lt;li&gt; closes the last): not counted as nesting.</summary>
    private static readonly HashSet<string> SelfClosing =
    [
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp",
        "colgroup", "caption", "html", "head", "body",
    ];

    /// <summary>Elements whose content is text up to their end tag.</summary>
    private static readonly HashSet<string> RawText = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

    public static string Limit(string html, int maxDepth, CancellationToken cancellation)
    {
        StringBuilder? output = null; // created at the first dropped tag
        var copied = 0;
        var open = new Stack<(string Name, bool Kept)>();
        var openCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var depth = 0;
        var i = 0;
        var tags = 0;

        void Drop(int start, int end)
        {
            output ??= new StringBuilder(html.Length);
            output.Append(html, copied, start - copied);
            copied = end;
        }

        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if ((++tags & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
            var next = html[i + 1];
            if (next == '!' && string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }
            if (next is '!' or '?')
            {
                var close = html.IndexOf('>', i + 2);
                i = close < 0 ? html.Length : close + 1;
                continue;
            }
            var isEnd = next == '/';
            var nameStart = isEnd ? i + 2 : i + 1;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                i++;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_')) nameEnd++;
            var name = html[nameStart..nameEnd].ToLowerInvariant();
            var tagEnd = EndOfTag(html, nameEnd);

            if (isEnd)
            {
                if (openCount.GetValueOrDefault(name) > 0)
                {
                    // Pops every element opened since: total pops never exceed total pushes.
                    while (open.TryPop(out var element))
                    {
                        openCount[element.Name]--;
                        if (element.Kept) depth--;
                        if (element.Name != name) continue;
                        if (!element.Kept) Drop(i, tagEnd);
                        break;
                    }
                }
                i = tagEnd;
                continue;
            }

            if (RawText.Contains(name))
            {
                var close = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
                continue;
            }
            if (!Void.Contains(name) && !SelfClosing.Contains(name))
            {
                var kept = depth < maxDepth;
                if (kept) depth++;
                else Drop(i, tagEnd);
                open.Push((name, kept));
                openCount[name] = openCount.GetValueOrDefault(name) + 1;
            }
            i = tagEnd;
        }
        if (output is null) return html;
        output.Append(html, copied, html.Length - copied);
        return output.ToString();
    }

    /// <summary>Index after the tag's closing '&gt;', skipping quoted attribute values; the end of the page if it never closes.</summary>
    private static int EndOfTag(string html, int from)
    {
        char quote = '\0';
        for (var j = from; j < html.Length; j++)
        {
            var c = html[j];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'' && j > 0 && html[j - 1] == '=' ) quote = c;
            else if (c == '>') return j + 1;
        }
        return html.Length;
    }
}

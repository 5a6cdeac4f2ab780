using AngleSharp.Dom;

namespace Intelligence.Ingestion.Reading;

/// <summary>
/// The last resort: the lines of the page's element that holds the most text of its own, link text not counted
/// (scripts and styles out), so that a page of menus alone is still refused.
/// </summary>
internal static class LargestBlock
{
    public static List<string> Of(IDocument document)
    {
        if (document.Body is not { } body) return [];
        foreach (var element in body.QuerySelectorAll("script, style, template").ToArray()) element.Remove();
        IElement? best = null;
        var bestLength = 0;
        foreach (var element in body.QuerySelectorAll("*").Prepend(body))
        {
            if (element.LocalName == "a") continue;
            var own = element.ChildNodes.OfType<IText>().Sum(t => t.Data.Count(char.IsLetterOrDigit))
                      + element.Children.Where(c => c.LocalName is "b" or "i" or "em" or "strong" or "span" or "br" or "font")
                          .Sum(c => c.TextContent.Count(char.IsLetterOrDigit));
            if (own > bestLength) (best, bestLength) = (element, own);
        }
        return best is null ? [] : TextBlocks.Lines(best).Where(line => line.Any(char.IsLetter)).ToList();
    }
}

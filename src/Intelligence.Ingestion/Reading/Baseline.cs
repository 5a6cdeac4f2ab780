using AngleSharp.Html.Dom;

namespace Intelligence.Ingestion.Reading;

/// <summary>
/// The second opinion: SmartReader (a port of Mozilla Readability) over its own parse of the page. Its chosen
/// container is then read by our own block walk and line filters, so its text has the same shape and the same
/// boilerplate lines out as ours.
/// </summary>
internal static class Baseline
{
    public static IReadOnlyList<string> Read(string html, ReadOptions options)
    {
        IHtmlDocument document = PageParser.Parse(html, options with { MaxDepth = Math.Min(options.MaxDepth, options.BaselineMaxDepth) });
        if (document.Body is { } body) MainText.RemoveDialogs(body);
        SmartReader.Article article;
        try
        {
            var reader = new SmartReader.Reader("https://reader.invalid/", document);
            article = reader.GetArticleAsync(options.Cancellation).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or ArgumentException or FormatException)
        {
            return []; // a second opinion that fails is no opinion; ours stands
        }
        options.Cancellation.ThrowIfCancellationRequested();
        if (!article.Completed || string.IsNullOrWhiteSpace(article.Content)) return [];
        var content = PageParser.Parse($"<html><body>{article.Content}</body></html>", options);
        if (content.Body is null) return [];
        foreach (var annotation in content.Body.QuerySelectorAll("rt, rp").ToArray()) annotation.Remove(); // ruby readings
        return MainText.ParagraphsOf(content.Body);
    }
}

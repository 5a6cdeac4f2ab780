using AngleSharp.Html.Parser;

namespace Intelligence.Ingestion.Reading;

/// <summary>Reads one news page: metadata, main text without boilerplate, language, canonical URL.</summary>
public static class ArticleReader
{
    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false };

    public static ReadArticle Read(string html, Uri? pageUrl = null) => Read(html, pageUrl, ReadOptions.Default);

    public static ReadArticle Read(string html, Uri? pageUrl, ReadOptions options)
    {
        if (string.IsNullOrWhiteSpace(html))
            throw new ArticleReadException(Describe(pageUrl, "the HTML is empty."));

        var document = new HtmlParser(ParserOptions).ParseDocument(html);
        var jsonLd = JsonLdArticle.Find(document);
        var metadata = Metadata.From(document, jsonLd, pageUrl);
        var main = MainText.Extract(document);

        var paragraphs = main.Paragraphs.Where(p => p != metadata.Title && p.Any(char.IsLetter)).ToList();
        if (paragraphs.Count == 0 && jsonLd?.Body is { } jsonBody)
            paragraphs = [jsonBody];
        if (paragraphs.Count == 0)
            throw new ArticleReadException(Describe(pageUrl, $"no readable text found in {html.Length} characters of HTML."));

        var text = string.Join("\n\n", paragraphs);
        return new ReadArticle(
            CanonicalUrl: metadata.CanonicalUrl,
            Title: metadata.Title,
            Byline: metadata.Byline,
            PublishedAt: metadata.PublishedAt,
            Text: text,
            Language: metadata.DeclaredLanguage ?? LanguageDetector.Detect(text),
            SiteName: metadata.SiteName)
        {
            ModifiedAt = metadata.ModifiedAt,
            Partial = main.Partial || jsonLd?.AccessibleForFree == false,
        };
    }

    private static string Describe(Uri? pageUrl, string problem) =>
        pageUrl is null ? $"Cannot read the article: {problem}" : $"Cannot read the article at {pageUrl}: {problem}";
}

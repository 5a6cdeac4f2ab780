using System.Text.RegularExpressions;
using Intelligence.Domain.Languages;

namespace Intelligence.Ingestion.Reading;

/// <summary>
/// Reads one news page: metadata, main text without boilerplate, language, canonical URL. The main text is our own
/// block extraction, compared with a baseline (Readability's algorithm) when ours looks short; then the JSON-LD
/// articleBody and the page's largest text block are the fallbacks, so only a page with no text at all is refused.
/// </summary>
public static partial class ArticleReader
{
    /// <summary>Below this many words our own extraction is compared with the baseline's.</summary>
    internal const int CompareBelowWords = 300;

    /// <summary>The baseline is taken when it holds this many times the words of ours.</summary>
    internal const double BaselineFactor = 2.0;

    /// <summary>Below this many words of our own, the baseline's text is taken even where it is a comment section.</summary>
    internal const int FewWords = 50;

    /// <summary>
    /// A story read from one cell of a layout table (a page laid out in table columns) is short next to the whole layout
    /// that the baseline reads: the baseline is taken when it holds this many times the words of ours and most of ours.
    /// </summary>
    internal const double TableCellFactor = 1.2;

    /// <summary>The share of our text (in characters) that the baseline must hold to stand for it on a table layout.</summary>
    internal const double TableCellOverlap = 0.8;

    public static ReadArticle Read(string html, Uri? pageUrl = null) => Read(html, pageUrl, ReadOptions.Default);

    public static ReadArticle Read(string html, Uri? pageUrl, ReadOptions options)
    {
        if (string.IsNullOrWhiteSpace(html))
            throw new ArticleReadException(Describe(pageUrl, "the HTML is empty."));

        var document = PageParser.Parse(html, options);
        var jsonLd = JsonLdArticle.Find(document);
        var metadata = Metadata.From(document, jsonLd, pageUrl);
        var main = MainText.Extract(document, options.Cancellation);

        var paragraphs = Story(main.Paragraphs, metadata);
        var ownWords = WordCount(paragraphs);
        if (ownWords < CompareBelowWords)
            paragraphs = Compare(paragraphs, main.Root is { LocalName: "td" }, Story(Baseline.Read(html, options), metadata), main.RemovedComments);
        if (paragraphs.Count == 0 && jsonLd?.Body is { } jsonBody)
            paragraphs = JsonLdParagraphs(jsonBody, options);
        if (paragraphs.Count == 0)
            paragraphs = LargestBlock.Of(document); // the page as cleaned of menus, scripts and hidden parts
        if (paragraphs.Count == 0)
            paragraphs = LargestBlock.Of(PageParser.Parse(html, options)); // then as served
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

    /// <summary>The JSON-LD articleBody as lines; some sites put the body's HTML there ("&lt;p&gt;…&lt;/p&gt;"), read as HTML.</summary>
    private static List<string> JsonLdParagraphs(string body, ReadOptions options)
    {
        if (!Markup().IsMatch(body)) return [.. TextBlocks.Lines(body.Replace("\\n", "\n"))];
        var parsed = PageParser.Parse($"<html><body>{body}</body></html>", options);
        return parsed.Body is null ? [] : MainText.ParagraphsOf(parsed.Body);
    }

    [GeneratedRegex(@"</?(p|br|div|h[2-6]|li|strong|em|a)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    private static List<string> Story(IEnumerable<string> lines, Metadata metadata) =>
        lines.Where(p => p != metadata.Title && p.Any(char.IsLetter)).ToList();

    /// <summary>
    /// Ours, or the baseline's reading when ours looks short next to it. The baseline's container may hold the comment
    /// section that our cleaning took out: those lines go, unless ours has almost nothing (a live blog's feed). Compared
    /// without whitespace, as the baseline's shallower parse flattens deep blocks with spaces between them.
    /// </summary>
    internal static List<string> Compare(List<string> ours, bool fromTableCell, List<string> baseline, string removedComments)
    {
        var ownWords = WordCount(ours);
        var comments = WithoutSpaces(removedComments);
        var withoutComments = comments.Length == 0 ? baseline
            : baseline.Where(line => !comments.Contains(WithoutSpaces(line), StringComparison.Ordinal)).ToList();
        var baselineWords = WordCount(withoutComments);
        if (baselineWords > BaselineFactor * Math.Max(ownWords, 1)) return withoutComments;
        if (ownWords < FewWords && WordCount(baseline) > BaselineFactor * Math.Max(ownWords, 1)) return baseline;
        if (fromTableCell && baselineWords > TableCellFactor * ownWords && ShareHeld(ours, withoutComments) >= TableCellOverlap)
            return Around(ours, withoutComments);
        return ours;
    }

    /// <summary>
    /// Our reading of the story's span with the baseline's lines before and after it: the lines the baseline has before
    /// the first line it shares with ours, ours, then its lines after the last one it shares.
    /// </summary>
    private static List<string> Around(List<string> ours, List<string> baseline)
    {
        var own = ours.Select(WithoutSpaces).ToHashSet(StringComparer.Ordinal);
        var shared = baseline.Select((line, i) => (Shared: own.Contains(WithoutSpaces(line)), i)).Where(x => x.Shared).Select(x => x.i).ToList();
        if (shared.Count == 0) return baseline;
        return [.. baseline.Take(shared[0]), .. ours, .. baseline.Skip(shared[^1] + 1)];
    }

    /// <summary>The share of the characters of <paramref name="ours"/> in lines that <paramref name="other"/> also holds.</summary>
    private static double ShareHeld(List<string> ours, List<string> other)
    {
        var theirs = WithoutSpaces(string.Concat(other));
        var lines = ours.Select(WithoutSpaces).ToList();
        var total = lines.Sum(line => line.Length);
        return total == 0 ? 0 : lines.Where(line => theirs.Contains(line, StringComparison.Ordinal)).Sum(line => line.Length) / (double)total;
    }

    private static string WithoutSpaces(string text) =>
        string.Create(text.Count(c => !char.IsWhiteSpace(c)), text, (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
                if (!char.IsWhiteSpace(c)) span[i++] = c;
        });

    private static int WordCount(IEnumerable<string> paragraphs) => paragraphs.Sum(TextBlocks.WordCount);

    private static string Describe(Uri? pageUrl, string problem) =>
        pageUrl is null ? $"Cannot read the article: {problem}" : $"Cannot read the article at {pageUrl}: {problem}";
}

using AngleSharp.Dom;
using Intelligence.Domain.Languages;
using Intelligence.Ingestion.Dedup;

namespace Intelligence.Ingestion.Reading;

/// <summary>Title, byline, dates, canonical URL, site name and declared language of a page.</summary>
internal sealed record Metadata(
    string Title,
    string? Byline,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ModifiedAt,
    string? CanonicalUrl,
    string? SiteName,
    string? DeclaredLanguage)
{
    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • "];

    public static Metadata From(IDocument document, JsonLdArticle? jsonLd, Uri? pageUrl)
    {
        var siteName = Meta(document, "og:site_name") ?? jsonLd?.Publisher ?? Meta(document, "application-name");
        return new Metadata(
            Title: TitleOf(document, jsonLd, siteName),
            Byline: BylineOf(document, jsonLd),
            PublishedAt: PublishedOf(document, jsonLd),
            ModifiedAt: Dates.ParseMachine(Meta(document, "article:modified_time") ?? jsonLd?.DateModified
                ?? Meta(document, "og:updated_time") ?? Meta(document, "dateModified")),
            CanonicalUrl: CanonicalOf(document, jsonLd, pageUrl),
            SiteName: siteName,
            DeclaredLanguage: LanguageTags.Primary(document.DocumentElement.GetAttribute("lang"))
                ?? LanguageTags.Primary(document.DocumentElement.GetAttribute("xml:lang"))
                ?? LanguageTags.Primary(document.QuerySelector("meta[http-equiv='content-language' i]")?.GetAttribute("content"))
                ?? LanguageTags.Primary(Meta(document, "og:locale"))
                ?? LanguageTags.Primary(jsonLd?.Language));
    }

    /// <summary>
    /// Content of the first &lt;meta&gt; whose property, name or itemprop is <paramref name="key"/> (one of several
    /// space-separated names counts; "dc:creator" and "DC.creator" are one name).
    /// </summary>
    public static string? Meta(IDocument document, string key)
    {
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var named = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (named is null || !named.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(name => SameKey(name, key))) continue;
            var content = TextBlocks.Collapse(meta.GetAttribute("content"));
            if (content.Length > 0) return content;
        }
        return null;
    }

    private static bool SameKey(string name, string key) =>
        string.Equals(name.Replace(':', '.'), key.Replace(':', '.'), StringComparison.OrdinalIgnoreCase);

    private static string TitleOf(IDocument document, JsonLdArticle? jsonLd, string? siteName)
    {
        var og = Meta(document, "dc.title") ?? Meta(document, "og:title") ?? Meta(document, "twitter:title") ?? Meta(document, "parsely-title");
        if (og is not null) return CleanTitle(og, siteName);
        if (jsonLd?.Headline is { } headline) return headline;
        var title = CleanTitle(TextBlocks.Collapse(document.QuerySelector("title")?.TextContent), siteName);
        var h1 = document.QuerySelectorAll("h1").Select(h => TextBlocks.Collapse(h.TextContent)).FirstOrDefault(t => t.Length > 0);
        // "Dépenses records – Le Quotidien" with the headline "Dépenses records": the headline is the title without the site name.
        if (h1 is not null && title.Length > h1.Length && (title.StartsWith(h1, StringComparison.Ordinal) || title.EndsWith(h1, StringComparison.Ordinal)))
            return h1;
        if (title.Length > 0) return title;
        return h1 ?? "";
    }

    /// <summary>Drops a site-name suffix or prefix: "Microsoft bets on MAI-1 | Tech Daily" → "Microsoft bets on MAI-1".</summary>
    internal static string CleanTitle(string title, string? siteName)
    {
        foreach (var separator in TitleSeparators)
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at <= 0) continue;
            var head = title[..at].Trim();
            var tail = title[(at + separator.Length)..].Trim();
            if (siteName is not null && string.Equals(tail, siteName, StringComparison.OrdinalIgnoreCase)) return head;
            var first = title.IndexOf(separator, StringComparison.Ordinal);
            if (siteName is not null && string.Equals(title[..first].Trim(), siteName, StringComparison.OrdinalIgnoreCase))
                return title[(first + separator.Length)..].Trim();
            if (WordCount(tail) <= 4 && WordCount(head) >= 3) return head;
        }
        return title;
    }

    private static int WordCount(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string? BylineOf(IDocument document, JsonLdArticle? jsonLd)
    {
        var candidates = new[]
        {
            jsonLd?.Author,
            Meta(document, "dc.creator"),
            Meta(document, "author"),
            Meta(document, "article:author"),
            Meta(document, "og:article:author"),
            Meta(document, "byl"),
            Meta(document, "parsely-author"),
            Meta(document, "sailthru.author"),
            document.QuerySelector("[itemprop='author'] [itemprop='name']")?.TextContent,
            document.QuerySelector("[itemprop='author']")?.TextContent,
            document.QuerySelector("[rel='author']")?.TextContent,
            document.QuerySelector(".byline, .author, .article-author, .signature, [class*='byline']")?.TextContent,
        };
        return candidates
            .Select(TextBlocks.Collapse)
            .Select(StripByPrefix)
            .FirstOrDefault(b => b.Length is > 1 and < 200 && !b.StartsWith("http", StringComparison.OrdinalIgnoreCase));
    }

    private static string StripByPrefix(string byline)
    {
        foreach (var prefix in new[] { "By ", "by ", "Par ", "par ", "Written by " })
            if (byline.StartsWith(prefix, StringComparison.Ordinal)) return byline[prefix.Length..].Trim();
        return byline;
    }

    private static DateTimeOffset? PublishedOf(IDocument document, JsonLdArticle? jsonLd)
    {
        var machine = new[]
        {
            Meta(document, "article:published_time"),
            jsonLd?.DatePublished,
            Meta(document, "datePublished"),
            Meta(document, "og:published_time"),
            Meta(document, "pubdate"),
            Meta(document, "publishdate"),
            Meta(document, "date"),
            Meta(document, "dc.date"),
            Meta(document, "dc.date.issued"),
            Meta(document, "parsely-pub-date"),
            Meta(document, "sailthru.date"),
            (document.QuerySelector("article time[datetime]") ?? document.QuerySelector("time[datetime]"))?.GetAttribute("datetime"),
        };
        foreach (var value in machine)
            if (Dates.ParseMachine(value) is { } parsed) return parsed;

        foreach (var element in document.QuerySelectorAll("time, [class*='date' i], [class*='time' i], [class*='publi' i], [class*='byline' i], [class*='meta' i], [class*='info' i]"))
        {
            var text = TextBlocks.Collapse(element.TextContent);
            if (text.Length < 160 && Dates.ParseVisible(text) is { } visible) return visible;
        }
        return null;
    }

    private static string? CanonicalOf(IDocument document, JsonLdArticle? jsonLd, Uri? pageUrl)
    {
        var candidates = new[]
        {
            document.QuerySelector("link[rel~='canonical' i]")?.GetAttribute("href"),
            Meta(document, "og:url"),
            jsonLd?.Url,
        };
        foreach (var candidate in candidates)
            if (Absolute(candidate, pageUrl) is { } url) return url;
        return pageUrl is null ? null : Absolute(pageUrl.AbsoluteUri, null);
    }

    private static string? Absolute(string? href, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        // Resolve against the page first: on Unix "/path" alone would parse as an absolute file URI.
        var resolved = baseUrl is not null
            ? Uri.TryCreate(baseUrl, href.Trim(), out var uri)
            : Uri.TryCreate(href.Trim(), UriKind.Absolute, out uri);
        if (!resolved || uri is null) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        return UrlNormalizer.StripTracking(uri);
    }
}

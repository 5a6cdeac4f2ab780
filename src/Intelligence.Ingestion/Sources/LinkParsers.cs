using System.Xml;
using System.Xml.Linq;
using Intelligence.Ingestion.Reading;

namespace Intelligence.Ingestion.Sources;

/// <summary>An article URL found by discovery, with what the feed or sitemap said about it.</summary>
public sealed record DiscoveredLink(Uri Url, string? Title = null, DateTimeOffset? PublishedAt = null);

/// <summary>Thrown when a feed or sitemap is not the XML it should be.</summary>
public sealed class DiscoveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>RSS 2.0 (and 1.0), Atom and sitemap parsing. Namespaces are matched by local name; DTDs are never processed.</summary>
internal static class LinkParsers
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
    };

    public static XElement Load(string xml, Uri origin)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml.TrimStart('\uFEFF', ' ', '\r', '\n', '\t')), Settings);
            return XDocument.Load(reader).Root ?? throw new DiscoveryException($"{origin} holds no XML root element.");
        }
        catch (XmlException e)
        {
            throw new DiscoveryException($"{origin} is not well-formed XML (line {e.LineNumber}): {e.Message}", e);
        }
    }

    /// <summary>Items of an RSS or Atom feed, in feed order.</summary>
    public static IReadOnlyList<DiscoveredLink> Feed(XElement root, Uri origin)
    {
        var name = root.Name.LocalName.ToLowerInvariant();
        var links = name switch
        {
            "rss" or "rdf" => Children(root, "channel").SelectMany(c => Children(c, "item")).Concat(Children(root, "item")).Select(item => RssItem(item, origin)),
            "feed" => Children(root, "entry").Select(entry => AtomEntry(entry, origin)),
            _ => throw new DiscoveryException($"{origin} is not an RSS or Atom feed (root element <{root.Name.LocalName}>)."),
        };
        return links.OfType<DiscoveredLink>().DistinctBy(l => l.Url.AbsoluteUri).ToList();
    }

    /// <summary>Pages of a sitemap; nested sitemaps of a sitemap index come back in <paramref name="nested"/>.</summary>
    public static IReadOnlyList<DiscoveredLink> Sitemap(XElement root, Uri origin, out IReadOnlyList<Uri> nested)
    {
        switch (root.Name.LocalName)
        {
            case "sitemapindex":
                nested = Children(root, "sitemap").Select(s => Absolute(Value(s, "loc"), origin)).OfType<Uri>().ToList();
                return [];
            case "urlset":
                nested = [];
                return Children(root, "url").Select(url =>
                {
                    var loc = Absolute(Value(url, "loc"), origin);
                    if (loc is null) return null;
                    var news = Children(url, "news").FirstOrDefault();
                    var published = Dates.ParseMachine(news is null ? Value(url, "lastmod") : Value(news, "publication_date"));
                    return new DiscoveredLink(loc, news is null ? null : Value(news, "title"), published);
                }).OfType<DiscoveredLink>().DistinctBy(l => l.Url.AbsoluteUri).ToList();
            default:
                throw new DiscoveryException($"{origin} is not a sitemap (root element <{root.Name.LocalName}>).");
        }
    }

    private static DiscoveredLink? RssItem(XElement item, Uri origin)
    {
        var link = Absolute(Value(item, "link"), origin);
        if (link is null)
        {
            var guid = Children(item, "guid").FirstOrDefault();
            if (guid is not null && (string?)guid.Attribute("isPermaLink") != "false") link = Absolute(guid.Value, origin);
        }
        if (link is null) return null;
        return new DiscoveredLink(link, Value(item, "title"), Dates.ParseMachine(Value(item, "pubDate") ?? Value(item, "date")));
    }

    private static DiscoveredLink? AtomEntry(XElement entry, Uri origin)
    {
        var links = Children(entry, "link").ToList();
        var alternate = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        var href = Absolute((string?)alternate?.Attribute("href"), origin);
        if (href is null) return null;
        return new DiscoveredLink(href, Value(entry, "title"), Dates.ParseMachine(Value(entry, "published") ?? Value(entry, "updated")));
    }

    private static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements().Where(e => string.Equals(e.Name.LocalName, localName, StringComparison.OrdinalIgnoreCase));

    private static string? Value(XElement parent, string localName)
    {
        var value = Children(parent, localName).FirstOrDefault()?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static Uri? Absolute(string? href, Uri origin)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        return Uri.TryCreate(origin, href.Trim(), out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;
    }
}

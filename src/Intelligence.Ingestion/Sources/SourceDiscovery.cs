using Intelligence.Ingestion.Safety;
using Intelligence.Ingestion.Fetching;

namespace Intelligence.Ingestion.Sources;

/// <summary>The article URLs a source offers now; <see cref="NotModified"/> when its feed answered 304.</summary>
public sealed record Discovery(IReadOnlyList<DiscoveredLink> Links, bool NotModified);

/// <summary>Turns a source into article URLs: feeds and sitemaps through the fetcher (conditional GET), files from disk.</summary>
public sealed class SourceDiscovery(Fetcher fetcher)
{
    private const int MaxNestedSitemaps = 20;

    public async Task<Discovery> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind switch
        {
            SourceKind.Page => new Discovery([new DiscoveredLink(RequireUrl(source))], false),
            SourceKind.File => new Discovery(LocalFiles(source), false),
            SourceKind.Rss or SourceKind.Atom => await FeedAsync(source, cancellationToken),
            SourceKind.Sitemap => await SitemapAsync(source, cancellationToken),
            _ => throw new DiscoveryException($"Source '{source.Id}' has an unknown kind {source.Kind}."),
        };
    }

    private async Task<Discovery> FeedAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchAsync(Request(source, RequireUrl(source)), cancellationToken);
        if (fetched.NotModified) return new Discovery([], true);
        var links = LinkParsers.Feed(LinkParsers.Load(fetched.Text, fetched.FinalUrl), fetched.FinalUrl);
        return new Discovery(links.Take(source.MaxArticlesPerRun).ToList(), false);
    }

    private async Task<Discovery> SitemapAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var root = await fetcher.FetchAsync(Request(source, RequireUrl(source)), cancellationToken);
        if (root.NotModified) return new Discovery([], true);
        var links = LinkParsers.Sitemap(LinkParsers.Load(root.Text, root.FinalUrl), root.FinalUrl, out var nested).ToList();
        foreach (var child in nested.Take(MaxNestedSitemaps))
        {
            var fetched = await fetcher.FetchAsync(Request(source, child), cancellationToken);
            if (fetched.NotModified) continue;
            links.AddRange(LinkParsers.Sitemap(LinkParsers.Load(fetched.Text, fetched.FinalUrl), fetched.FinalUrl, out _));
        }
        // News sitemaps list the newest first, but plain ones do not: sort by date when dates are given.
        var ordered = links.DistinctBy(l => l.Url.AbsoluteUri).OrderByDescending(l => l.PublishedAt ?? DateTimeOffset.MinValue);
        return new Discovery(ordered.Take(source.MaxArticlesPerRun).ToList(), false);
    }

    private static IReadOnlyList<DiscoveredLink> LocalFiles(SourceDefinition source)
    {
        var path = source.Path ?? throw new DiscoveryException($"Source '{source.Id}' is a file source without a path.");
        if (source.FileRoots is { } roots && !FileRoots.Contains(roots, path))
            throw new DiscoveryException($"Source '{source.Id}': {path} is outside the directories this server lets file sources read.");
        IEnumerable<string> files;
        if (File.Exists(path)) files = [path];
        else if (Directory.Exists(path))
            files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
        else throw new DiscoveryException($"Source '{source.Id}': {path} is neither a file nor a directory.");
        // A link inside an allowed folder must not lead out of it.
        if (source.FileRoots is { } allowed) files = files.Where(f => FileRoots.Contains(allowed, f));
        return files.Take(source.MaxArticlesPerRun).Select(f => new DiscoveredLink(new Uri(Path.GetFullPath(f)))).ToList();
    }

    private static FetchRequest Request(SourceDefinition source, Uri url) => new(url, ExpectedContent.Xml)
    {
        AllowPrivate = source.AllowPrivateAddresses,
        HostDelay = source.HostDelay,
    };

    private static Uri RequireUrl(SourceDefinition source) =>
        source.Url ?? throw new DiscoveryException($"Source '{source.Id}' ({source.Kind}) has no url.");
}

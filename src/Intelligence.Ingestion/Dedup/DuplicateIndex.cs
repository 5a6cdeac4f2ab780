namespace Intelligence.Ingestion.Dedup;

public enum CopyKind
{
    /// <summary>Same article id (same normalized or canonical URL).</summary>
    SameUrl,

    /// <summary>Same normalized text under another URL.</summary>
    SameText,

    /// <summary>SimHash within <see cref="ArticleIdentity.NearDuplicateDistance"/> bits: a syndicated or lightly edited copy.</summary>
    NearDuplicate,
}

/// <summary>The article an incoming one copies.</summary>
public sealed record ArticleCopy(Guid OriginalId, string OriginalUrl, CopyKind Kind, int Distance);

/// <summary>
/// Articles seen so far, checked in order: id, exact text hash, then SimHash near-duplicates.
/// Thread-safe. The crawler keeps one per run; the server can keep a longer-lived one or its own store.
/// </summary>
public sealed class DuplicateIndex
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, string> _ids = [];
    private readonly Dictionary<string, (Guid Id, string Url)> _texts = new(StringComparer.Ordinal);
    private readonly List<(ulong SimHash, Guid Id, string Url, HashSet<ulong>? Shingles)> _fingerprints = [];

    // On news-length texts (100-1,000 words) a one-word edit can flip 4-10 SimHash bits. Within a wider radius a
    // candidate is confirmed by the Jaccard resemblance of the word-bigram sets, which the index has in memory.
    private const int ConfirmRadius = ArticleIdentity.ConfirmRadius;
    private const double ConfirmResemblance = ArticleIdentity.ConfirmResemblance;

    /// <summary>Returns the original this article copies, or null after adding it as a new original.</summary>
    /// <param name="text">The article text; when given, near-duplicates a little past the SimHash threshold are confirmed by resemblance.</param>
    public ArticleCopy? CheckAndAdd(Guid id, string url, string textHash, ulong simHash, string? text = null)
    {
        var shingles = text is null ? null : ArticleIdentity.Shingles(text);
        lock (_gate)
        {
            if (_ids.TryGetValue(id, out var sameUrl)) return new ArticleCopy(id, sameUrl, CopyKind.SameUrl, 0);
            if (_texts.TryGetValue(textHash, out var sameText)) return new ArticleCopy(sameText.Id, sameText.Url, CopyKind.SameText, 0);

            var nearest = _fingerprints
                .Select(f => (f.Id, f.Url, f.Shingles, Distance: ArticleIdentity.Distance(f.SimHash, simHash)))
                .Where(f => f.Distance <= ArticleIdentity.NearDuplicateDistance
                    || (f.Distance <= ConfirmRadius && ArticleIdentity.Resemblance(f.Shingles, shingles) >= ConfirmResemblance))
                .OrderBy(f => f.Distance)
                .FirstOrDefault();
            if (nearest.Url is not null) return new ArticleCopy(nearest.Id, nearest.Url, CopyKind.NearDuplicate, nearest.Distance);

            _ids[id] = url;
            _texts[textHash] = (id, url);
            _fingerprints.Add((simHash, id, url, shingles));
            return null;
        }
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Intelligence.Server.GraphQL.Caching;

/// <summary>
/// Whole responses of read-only queries that were built only from versioned documents (timelines, company profiles
/// served by <see cref="ProjectionCache"/>). Keyed by the exact request body and the caller's role; served again only
/// after every document it was built from is checked to still have the version it had (one indexed lookup each), so a
/// cached response is never stale. A query that resolves any field not declared cacheable (facts, articles, as-of folds,
/// name lookups) is not kept: see <see cref="CacheableFields"/>.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    /// <summary>Bounded by the size of the cached response bodies.</summary>
    public const long CapacityBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _responses = new(new MemoryCacheOptions { SizeLimit = CapacityBytes });
    private readonly ProjectionCache _documents;
    private long _hits;

    public ResponseCache(ProjectionCache documents) => _documents = documents;

    public sealed record Entry(byte[] Body, IReadOnlyList<VersionedRead> Reads);

    /// <summary>Responses served from the cache since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public static string KeyOf(ReadOnlySpan<byte> requestBody, string role) =>
        role + ":" + Convert.ToHexString(SHA256.HashData(requestBody));

    /// <summary>The cached body when every document it was built from is unchanged; null otherwise.</summary>
    public async Task<byte[]?> Find(string key, CancellationToken ct)
    {
        if (!_responses.TryGetValue(key, out Entry? entry) || entry is null) return null;
        foreach (var read in entry.Reads)
        {
            if (await _documents.IsCurrent(read, ct)) continue;
            _responses.Remove(key);
            return null;
        }
        Interlocked.Increment(ref _hits);
        return entry.Body;
    }

    /// <summary>Keeps a response that was built from versioned documents only.</summary>
    public void Keep(string key, byte[] body, ResponseReads reads)
    {
        if (!reads.Tracked || reads.Documents.Count == 0) return;
        _responses.Set(key, new Entry(body, [.. reads.Documents.Distinct()]), new MemoryCacheEntryOptions { Size = body.Length });
    }

    public void Dispose() => _responses.Dispose();
}

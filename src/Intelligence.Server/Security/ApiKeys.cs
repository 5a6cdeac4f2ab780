using System.Collections.Concurrent;
using Marten;

namespace Intelligence.Server.Security;

/// <summary>
/// Lists and checks API keys (Marten documents holding the SHA-256 of each secret; <see cref="CreateApiKey"/> and
/// <see cref="RevokeApiKey"/> change them).
/// Checks are cached for <see cref="CacheFor"/> per node, so a revocation made on another node takes effect within that time
/// (at once on the node that revoked it).
/// </summary>
public sealed class ApiKeys(IDocumentStore store, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private const int MaxCached = 10_000;
    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ApiKey>> List(bool includeRevoked = true, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var keys = await session.Query<ApiKey>().OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return includeRevoked ? keys : keys.Where(k => !k.Revoked).ToList();
    }

    /// <summary>A key revoked and stored (<see cref="RevokeApiKeyHandler"/>): refused at once on this node.</summary>
    public void Revoked(ApiKey key)
    {
        _cache.TryRemove(key.Hash, out _);
        KeyRevoked?.Invoke(key.Id);
    }

    /// <summary>Raised on this node when a key is revoked here (open WebSockets of the key close at once).</summary>
    public event Action<Guid>? KeyRevoked;

    /// <summary>Whether the key with this id exists and is not revoked, read from the store (no cache).</summary>
    public async Task<bool> IsLive(Guid id, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<ApiKey>(id, ct) is { Revoked: false };
    }

    /// <summary>The live (not revoked) key for this secret, or null.</summary>
    public async Task<ApiKey?> Authenticate(string secret, CancellationToken ct = default)
    {
        if (!ApiKeySecrets.LooksValid(secret)) return null;
        var hash = ApiKeySecrets.Hash(secret);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now) return cached.Key;

        await using var session = store.QuerySession();
        var key = await session.Query<ApiKey>().Where(k => k.Hash == hash).FirstOrDefaultAsync(ct);
        if (key is null || key.Revoked)
        {
            _cache.TryRemove(hash, out _);
            return null;
        }
        if (_cache.Count >= MaxCached) _cache.Clear();
        _cache[hash] = (key, now + CacheFor);
        return key;
    }
}

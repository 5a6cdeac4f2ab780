using System.Collections.Concurrent;
using Marten;

namespace Intelligence.Server.Security;

public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>
/// Creates, lists, revokes and checks API keys (Marten documents holding the SHA-256 of each secret).
/// Checks are cached for <see cref="CacheFor"/> per node, so a revocation made on another node takes effect within that time
/// (at once on the node that revoked it).
/// </summary>
public sealed class ApiKeys(IDocumentStore store, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private const int MaxCached = 10_000;
    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<CreatedApiKey> Create(ApiRole role, string? name, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role)) throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        var secret = ApiKeySecrets.NewSecret();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = string.IsNullOrWhiteSpace(name) ? role.ToString().ToLowerInvariant() : name.Trim(),
            Role = role,
            Hash = ApiKeySecrets.Hash(secret),
            Prefix = secret[..ApiKeySecrets.DisplayPrefixLength],
            CreatedAt = time.GetUtcNow(),
        };
        await using var session = store.LightweightSession();
        session.Insert(key);
        await session.SaveChangesAsync(ct);
        return new CreatedApiKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> List(bool includeRevoked = true, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var keys = await session.Query<ApiKey>().OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return includeRevoked ? keys : keys.Where(k => !k.Revoked).ToList();
    }

    /// <summary>Revokes the key with this id, or the one key whose display prefix starts with it. Null when none (or several) match.</summary>
    public async Task<ApiKey?> Revoke(string idOrPrefix, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        ApiKey? key;
        if (Guid.TryParse(idOrPrefix, out var id)) key = await session.LoadAsync<ApiKey>(id, ct);
        else
        {
            var matches = await session.Query<ApiKey>().Where(k => k.Prefix.StartsWith(idOrPrefix)).Take(2).ToListAsync(ct);
            key = matches.Count == 1 && idOrPrefix.Length >= ApiKeySecrets.Prefix.Length + 4 ? matches[0] : null;
        }
        if (key is null) return null;
        if (!key.Revoked)
        {
            key.RevokedAt = time.GetUtcNow();
            session.Store(key);
            await session.SaveChangesAsync(ct);
        }
        _cache.TryRemove(key.Hash, out _);
        KeyRevoked?.Invoke(key.Id);
        return key;
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

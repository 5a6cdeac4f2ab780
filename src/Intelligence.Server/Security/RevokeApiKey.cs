using Marten;
using Wolverine.Marten;

namespace Intelligence.Server.Security;

/// <summary>Revoke the key with this id, or the one key whose display prefix starts with this.</summary>
public sealed record RevokeApiKey(string IdOrPrefix);

/// <summary>The revoked key (revoking a revoked key again changes nothing), or the problem.</summary>
public sealed record RevokeApiKeyResult(ApiKey? Revoked, IReadOnlyList<ApiKeyUserError> Errors);

public static class RevokeApiKeyHandler
{
    /// <summary>The key meant, or null when none (or several) match.</summary>
    public static async Task<ApiKey?> LoadAsync(RevokeApiKey command, IDocumentSession session, CancellationToken ct)
    {
        var idOrPrefix = command.IdOrPrefix;
        if (Guid.TryParse(idOrPrefix, out var id)) return await session.LoadAsync<ApiKey>(id, ct);
        if (idOrPrefix.Length < ApiKeySecrets.Prefix.Length + 4) return null;
        var matches = await session.Query<ApiKey>().Where(k => k.Prefix.StartsWith(idOrPrefix)).Take(2).ToListAsync(ct);
        return matches.Count == 1 ? matches[0] : null;
    }

    public static (RevokeApiKeyResult, IMartenOp) Handle(RevokeApiKey command, ApiKey? key, TimeProvider time)
    {
        if (key is null)
            return (new RevokeApiKeyResult(null, [new ApiKeyUserError("id", $"No API key {command.IdOrPrefix}.", "NOT_FOUND")]), MartenOps.Nothing());
        if (key.Revoked) return (new RevokeApiKeyResult(key, []), MartenOps.Nothing());
        key.RevokedAt = time.GetUtcNow();
        return (new RevokeApiKeyResult(key, []), MartenOps.Store(key));
    }

    /// <summary>Once the revocation is stored, this node refuses the key at once and closes its sockets.</summary>
    public static void AfterCommit(ApiKey? key, ApiKeys keys)
    {
        if (key is not null) keys.Revoked(key);
    }
}

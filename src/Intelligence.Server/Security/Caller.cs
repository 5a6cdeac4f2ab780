using System.Net;
using System.Security.Claims;
using GraphQL;
using Intelligence.Server.Hosting;

namespace Intelligence.Server.Security;

/// <summary>Who is calling: carried to GraphQL as the execution's ClaimsPrincipal.</summary>
public sealed record Caller(ApiRole Role, Guid? KeyId, string Name)
{
    public const string ApiKeyScheme = "ApiKey";
    public const string DevAnonymousScheme = "DevAnonymous";
    private const string KeyIdClaim = "intel:key";

    public static Caller DevAnonymous { get; } = new(ApiRole.Reader, null, "anonymous (dev mode)");

    public bool IsAnonymous => KeyId is null;

    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, Name), new(ClaimTypes.Role, Role.ToString()) };
        if (KeyId is { } id) claims.Add(new Claim(KeyIdClaim, id.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, IsAnonymous ? DevAnonymousScheme : ApiKeyScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller of a principal made by <see cref="ToPrincipal"/>; null for anything else (no rights at all).</summary>
    public static Caller? From(ClaimsPrincipal? principal)
    {
        var identity = principal?.Identities.FirstOrDefault(i => i.AuthenticationType is ApiKeyScheme or DevAnonymousScheme);
        if (identity is null || !Enum.TryParse<ApiRole>(identity.FindFirst(ClaimTypes.Role)?.Value, out var role)) return null;
        Guid? keyId = Guid.TryParse(identity.FindFirst(KeyIdClaim)?.Value, out var id) ? id : null;
        return new Caller(role, keyId, identity.Name ?? "");
    }

    public bool Has(ApiRole role) => Role >= role;

    /// <summary>For resolvers (defence in depth besides <see cref="AuthorizationRule"/>): throws FORBIDDEN unless the caller has the role.</summary>
    public static Caller Require(IResolveFieldContext context, ApiRole role)
    {
        var caller = From(context.User);
        if (caller is null || !caller.Has(role))
            throw new ExecutionError($"This needs an API key with the {role.ToString().ToLowerInvariant()} role.") { Code = "FORBIDDEN" };
        return caller;
    }
}

public enum AuthFailure { None, Missing, Invalid, Unavailable }

public sealed record AuthOutcome(Caller? Caller, AuthFailure Failure, string? Message)
{
    public static AuthOutcome Ok(Caller caller) => new(caller, AuthFailure.None, null);
}

/// <summary>
/// Turns a presented secret (from `Authorization: Bearer`, or a WebSocket connection_init payload) into a caller.
/// No secret: anonymous reads in dev mode from a loopback address, otherwise refused. A wrong secret is always refused.
/// </summary>
public sealed class CallerAuthenticator(ApiKeys keys, IntelligenceOptions options)
{
    public async Task<AuthOutcome> Authenticate(string? secret, IPAddress? remote, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            if (options.DevMode && IsLoopback(remote)) return AuthOutcome.Ok(Caller.DevAnonymous);
            return new AuthOutcome(null, AuthFailure.Missing,
                "Authentication required: send an API key as `Authorization: Bearer <key>` (create one with `intel keys create --role reader`).");
        }
        ApiKey? key;
        try
        {
            key = await keys.Authenticate(secret.Trim(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new AuthOutcome(null, AuthFailure.Unavailable, "The key store is unavailable; try again shortly.");
        }
        return key is null
            ? new AuthOutcome(null, AuthFailure.Invalid, "Invalid or revoked API key.")
            : AuthOutcome.Ok(new Caller(key.Role, key.Id, key.Name));
    }

    /// <summary>Whether the caller's key is still live, read from the store (not the cache): for long-lived connections.</summary>
    public async Task<bool> StillValid(Caller caller, CancellationToken ct) => caller.KeyId is not { } id || await keys.IsLive(id, ct);

    /// <summary>Calls <paramref name="revoked"/> when the caller's key is revoked on this node; dispose to stop listening.</summary>
    public IDisposable OnRevoked(Caller caller, Action revoked)
    {
        if (caller.KeyId is not { } id) return new Unsubscribe(() => { });
        Action<Guid> handler = key => { if (key == id) revoked(); };
        keys.KeyRevoked += handler;
        return new Unsubscribe(() => keys.KeyRevoked -= handler);
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>The secret of an `Authorization` header value: `Bearer &lt;key&gt;` (a bare key is accepted too).</summary>
    public static string? SecretOf(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return null;
        var value = authorization.Trim();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;
    }

    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}

using System.Security.Cryptography;
using System.Text;

namespace Intelligence.Server.Security;

/// <summary>What a key may do. Each role includes the ones below it.</summary>
public enum ApiRole
{
    /// <summary>Queries and subscriptions.</summary>
    Reader = 1,
    /// <summary>Also mutations.</summary>
    Editor = 2,
    /// <summary>Also API key management.</summary>
    Admin = 3,
}

/// <summary>
/// An API key as stored: only the SHA-256 of the secret is kept, never the secret itself (it is shown once, at creation).
/// <see cref="Prefix"/> (the first characters of the secret) lets people recognise a key in a list.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public ApiRole Role { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole secret (including its `intel_` prefix).</summary>
    public string Hash { get; set; } = "";
    public string Prefix { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public bool Revoked => RevokedAt is not null;
}

public static class ApiKeySecrets
{
    public const string Prefix = "intel_";
    public const int DisplayPrefixLength = 12;

    /// <summary>A new secret: `intel_` + 32 random bytes in base64url (no padding).</summary>
    public static string NewSecret()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Cheap shape check before any lookup: the prefix and 43 base64url characters.</summary>
    public static bool LooksValid(string secret) =>
        secret.Length == Prefix.Length + 43 && secret.StartsWith(Prefix, StringComparison.Ordinal)
        && secret.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}

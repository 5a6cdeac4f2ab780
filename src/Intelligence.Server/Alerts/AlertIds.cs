using System.Security.Cryptography;
using System.Text;

namespace Intelligence.Server.Alerts;

/// <summary>
/// Deterministic ids (UUID v5): a rule is named once per name, and an alert once per (rule, fact identity), so a second
/// raise for the same fact finds the stream already there instead of starting another.
/// </summary>
public static class AlertIds
{
    private static readonly Guid RuleNamespace = new("5b1c64a2-3a55-4f7e-9d2c-7f1e0b7a0a01");
    private static readonly Guid AlertNamespace = new("5b1c64a2-3a55-4f7e-9d2c-7f1e0b7a0a02");

    public static Guid Rule(string name) => UuidV5(RuleNamespace, name.Trim().ToLowerInvariant());

    public static Guid Alert(Guid ruleId, string factKey) => UuidV5(AlertNamespace, ruleId.ToString("N") + "|" + factKey);

    public static Guid UuidV5(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(buffer.AsSpan(0, 16), bigEndian: true, out _);
        nameBytes.CopyTo(buffer, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buffer, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}

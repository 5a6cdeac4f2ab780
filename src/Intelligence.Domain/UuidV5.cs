using System.Security.Cryptography;
using System.Text;

namespace Intelligence.Domain;

/// <summary>
/// Name-based UUID, version 5 (RFC 9562 §5.5): SHA-1 over namespace bytes then the UTF-8 name. The ids of articles,
/// alert rules and alerts: changing it would re-key what is stored.
/// </summary>
public static class UuidV5
{
    public static Guid Create(Guid namespaceId, string name)
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

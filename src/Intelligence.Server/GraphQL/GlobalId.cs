using System.Text;

namespace Intelligence.Server.GraphQL;

/// <summary>Opaque Relay ids and cursors: base64 of "Type:key". Clients must not parse them.</summary>
public static class GlobalId
{
    public static string Encode(string type, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    public static (string Type, string Key)? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(id));
            var colon = text.IndexOf(':');
            return colon <= 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using System.Net;

namespace Intelligence.Ingestion.Safety;

/// <summary>
/// The private addresses one source may reach, listed explicitly: "127.0.0.1:5123" (address and port),
/// "10.1.2.3" (any port), "10.0.0.0/8" (a range, any port). Empty (the default) allows none.
/// </summary>
public sealed class PrivateAddressAllowList
{
    public static readonly PrivateAddressAllowList None = new([]);

    private readonly (IPNetwork Network, int? Port)[] _entries;

    public PrivateAddressAllowList(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();
        _entries = Entries.Select(Parse).ToArray();
    }

    public IReadOnlyList<string> Entries { get; }

    public bool IsEmpty => _entries.Length == 0;

    /// <summary>Entries that name a range wider than one address ("10.0.0.0/8", "0.0.0.0/0"): never accepted from the API.</summary>
    public IReadOnlyList<string> Ranges =>
        [.. Entries.Where((e, i) => _entries[i].Network.PrefixLength < _entries[i].Network.BaseAddress.GetAddressBytes().Length * 8)];

    /// <summary>The same list without its ranges (single addresses and address:port entries only).</summary>
    public PrivateAddressAllowList WithoutRanges() => new(Entries.Except(Ranges));

    /// <summary>Stable text of the list, used to give each distinct allow-list its own connection pool.</summary>
    public string Key => string.Join(',', Entries);

    public bool Allows(IPAddress address, int port)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var (network, allowedPort) in _entries)
        {
            if (network.BaseAddress.AddressFamily != address.AddressFamily) continue;
            if (network.Contains(address) && (allowedPort is null || allowedPort == port)) return true;
        }
        return false;
    }

    public static bool TryValidate(string entry, out string? error)
    {
        try
        {
            Parse(entry.Trim());
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static (IPNetwork, int?) Parse(string entry)
    {
        if (IPNetwork.TryParse(entry, out var range)) return (range, null);
        if (IPAddress.TryParse(entry, out var single)) return (new IPNetwork(single, single.GetAddressBytes().Length * 8), null);
        if (IPEndPoint.TryParse(entry, out var endPoint) && endPoint.Port != 0)
            return (new IPNetwork(endPoint.Address, endPoint.Address.GetAddressBytes().Length * 8), endPoint.Port);
        throw new FormatException(
            $"'{entry}' is not an allowed-private-address entry: use an IP address, an address:port (\"127.0.0.1:8080\", \"[::1]:8080\") or a CIDR range (\"10.0.0.0/8\").");
    }
}

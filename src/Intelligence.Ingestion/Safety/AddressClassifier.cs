using System.Net;
using System.Net.Sockets;

namespace Intelligence.Ingestion.Safety;

public enum AddressKind
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    Multicast,
    CloudMetadata,
    Unspecified,
    Reserved,
}

/// <summary>Sorts an IP address into public or one of the ranges a crawler must not reach by default.</summary>
public static class AddressClassifier
{
    private static readonly (IPNetwork Network, AddressKind Kind)[] Ranges =
    [
        (IPNetwork.Parse("169.254.169.254/32"), AddressKind.CloudMetadata),
        (IPNetwork.Parse("fd00:ec2::254/128"), AddressKind.CloudMetadata),
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.Unspecified),
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.Private), // carrier-grade NAT
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Reserved), // includes 255.255.255.255
        (IPNetwork.Parse("192.0.0.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("198.18.0.0/15"), AddressKind.Reserved),
        (IPNetwork.Parse("::/128"), AddressKind.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback),
        (IPNetwork.Parse("fc00::/7"), AddressKind.Private),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Multicast),
        (IPNetwork.Parse("64:ff9b::/96"), AddressKind.Reserved), // NAT64 well-known prefix: 64:ff9b::a00:1 reaches 10.0.0.1
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressKind.Reserved), // local-use NAT64
    ];

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // "::ffff:10.0.0.1" and friends reach the IPv4 address they embed.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && IsIPv4Compatible(address))
            address = new IPAddress(address.GetAddressBytes()[12..]);

        foreach (var (network, kind) in Ranges)
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
                return kind;
        return AddressKind.Public;
    }

    public static bool IsPublic(IPAddress address) => Classify(address) == AddressKind.Public;

    // Deprecated "::a.b.c.d" form; still routed by some stacks.
    private static bool IsIPv4Compatible(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes[..12].All(b => b == 0) && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1);
    }
}

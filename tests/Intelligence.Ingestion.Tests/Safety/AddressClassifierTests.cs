using System.Net;
using Intelligence.Ingestion.Safety;

namespace Intelligence.Ingestion.Tests.Safety;

public class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.8.9.10", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("169.254.169.254", AddressKind.CloudMetadata)]
    [InlineData("169.254.1.1", AddressKind.LinkLocal)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd12:3456::1", AddressKind.Private)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("64:ff9b::a00:1", AddressKind.Reserved)] // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.Reserved)] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::1", AddressKind.Reserved)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("2606:4700::1111", AddressKind.Public)]
    public void Classifies_addresses(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Allow_list_entries_are_explicit()
    {
        var list = new PrivateAddressAllowList(["127.0.0.1:8080", "10.1.0.0/16", "::1"]);

        Assert.True(list.Allows(IPAddress.Loopback, 8080));
        Assert.False(list.Allows(IPAddress.Loopback, 8081));
        Assert.True(list.Allows(IPAddress.Parse("10.1.2.3"), 443));
        Assert.False(list.Allows(IPAddress.Parse("10.2.0.1"), 443));
        Assert.True(list.Allows(IPAddress.IPv6Loopback, 1));
        Assert.False(PrivateAddressAllowList.None.Allows(IPAddress.Loopback, 8080));
        Assert.False(PrivateAddressAllowList.TryValidate("localhost", out var error));
        Assert.Contains("CIDR", error);
    }
}

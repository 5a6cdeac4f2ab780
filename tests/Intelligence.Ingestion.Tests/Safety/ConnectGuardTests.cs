using System.Net;
using System.Net.Sockets;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Safety;
using Intelligence.Ingestion.Tests.Web;

namespace Intelligence.Ingestion.Tests.Safety;

/// <summary>The connect-time guard every outbound request uses: an operator-trusted host name is dialled, nothing else private is.</summary>
public class ConnectGuardTests
{
    private static readonly Uri Url = new("http://site.fixture/");

    [Fact]
    public async Task A_trusted_host_and_port_reach_their_private_address_and_nothing_else_does()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var network = new GuardedNetwork();

        var trusted = new ConnectGuard(PrivateAddressAllowList.None, network.Access, [$"site.fixture:{port}"]);
        await using (var stream = await trusted.ConnectAsync("site.fixture", port, Url, CancellationToken.None)) Assert.True(stream.CanWrite);

        var anyPort = new ConnectGuard(PrivateAddressAllowList.None, network.Access, ["site.fixture:*"]);
        await using (await anyPort.ConnectAsync("site.fixture", port, Url, CancellationToken.None)) { }

        // Another port of the trusted name, another name, or no trust at all: refused before any socket exists.
        await Assert.ThrowsAsync<FetchRefusedException>(() => trusted.ConnectAsync("site.fixture", port + 1, Url, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<FetchRefusedException>(() => trusted.ConnectAsync("rebind.fixture", port, Url, CancellationToken.None).AsTask());
        var plain = new ConnectGuard(PrivateAddressAllowList.None, network.Access);
        await Assert.ThrowsAsync<FetchRefusedException>(() => plain.ConnectAsync("site.fixture", port, Url, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<FetchRefusedException>(() => plain.ConnectAsync("[64:ff9b::a00:1]", 443, Url, CancellationToken.None).AsTask());
        Assert.Empty(network.ForbiddenAttempts);
    }

    [Fact]
    public void Ranges_are_told_apart_from_single_addresses()
    {
        var list = new PrivateAddressAllowList(["0.0.0.0/0", "::/0", "10.0.0.0/8", "10.1.2.3", "127.0.0.1:8080", "[::1]:8080", "10.9.9.9/32"]);
        Assert.Equal(["0.0.0.0/0", "10.0.0.0/8", "::/0"], list.Ranges.Order(StringComparer.Ordinal));
        Assert.Equal(["10.1.2.3", "10.9.9.9/32", "127.0.0.1:8080", "[::1]:8080"], list.WithoutRanges().Entries.Order(StringComparer.Ordinal));
    }
}

using System.Net;
using System.Net.Sockets;
using Intelligence.Ingestion.Fetching;

namespace Intelligence.Ingestion.Safety;

/// <summary>Resolves a host name to addresses (DNS by default; tests substitute their own).</summary>
public delegate ValueTask<IPAddress[]> ResolveHost(string host, CancellationToken cancellationToken);

/// <summary>Opens a TCP stream to an address that has already been vetted.</summary>
public delegate ValueTask<Stream> OpenConnection(IPEndPoint endPoint, CancellationToken cancellationToken);

/// <summary>How the fetcher reaches the network; tests replace parts to prove no forbidden socket is ever opened.</summary>
public sealed record NetworkAccess(ResolveHost Resolve, OpenConnection Open)
{
    public static readonly NetworkAccess Default = new(
        async (host, ct) => await Dns.GetHostAddressesAsync(host, ct),
        async (endPoint, ct) =>
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        });
}

/// <summary>
/// The SSRF check, run as SocketsHttpHandler.ConnectCallback: the host is resolved here and only vetted addresses
/// are dialled, so redirects and DNS rebinding cannot steer a request to a private address after a check elsewhere.
/// Every outbound request of the system goes through one (see <see cref="EgressHandler"/>): pages, feeds, robots.txt,
/// the GPU endpoint and Slack webhooks.
/// </summary>
/// <param name="trustedHosts">
/// "host:port" pairs ("host:*" for any port) an operator configured by name (a self-hosted webhook receiver, the GPU
/// endpoint): their addresses are dialled whatever they are. Never filled from an API caller's input.
/// </param>
public sealed class ConnectGuard(PrivateAddressAllowList allowList, NetworkAccess network, IReadOnlyCollection<string>? trustedHosts = null)
{
    private readonly HashSet<string> _trusted = new(trustedHosts ?? [], StringComparer.OrdinalIgnoreCase);

    private bool IsTrusted(string host, int port)
    {
        var name = host.Trim('[', ']');
        return _trusted.Contains($"{name}:{port}") || _trusted.Contains($"{name}:*");
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var url = context.InitialRequestMessage.RequestUri ?? new Uri($"http://{context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}/");
        return await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, url, cancellationToken);
    }

    public async ValueTask<Stream> ConnectAsync(string host, int port, Uri url, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await network.Resolve(host, cancellationToken);

        var permitted = new List<IPAddress>();
        var refused = new List<string>();
        foreach (var address in addresses)
        {
            var kind = AddressClassifier.Classify(address);
            if (kind == AddressKind.Public || allowList.Allows(address, port) || IsTrusted(host, port)) permitted.Add(address);
            else refused.Add($"{address} ({kind.ToString().ToLowerInvariant()})");
        }

        if (permitted.Count == 0)
        {
            var why = refused.Count == 0
                ? $"the host {host} did not resolve to any address"
                : $"{host}:{port} resolves to {string.Join(", ", refused)}, a non-public address that this source does not allow";
            throw new FetchRefusedException(url, RefusalReason.PrivateAddress,
                $"Refused to connect for {url}: {why}. List the address in the source's allowPrivateAddresses to permit it.");
        }

        Exception? last = null;
        foreach (var address in permitted)
        {
            try
            {
                return await network.Open(new IPEndPoint(address, port), cancellationToken);
            }
            catch (SocketException e)
            {
                last = e;
            }
        }
        throw new HttpRequestException($"Could not connect to {host}:{port}: {last?.Message}", last);
    }
}

/// <summary>The one way the system builds an outbound HTTP handler: no proxy, no automatic redirects, every connection through a <see cref="ConnectGuard"/>.</summary>
public static class EgressHandler
{
    public static SocketsHttpHandler Create(ConnectGuard guard, TimeSpan? connectTimeout = null) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
        ConnectCallback = guard.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>A handler that reaches only public addresses, plus the one host:port an operator configured (e.g. the GPU endpoint).</summary>
    public static SocketsHttpHandler ForConfiguredEndpoint(Uri endpoint, TimeSpan? connectTimeout = null) =>
        Create(new ConnectGuard(PrivateAddressAllowList.None, NetworkAccess.Default, [$"{endpoint.Host.Trim('[', ']')}:{endpoint.Port}"]), connectTimeout);
}

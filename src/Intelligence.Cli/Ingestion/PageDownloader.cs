using System.Net;
using System.Net.Sockets;
using Intelligence.Cli.Hosting;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Safety;

namespace Intelligence.Cli.Ingestion;

/// <summary>Fetches one page for `intel ingest url` through the crawler's fetcher: robots.txt, SSRF guard, size and time caps.</summary>
public static class PageDownloader
{
    public static async Task<(Uri FinalUrl, string Html, string? Charset)> Download(Fetcher fetcher, Uri url, bool allowPrivate, CancellationToken ct)
    {
        if (url.Scheme is not ("http" or "https")) throw new CliException($"Only http(s) URLs can be ingested, not '{url.Scheme}:'.");
        try
        {
            var allow = allowPrivate ? await AllowListFor(url, ct) : PrivateAddressAllowList.None;
            var result = await fetcher.FetchAsync(new FetchRequest(url) { AllowPrivate = allow }, ct);
            return (result.FinalUrl, result.Text, result.Charset);
        }
        catch (FetchException e)
        {
            throw new CliException($"Could not fetch {url}: {e.Message}");
        }
    }

    /// <summary>
    /// --allow-private opens exactly this URL's host and port, nothing wider: the addresses a host name
    /// (`localhost:8602`) resolves to now, each with the port; an address literal as it is.
    /// </summary>
    public static async Task<PrivateAddressAllowList> AllowListFor(Uri url, CancellationToken ct)
    {
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal))
            return new PrivateAddressAllowList([new IPEndPoint(literal, url.Port).ToString()]);
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(url.IdnHost, ct);
        }
        catch (SocketException e)
        {
            throw new CliException($"Could not resolve {url.Host}: {e.Message}");
        }
        return new PrivateAddressAllowList(addresses.Select(a => new IPEndPoint(a, url.Port).ToString()));
    }
}

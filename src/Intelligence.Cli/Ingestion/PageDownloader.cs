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
        // --allow-private opens exactly this URL's host and port, nothing wider.
        var allow = allowPrivate ? new PrivateAddressAllowList([$"{url.Host}:{url.Port}"]) : PrivateAddressAllowList.None;
        try
        {
            var result = await fetcher.FetchAsync(new FetchRequest(url) { AllowPrivate = allow }, ct);
            return (result.FinalUrl, result.Text, result.Charset);
        }
        catch (FetchException e)
        {
            throw new CliException($"Could not fetch {url}: {e.Message}");
        }
    }
}

using Intelligence.Cli.Hosting;

namespace Intelligence.Cli.Ingestion;

/// <summary>Fetches one page for `intel ingest url`.</summary>
public static class PageDownloader
{
    public static async Task<string> Download(Uri url, bool allowPrivate, CancellationToken ct)
    {
        if (url.Scheme is not ("http" or "https")) throw new CliException($"Only http(s) URLs can be ingested, not '{url.Scheme}:'.");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("IntelligenceBot/0.1 (+https://github.com/intelligence/intelligence)");
        try
        {
            using var response = await http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode) throw new CliException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            return await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"Could not fetch {url}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"Timed out fetching {url}.");
        }
    }
}

using System.Text;

namespace Intelligence.Ingestion.Dedup;

/// <summary>
/// One spelling per article URL: lower-case scheme and host, no fragment, no default port,
/// no tracking parameters, remaining parameters sorted, no trailing slash except on the root.
/// </summary>
internal static class UrlNormalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "_gl",
        "xtor", "ocid", "cmpid", "ncid", "sr_share", "at_medium", "at_campaign",
    };

    public static string Normalize(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Local files (`intel ingest file` on a page without a canonical link) keep their absolute file: URI as identity.
        if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var fileUri) && fileUri.IsFile) return fileUri.AbsoluteUri;
        var trimmed = url.Trim();
        var httpLike = trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (!httpLike || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{url}' is not an absolute http(s) or file URL.", nameof(url));

        var builder = new StringBuilder(url.Length);
        builder.Append(uri.Scheme).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort) builder.Append(':').Append(uri.Port);

        var path = uri.AbsolutePath;
        if (path.Length > 1 && path.EndsWith('/')) path = path.TrimEnd('/');
        builder.Append(path.Length == 0 ? "/" : path);

        var query = CleanQuery(uri.Query);
        if (query.Length > 0) builder.Append('?').Append(query);
        return builder.ToString();
    }

    public static bool IsTrackingParameter(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);

    /// <summary>Removes tracking parameters only, keeping order and everything else (for display URLs).</summary>
    public static string StripTracking(Uri uri)
    {
        if (uri.Query.Length <= 1) return RemoveFragment(uri);
        var kept = SplitQuery(uri.Query).Where(p => !IsTrackingParameter(p.Name)).Select(p => p.Raw).ToArray();
        var builder = new UriBuilder(uri) { Query = string.Join('&', kept), Fragment = "" };
        return builder.Uri.AbsoluteUri;
    }

    private static string RemoveFragment(Uri uri) =>
        uri.Fragment.Length == 0 ? uri.AbsoluteUri : uri.AbsoluteUri[..^uri.Fragment.Length];

    private static string CleanQuery(string query) =>
        string.Join('&', SplitQuery(query)
            .Where(p => !IsTrackingParameter(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Raw, StringComparer.Ordinal)
            .Select(p => p.Raw));

    private static IEnumerable<(string Name, string Raw)> SplitQuery(string query) =>
        query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(raw => (Name: Uri.UnescapeDataString(raw.Split('=', 2)[0]), Raw: raw));
}

namespace Intelligence.Server.Facts;

/// <summary>
/// How the async daemon pages the analyst views folded from fact events (company profiles, partnership timelines).
/// Their documents are large and a page of events touches the same few busy ones again and again.
/// </summary>
public static class AsyncFactViews
{
    /// <summary>Documents the leading daemon keeps in memory between pages (most recently used) instead of loading them again.</summary>
    public const int AggregateCacheSize = 1000;

    /// <summary>
    /// Events per daemon page (Marten's default is 500). Every page rewrites each document it touches once, whole; when the
    /// daemon falls behind, bigger pages mean fewer rewrites of a busy company's document.
    /// </summary>
    public const int PageSize = 2500;
}

using System.Collections.Concurrent;

namespace Intelligence.Ingestion.Robots;

/// <summary>The rules for one host, and until when they hold.</summary>
public sealed record RobotsEntry(RobotsTxt Rules, DateTimeOffset ExpiresAt, string Origin);

/// <summary>
/// robots.txt per origin (scheme, host, port), fetched once and kept until expiry; concurrent callers for one
/// origin share a single download.
/// </summary>
public sealed class RobotsCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsEntry>>> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="load">Downloads and parses the robots.txt at the URL it is given, when the cache has no fresh entry.</param>
    public async Task<RobotsTxt> GetAsync(Uri url, Func<Uri, CancellationToken, Task<RobotsEntry>> load, CancellationToken cancellationToken)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        for (var attempt = 0; ; attempt++)
        {
            var lazy = _entries.GetOrAdd(origin, o => new Lazy<Task<RobotsEntry>>(() => load(new Uri(o + "/robots.txt"), CancellationToken.None)));
            RobotsEntry entry;
            try
            {
                entry = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(KeyValuePair.Create(origin, lazy));
                throw;
            }
            if (entry.ExpiresAt > time.GetUtcNow() || attempt > 0) return entry.Rules;
            _entries.TryRemove(KeyValuePair.Create(origin, lazy));
        }
    }

    public void Forget(Uri url) => _entries.TryRemove(url.GetLeftPart(UriPartial.Authority), out _);
}

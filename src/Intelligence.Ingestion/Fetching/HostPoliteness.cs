using System.Collections.Concurrent;

namespace Intelligence.Ingestion.Fetching;

/// <summary>
/// Spaces requests to one host by a minimum delay and caps how many run at once per host and overall.
/// Each caller reserves the next free start time, so concurrent callers queue up instead of bursting.
/// </summary>
internal sealed class HostPoliteness(int maxPerHost, int maxOverall, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _overall = new(maxOverall, maxOverall);

    public async Task<IDisposable> EnterAsync(string host, TimeSpan delay, CancellationToken cancellationToken)
    {
        var slot = _hosts.GetOrAdd(host, _ => new HostSlot(maxPerHost));
        await slot.Concurrency.WaitAsync(cancellationToken);
        try
        {
            TimeSpan wait;
            lock (slot)
            {
                var now = time.GetUtcNow();
                var start = slot.NextStart > now ? slot.NextStart : now;
                slot.NextStart = start + delay;
                wait = start - now;
            }
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
            await _overall.WaitAsync(cancellationToken);
        }
        catch
        {
            slot.Concurrency.Release();
            throw;
        }
        return new Lease(this, slot);
    }

    private sealed class HostSlot(int maxPerHost)
    {
        public SemaphoreSlim Concurrency { get; } = new(maxPerHost, maxPerHost);

        public DateTimeOffset NextStart { get; set; }
    }

    private sealed class Lease(HostPoliteness owner, HostSlot slot) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            owner._overall.Release();
            slot.Concurrency.Release();
        }
    }
}

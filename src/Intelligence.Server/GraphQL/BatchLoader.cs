using GraphQL.DataLoader;

namespace Intelligence.Server.GraphQL;

/// <summary>
/// Collects the keys that resolvers ask for during one execution level and loads them in a single query when
/// GraphQL.NET first awaits a result (it resolves data-loader results after the level's fields are collected).
/// Scoped per request. GraphQL.NET's core package has IDataLoaderResult but no batch loader, hence this small one.
/// Its queries take a slot of the request's database share like any resolver's.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IDictionary<TKey, TValue>>> fetch,
    Limits.RequestDatabaseShare? share = null)
    where TKey : notnull
{
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, TValue?> _loaded = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public int Batches { get; private set; }

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_pending)
            if (!_loaded.ContainsKey(key)) _pending.Add(key);
        return new Result(this, key);
    }

    private async Task<TValue?> Get(TKey key, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            TKey[] batch;
            lock (_pending)
            {
                if (_loaded.TryGetValue(key, out var known)) return known;
                batch = [.. _pending];
                _pending.Clear();
            }
            if (batch.Length > 0)
            {
                Batches++;
                var found = share is null ? await fetch(batch, ct) : await share.Run(() => fetch(batch, ct), ct);
                lock (_pending)
                    foreach (var k in batch) _loaded[k] = found.TryGetValue(k, out var v) ? v : default;
            }
            lock (_pending) return _loaded.GetValueOrDefault(key);
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.Get(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

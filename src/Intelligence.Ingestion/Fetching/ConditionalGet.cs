using System.Collections.Concurrent;

namespace Intelligence.Ingestion.Fetching;

/// <summary>Validators from the last 200 response for a URL, sent back as If-None-Match / If-Modified-Since.</summary>
public sealed record ConditionalGetState(string? ETag, DateTimeOffset? LastModified);

/// <summary>Remembers validators per URL. The server persists them; <see cref="InMemoryConditionalGetStore"/> is for one process.</summary>
public interface IConditionalGetStore
{
    ValueTask<ConditionalGetState?> GetAsync(Uri url, CancellationToken cancellationToken);

    ValueTask SetAsync(Uri url, ConditionalGetState state, CancellationToken cancellationToken);
}

public sealed class InMemoryConditionalGetStore : IConditionalGetStore
{
    private readonly ConcurrentDictionary<string, ConditionalGetState> _states = new(StringComparer.Ordinal);

    public ValueTask<ConditionalGetState?> GetAsync(Uri url, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_states.TryGetValue(url.AbsoluteUri, out var state) ? state : null);

    public ValueTask SetAsync(Uri url, ConditionalGetState state, CancellationToken cancellationToken)
    {
        _states[url.AbsoluteUri] = state;
        return ValueTask.CompletedTask;
    }
}

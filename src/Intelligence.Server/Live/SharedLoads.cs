using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Live;

/// <summary>
/// What the subscribers of one live event load from the database (its article, its fact, its alert) is loaded once for
/// all of them: 10,000 subscriptions to one event cost one query per nested field, not one connection per subscriber.
/// The hub hands the same event instance to every subscriber, so the loads hang on that instance and go with it.
/// </summary>
public static class SharedLoads
{
    private static readonly ConditionalWeakTable<LiveEvent, ConcurrentDictionary<string, Lazy<Task<object?>>>> Loads = new();
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<T?> Once<T>(LiveEvent live, IServiceProvider services, object id, CancellationToken ct) where T : class
    {
        var loads = Loads.GetOrCreateValue(live);
        var load = loads.GetOrAdd($"{typeof(T).Name}:{id}", _ => new Lazy<Task<object?>>(() => Load<T>(services, id)));
        return (T?)await load.Value.WaitAsync(ct);
    }

    // Not tied to one subscriber's cancellation: a subscriber leaving must not fail the load the others wait for.
    private static async Task<object?> Load<T>(IServiceProvider services, object id) where T : class
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
        return id switch
        {
            Guid guid => await session.LoadAsync<T>(guid, timeout.Token),
            string key => await session.LoadAsync<T>(key, timeout.Token),
            _ => throw new ArgumentException($"Unsupported id type {id.GetType().Name}", nameof(id)),
        };
    }
}

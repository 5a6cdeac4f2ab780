using System.Collections.Concurrent;

namespace Intelligence.Server.GraphQL.Limits;

/// <summary>
/// WebSocket connections on this node, per API key, and operations (subscriptions) per key over all its sockets.
/// A socket over the limit is closed with 1013 (try again later); an operation over it gets the protocol's `error`.
/// </summary>
public sealed class SocketLimits(GraphQLLimits limits)
{
    private int _sockets;
    private readonly ConcurrentDictionary<string, StrongBox> _socketsPerKey = new();
    private readonly ConcurrentDictionary<string, StrongBox> _operationsPerKey = new();

    public const int TryAgainLater = 1013;

    public int Sockets => Volatile.Read(ref _sockets);

    public bool TryOpenSocket() => TryEnter(ref _sockets, limits.MaxSockets);
    public void CloseSocket() => Interlocked.Decrement(ref _sockets);

    public bool TryOpenForKey(string key) => TryEnter(ref _socketsPerKey.GetOrAdd(key, _ => new StrongBox()).Value, limits.MaxSocketsPerKey);
    public void CloseForKey(string key) => Interlocked.Decrement(ref _socketsPerKey.GetOrAdd(key, _ => new StrongBox()).Value);

    public bool TryStartOperation(string key) => TryEnter(ref _operationsPerKey.GetOrAdd(key, _ => new StrongBox()).Value, limits.MaxSubscriptionsPerKey);
    public void EndOperation(string key) => Interlocked.Decrement(ref _operationsPerKey.GetOrAdd(key, _ => new StrongBox()).Value);

    public int MaxSubscriptionsPerKey => limits.MaxSubscriptionsPerKey;

    private static bool TryEnter(ref int counter, int max)
    {
        if (Interlocked.Increment(ref counter) <= max) return true;
        Interlocked.Decrement(ref counter);
        return false;
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Raising;

namespace Intelligence.Server.Live;

/// <summary>A committed event worth telling subscribers about, loaded once per node.</summary>
public abstract record LiveEvent(long Sequence, DateTimeOffset Timestamp);

public sealed record LiveFact(long Sequence, DateTimeOffset Timestamp, FactExtracted Data) : LiveEvent(Sequence, Timestamp);

public sealed record LiveAlert(long Sequence, DateTimeOffset Timestamp, AlertRaised Data) : LiveEvent(Sequence, Timestamp);

/// <summary>
/// In-process fan-out of one node: <see cref="LiveListener"/> publishes each committed event once, every subscriber gets
/// the ones its filter accepts through its own bounded queue (a slow subscriber loses its oldest events, never slows others).
/// </summary>
public sealed class LiveHub
{
    public const int QueuePerSubscriber = 256;
    private readonly ConcurrentDictionary<Subscriber, byte> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    public IObservable<T> Watch<T>(Func<T, bool> filter) where T : LiveEvent =>
        new Source<T, T>(this, filter, static (item, _) => Task.FromResult<T?>(item));

    /// <summary>Like <see cref="Watch{T}(Func{T,bool})"/>, each accepted event then loaded (in order; null results skipped).</summary>
    public IObservable<TOut> Watch<T, TOut>(Func<T, bool> filter, Func<T, CancellationToken, Task<TOut?>> load) where T : LiveEvent where TOut : class =>
        new Source<T, TOut>(this, filter, load);

    public void Publish(LiveEvent live)
    {
        foreach (var subscriber in _subscribers.Keys) subscriber.Offer(live);
    }

    /// <summary>Ends every stream (server shutting down): subscribers get `complete`.</summary>
    public void CompleteAll()
    {
        foreach (var subscriber in _subscribers.Keys) subscriber.Complete();
    }

    private abstract class Subscriber
    {
        public abstract void Offer(LiveEvent live);
        public abstract void Complete();
    }

    private sealed class Source<T, TOut>(LiveHub hub, Func<T, bool> filter, Func<T, CancellationToken, Task<TOut?>> load) : IObservable<TOut> where T : LiveEvent
    {
        public IDisposable Subscribe(IObserver<TOut> observer)
        {
            var subscriber = new Subscriber<T, TOut>(hub, filter, load, observer);
            hub._subscribers.TryAdd(subscriber, 0);
            return subscriber;
        }
    }

    private sealed class Subscriber<T, TOut> : Subscriber, IDisposable where T : LiveEvent
    {
        private readonly LiveHub _hub;
        private readonly Func<T, bool> _filter;
        private readonly Func<T, CancellationToken, Task<TOut?>> _load;
        private readonly IObserver<TOut> _observer;
        private readonly Channel<T> _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(QueuePerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        private readonly CancellationTokenSource _disposed = new();

        public Subscriber(LiveHub hub, Func<T, bool> filter, Func<T, CancellationToken, Task<TOut?>> load, IObserver<TOut> observer)
        {
            _hub = hub;
            _filter = filter;
            _load = load;
            _observer = observer;
            _ = Task.Run(Pump);
        }

        public override void Offer(LiveEvent live)
        {
            if (live is not T typed) return;
            bool wanted;
            try { wanted = _filter(typed); }
            catch { wanted = false; }
            if (wanted) _queue.Writer.TryWrite(typed);
        }

        public override void Complete() => _queue.Writer.TryComplete();

        private async Task Pump()
        {
            try
            {
                await foreach (var item in _queue.Reader.ReadAllAsync(_disposed.Token))
                    if (await _load(item, _disposed.Token) is { } loaded) _observer.OnNext(loaded);
                if (!_disposed.IsCancellationRequested) _observer.OnCompleted();
            }
            catch (OperationCanceledException) { }
            catch (Exception e)
            {
                _observer.OnError(e);
            }
            finally
            {
                _hub._subscribers.TryRemove(this, out _);
            }
        }

        public void Dispose()
        {
            _hub._subscribers.TryRemove(this, out _);
            _disposed.Cancel();
            _queue.Writer.TryComplete();
        }
    }
}

using System.Threading.Channels;
using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Hosting;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Intelligence.Server.Live;

/// <summary>
/// Multi-node fan-out through PostgreSQL LISTEN/NOTIFY. A trigger on mt_events (created idempotently at start) calls
/// pg_notify for fact_extracted and alert_raised rows, inside the appending transaction: a notification goes out only on
/// commit, to every node. The payload is small ("sequence:type"); each node keeps one dedicated listening connection
/// (reconnecting with backoff, then catching up from the last sequence it saw), loads the events once and hands them
/// to <see cref="LiveHub"/>.
/// </summary>
public sealed class LiveListener(IntelligenceOptions options, IDocumentStore store, LiveHub hub, IHostApplicationLifetime lifetime, ILogger<LiveListener> log)
    : BackgroundService
{
    public static readonly string[] NotifiedTypes = ["fact_extracted", "alert_raised"];
    private const int RecentCapacity = 4096;

    private readonly Channel<long> _pending = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<long> _recentOrder = new();
    private readonly HashSet<long> _recent = [];
    private volatile TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSeen;

    public string ChannelName => options.Schema + "_live";

    /// <summary>Completes once this node is listening (again, after a reconnect).</summary>
    public Task WhenListening => _listening.Task;

    /// <summary>How many times the listening connection was (re)opened.</summary>
    public int Connections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var stopping = lifetime.ApplicationStopping.Register(hub.CompleteAll);
        var dispatcher = Task.Run(() => Dispatch(stop), CancellationToken.None);
        try
        {
            await Listen(stop);
        }
        finally
        {
            _pending.Writer.TryComplete();
            await dispatcher;
            hub.CompleteAll();
        }
    }

    private async Task Listen(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = false, // LISTEN lives on this one connection; a pool would reset it
            KeepAlive = 15,
            ApplicationName = "intelligence-live",
        }.ConnectionString;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stop);
                await EnsureTrigger(connection, stop);
                connection.Notification += (_, e) =>
                {
                    var colon = e.Payload.IndexOf(':');
                    if (long.TryParse(colon < 0 ? e.Payload : e.Payload[..colon], out var sequence)) _pending.Writer.TryWrite(sequence);
                };
                await using (var listen = new NpgsqlCommand($"listen \"{ChannelName}\"", connection)) await listen.ExecuteNonQueryAsync(stop);
                Connections++;
                await CatchUp(connection, stop);
                backoff = TimeSpan.FromMilliseconds(250);
                _listening.TrySetResult();
                log.LogDebug("Listening on {Channel}", ChannelName);
                while (!stop.IsCancellationRequested)
                {
                    // A quiet connection is probed now and then, so a dead one is found and replaced.
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), stop))
                    {
                        await using var probe = new NpgsqlCommand("select 1", connection);
                        await probe.ExecuteScalarAsync(stop);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (_listening.Task.IsCompleted) _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                log.LogWarning("Live notifications: connection lost ({Message}); reconnecting in {Delay} ms", e.Message, (int)backoff.TotalMilliseconds);
                try { await Task.Delay(backoff, stop); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 15_000));
            }
        }
    }

    /// <summary>After a reconnect: what was committed while this node was not listening.</summary>
    private async Task CatchUp(NpgsqlConnection connection, CancellationToken stop)
    {
        var since = Interlocked.Read(ref _lastSeen);
        if (since == 0) return;
        await using var command = new NpgsqlCommand(
            $"select seq_id from {Table} where seq_id > $1 and type = any($2) order by seq_id limit 10000", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        command.Parameters.Add(new NpgsqlParameter { Value = NotifiedTypes });
        await using var reader = await command.ExecuteReaderAsync(stop);
        while (await reader.ReadAsync(stop)) _pending.Writer.TryWrite(reader.GetInt64(0));
    }

    private string Table => $"\"{options.Schema}\".mt_events";

    private async Task EnsureTrigger(NpgsqlConnection connection, CancellationToken stop)
    {
        if (!await EventTableExists(connection, stop))
        {
            // Marten creates its tables lazily; make sure the event table is there before hanging a trigger on it.
            await store.Storage.Database.EnsureStorageExistsAsync(typeof(IEvent), stop);
            if (!await EventTableExists(connection, stop))
                throw new InvalidOperationException($"{Table} does not exist yet (schema not created).");
        }
        var schema = options.Schema.Replace("\"", "\"\"");
        var types = string.Join(", ", NotifiedTypes.Select(t => $"'{t}'"));
        var sql = $"""
            create or replace function "{schema}".intel_live_notify() returns trigger language plpgsql as $fn$
            begin
              perform pg_notify('{ChannelName.Replace("'", "''")}', new.seq_id::text || ':' || new.type);
              return null;
            end
            $fn$;
            do $do$
            begin
              if not exists (select 1 from pg_trigger where tgname = 'intel_live_notify' and tgrelid = '"{schema}".mt_events'::regclass) then
                create trigger intel_live_notify after insert on "{schema}".mt_events
                  for each row when (new.type in ({types})) execute function "{schema}".intel_live_notify();
              end if;
            exception when duplicate_object then null;
            end
            $do$;
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            await command.ExecuteNonQueryAsync(stop);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or "XX000")
        {
            // Another node created or replaced the function at the same moment: it is there.
        }
    }

    private async Task<bool> EventTableExists(NpgsqlConnection connection, CancellationToken stop)
    {
        await using var command = new NpgsqlCommand($"select to_regclass('{Table.Replace("'", "''")}') is not null", connection);
        return (bool)(await command.ExecuteScalarAsync(stop))!;
    }

    private async Task Dispatch(CancellationToken stop)
    {
        var batch = new List<long>();
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < 500 && _pending.Reader.TryRead(out var sequence))
                if (!_recent.Contains(sequence)) batch.Add(sequence);
            if (batch.Count == 0) continue;
            try
            {
                await Deliver(batch, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Live notifications: could not load {Count} events; retrying", batch.Count);
                try { await Task.Delay(TimeSpan.FromSeconds(1), stop); }
                catch (OperationCanceledException) { return; }
                foreach (var sequence in batch) _pending.Writer.TryWrite(sequence);
            }
        }
    }

    private async Task Deliver(List<long> sequences, CancellationToken stop)
    {
        var wanted = sequences.Distinct().ToArray();
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => wanted.Contains(e.Sequence)).ToListAsync(stop);
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            Remember(e.Sequence);
            LiveEvent? live = e.Data switch
            {
                FactExtracted fact => new LiveFact(e.Sequence, e.Timestamp, fact),
                AlertRaised alert => new LiveAlert(e.Sequence, e.Timestamp, alert),
                _ => null,
            };
            if (live is not null) hub.Publish(live);
        }
    }

    private void Remember(long sequence)
    {
        if (!_recent.Add(sequence)) return;
        _recentOrder.Enqueue(sequence);
        if (_recentOrder.Count > RecentCapacity) _recent.Remove(_recentOrder.Dequeue());
        if (sequence > Interlocked.Read(ref _lastSeen)) Interlocked.Exchange(ref _lastSeen, sequence);
    }
}

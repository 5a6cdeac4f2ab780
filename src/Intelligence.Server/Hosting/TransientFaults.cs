using System.Net.Sockets;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Intelligence.Server.Hosting;

/// <summary>
/// Database and network faults that pass on their own (an outage, a restart, a dropped connection, an exhausted pool):
/// every handler retries them with backoff instead of dead-lettering the message at the first failure.
/// </summary>
public static class TransientFaults
{
    /// <summary>True when this exception, or one it wraps, is a fault worth retrying as it is.</summary>
    public static bool IsTransient(Exception exception)
    {
        // Cancellation is the host stopping or the handler's own timeout: retrying it would only hold up the shutdown.
        if (exception is OperationCanceledException) return false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when IsTransientState(pg.SqlState):
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case SocketException:
                case TimeoutException:
                case HttpRequestException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// SQLSTATE classes that describe the server, not the statement: 08 connection, 53 insufficient resources
    /// (too many clients), 57P admin shutdown / crash / cannot connect now, 40001/40P01 serialization and deadlock.
    /// </summary>
    public static bool IsTransientState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state is "40001" or "40P01";

    /// <summary>
    /// In memory first (the message keeps its place; nothing needs the database), then rescheduled durably, then
    /// dead-lettered: visible in /health/ready (`deadLetters`) and replayed by `intel alerts redeliver`.
    /// </summary>
    public static void Apply(WolverineOptions wolverine, FaultRetryOptions retry)
    {
        wolverine.Policies.OnException(IsTransient)
            .RetryWithCooldown([.. retry.Cooldowns])
            .Then.ScheduleRetry([.. retry.Rescheduled])
            .Then.MoveToErrorQueue();
    }
}

/// <summary>How long a handler keeps retrying a transient fault. Configuration section "Faults".</summary>
public sealed record FaultRetryOptions
{
    /// <summary>Waits between in-memory retries: together about 2.5 minutes, longer than a database restart.</summary>
    public IReadOnlyList<TimeSpan> Cooldowns { get; init; } =
    [
        TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30),
        TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60),
    ];

    /// <summary>Then durable reschedules, another 1 h 47 min, before the message is dead-lettered.</summary>
    public IReadOnlyList<TimeSpan> Rescheduled { get; init; } =
    [
        TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60),
    ];
}

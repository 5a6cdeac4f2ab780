using System.Net.Sockets;
using Intelligence.Server.Alerts;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Hosting;
using Npgsql;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>The pure retry decisions: which faults are transient, and how Slack's answers are retried.</summary>
public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static AlertView Alert(int attempts = 0, int failures = 0, DateTimeOffset? failingSince = null) => new()
    {
        Id = Guid.NewGuid(),
        Delivery = new MessageDelivery { State = attempts == 0 ? DeliveryState.Pending : DeliveryState.Retrying, Attempts = attempts, Failures = failures, FailingSince = failingSince },
    };

    private static (object Event, object? Retry) Decide(AlertView alert, SlackOutcome outcome, AlertOptions options, DateTimeOffset? now = null) =>
        DeliverSlackAlertHandler.Decide(new DeliverSlackAlert(alert.Id, AlertMessageKind.Raised, alert.Delivery.Attempts + 1), alert, outcome, options, now ?? Now, 0.5).Single();

    [Fact]
    public void A_429_waits_for_its_Retry_After_and_is_not_counted_as_a_failure()
    {
        var options = new AlertOptions { MaxAttempts = 3 };
        var (e, retry) = Decide(Alert(attempts: 40, failures: 2, failingSince: Now.AddMinutes(-5)), new SlackOutcome.RateLimited(TimeSpan.FromSeconds(1)), options);
        var deferred = Assert.IsType<AlertDeliveryDeferred>(e);
        Assert.True(deferred.RateLimited);
        Assert.Equal(Now.AddSeconds(1), deferred.RetryAt);
        Assert.NotNull(retry);
    }

    [Fact]
    public void Server_errors_back_off_and_count_against_MaxAttempts_when_it_is_set()
    {
        var capped = new AlertOptions { MaxAttempts = 3 };
        Assert.IsType<AlertDeliveryDeferred>(Decide(Alert(attempts: 9, failures: 1), new SlackOutcome.Transient("HTTP 500"), capped).Event);
        var failed = Assert.IsType<AlertDeliveryFailed>(Decide(Alert(attempts: 9, failures: 2), new SlackOutcome.Transient("HTTP 500"), capped).Event);
        Assert.False(failed.Permanent);
        // Without a cap (the default) only the horizon ends the retries.
        Assert.IsType<AlertDeliveryDeferred>(Decide(Alert(attempts: 300, failures: 299, failingSince: Now.AddHours(-23)), new SlackOutcome.Transient("HTTP 503"), new AlertOptions()).Event);
    }

    [Fact]
    public void Retries_stop_at_the_horizon_after_the_first_failure_and_the_message_fails_visibly()
    {
        var options = new AlertOptions { RetryHorizon = TimeSpan.FromHours(24) };
        var (e, retry) = Decide(Alert(attempts: 500, failures: 400, failingSince: Now.AddHours(-24)), new SlackOutcome.Transient("HTTP 502"), options);
        var failed = Assert.IsType<AlertDeliveryFailed>(e);
        Assert.Contains("gave up after retrying for 24 h", failed.Reason);
        Assert.Null(retry);
        Assert.IsType<AlertDeliveryFailed>(Decide(Alert(attempts: 500, failures: 1, failingSince: Now.AddHours(-24)), new SlackOutcome.RateLimited(TimeSpan.FromSeconds(30)), options).Event);
    }

    [Fact]
    public void Database_and_network_faults_are_transient_and_programming_errors_are_not()
    {
        Assert.True(TransientFaults.IsTransient(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(TransientFaults.IsTransient(new InvalidOperationException("wrapped", new TimeoutException())));
        Assert.True(TransientFaults.IsTransientState("53300")); // too_many_connections
        Assert.True(TransientFaults.IsTransientState("57P01")); // admin_shutdown
        Assert.True(TransientFaults.IsTransientState("08006")); // connection_failure
        Assert.False(TransientFaults.IsTransientState("23505")); // unique_violation
        Assert.False(TransientFaults.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(TransientFaults.IsTransient(new ArgumentNullException("x")));
        Assert.False(TransientFaults.IsTransient(new OperationCanceledException("host stopping", new TimeoutException())));
    }
}

using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Raising;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Intelligence.Server.Alerts.Viewing;

public enum DeliveryState { Pending, Retrying, Delivered, Failed }

/// <summary>One Slack message of an alert and where its delivery stands.</summary>
public sealed class MessageDelivery
{
    public DeliveryState State { get; set; } = DeliveryState.Pending;
    /// <summary>Posts tried, 429s included.</summary>
    public int Attempts { get; set; }
    /// <summary>Failed posts that grow the backoff (5xx, timeouts, refused connections); a 429 is not one.</summary>
    public int Failures { get; set; }
    /// <summary>When the current run of failures began; the retry horizon counts from here.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>An alert with its sources and delivery state (inline projection of the alert's stream).</summary>
public sealed class AlertView
{
    public Guid Id { get; set; }
    public Guid RuleId { get; set; }
    public string RuleName { get; set; } = "";
    public string FactKey { get; set; } = "";
    public Fact Fact { get; set; } = new() { Type = "" };
    public List<AlertSource> Sources { get; set; } = [];
    public int OutletCount { get; set; }
    /// <summary>Outlets reporting the fact when the alert was raised (what the first message said).</summary>
    public int InitialOutletCount { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    /// <summary>Global sequence of AlertRaised: the stable paging position.</summary>
    public long Sequence { get; set; }
    public MessageDelivery Delivery { get; set; } = new();
    /// <summary>The one follow-up message, once more outlets report the fact; null when none was due.</summary>
    public MessageDelivery? FollowUp { get; set; }
    public bool Acknowledged { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public long Version { get; set; }

    public MessageDelivery? MessageOf(AlertMessageKind kind) => kind == AlertMessageKind.Raised ? Delivery : FollowUp;
}

public sealed class AlertViewProjection : SingleStreamProjection<AlertView, Guid>
{
    public static AlertView Create(IEvent<AlertRaised> e) => new()
    {
        Id = e.Data.AlertId,
        RuleId = e.Data.RuleId,
        RuleName = e.Data.RuleName,
        FactKey = e.Data.FactKey,
        Fact = e.Data.Fact,
        Sources = [.. e.Data.Sources],
        OutletCount = e.Data.OutletCount,
        InitialOutletCount = e.Data.OutletCount,
        RaisedAt = e.Data.RaisedAt,
        LastUpdated = e.Data.RaisedAt,
        Sequence = e.Sequence,
    };

    public static void Apply(AlertCorroborated e, AlertView view)
    {
        view.Sources = [.. e.Sources];
        view.OutletCount = e.OutletCount;
        view.LastUpdated = e.CorroboratedAt;
        if (e.FollowUp && view.FollowUp is null) view.FollowUp = new MessageDelivery();
    }

    public static void Apply(AlertDelivered e, AlertView view)
    {
        var message = Message(view, e.Kind);
        message.State = DeliveryState.Delivered;
        message.Attempts = e.Attempt;
        message.DeliveredAt = e.DeliveredAt;
        message.NextAttemptAt = null;
    }

    public static void Apply(AlertDeliveryDeferred e, AlertView view)
    {
        var message = Message(view, e.Kind);
        message.State = DeliveryState.Retrying;
        message.Attempts = e.Attempt;
        if (!e.RateLimited) message.Failures++;
        message.FailingSince ??= e.DeferredAt;
        message.LastError = e.Reason;
        message.NextAttemptAt = e.RetryAt;
    }

    public static void Apply(AlertDeliveryFailed e, AlertView view)
    {
        var message = Message(view, e.Kind);
        message.State = DeliveryState.Failed;
        message.Attempts = e.Attempts;
        message.LastError = e.Reason;
        message.NextAttemptAt = null;
    }

    public static void Apply(AlertRedeliveryRequested e, AlertView view)
    {
        var message = Message(view, e.Kind);
        message.State = DeliveryState.Pending;
        message.Attempts = 0;
        message.Failures = 0;
        message.FailingSince = null;
        message.NextAttemptAt = null;
    }

    public static void Apply(AlertAcknowledged e, AlertView view)
    {
        view.Acknowledged = true;
        view.AcknowledgedBy = e.By;
        view.AcknowledgedAt = e.AcknowledgedAt;
    }

    private static MessageDelivery Message(AlertView view, AlertMessageKind kind) =>
        kind == AlertMessageKind.Raised ? view.Delivery : view.FollowUp ??= new MessageDelivery();
}

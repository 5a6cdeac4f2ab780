using Marten.Events.Aggregation;

namespace Intelligence.Server.Alerts.Rules;

/// <summary>A rule as it stands now (inline projection of its stream). Deleted rules are kept, flagged, so their alerts still name them.</summary>
public sealed class AlertRuleView
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public AlertCriteria Criteria { get; set; } = new();
    public SlackDestination Destination { get; set; } = new("", "");
    public DateTimeOffset DefinedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public bool Deleted { get; set; }
    /// <summary>Why Slack refused the destination for good, while the rule is failing; null when healthy.</summary>
    public string? FailingReason { get; set; }
    public DateTimeOffset? FailingSince { get; set; }
    /// <summary>Stream version (set by Marten).</summary>
    public long Version { get; set; }
    public bool Failing => FailingReason is not null;
}

public sealed class AlertRuleViewProjection : SingleStreamProjection<AlertRuleView, Guid>
{
    public static AlertRuleView Create(AlertRuleDefined e) => new()
    {
        Id = e.RuleId, Name = e.Name, Criteria = e.Criteria, Destination = e.Destination, DefinedAt = e.DefinedAt,
    };

    public static void Apply(AlertRuleDefined e, AlertRuleView view)
    {
        // A rule deleted then defined again under the same name comes back to life on the same stream.
        view.Name = e.Name;
        view.Criteria = e.Criteria;
        view.Destination = e.Destination;
        view.ChangedAt = e.DefinedAt;
        view.Deleted = false;
        view.FailingReason = null;
        view.FailingSince = null;
    }

    public static void Apply(AlertRuleChanged e, AlertRuleView view)
    {
        view.Name = e.Name;
        view.Criteria = e.Criteria;
        if (e.Destination is not null) view.Destination = e.Destination;
        view.ChangedAt = e.ChangedAt;
        // A changed rule gets another chance: a new webhook (or a fixed Slack app) is the usual cure.
        view.FailingReason = null;
        view.FailingSince = null;
    }

    public static void Apply(AlertRuleDeleted e, AlertRuleView view) => view.Deleted = true;

    public static void Apply(AlertRuleFailing e, AlertRuleView view)
    {
        view.FailingReason = e.Reason;
        view.FailingSince ??= e.FailingSince;
    }
}

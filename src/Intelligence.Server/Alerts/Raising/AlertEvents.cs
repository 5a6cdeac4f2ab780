using Intelligence.Domain.Facts;

namespace Intelligence.Server.Alerts.Raising;

/// <summary>A rule matched a fact for the first time. Raised once per (rule, fact identity): the alert id is derived from both.</summary>
public sealed record AlertRaised(
    Guid AlertId,
    Guid RuleId,
    string RuleName,
    string FactKey,
    Fact Fact,
    IReadOnlyList<AlertSource> Sources,
    int OutletCount,
    DateTimeOffset RaisedAt);

/// <summary>More sources now report the alerted fact. It updates the alert, never raises a second one; FollowUp: this change gets the one follow-up message.</summary>
public sealed record AlertCorroborated(Guid AlertId, IReadOnlyList<AlertSource> Sources, int OutletCount, bool FollowUp, DateTimeOffset CorroboratedAt);

public sealed record AlertAcknowledged(Guid AlertId, string? By, DateTimeOffset AcknowledgedAt);

/// <summary>An article reporting the fact, as a message shows it (a link, the outlet, when).</summary>
public sealed record AlertSource(Guid ArticleId, string? Outlet, string? Url, string? Title, DateTimeOffset? PublishedAt, double Confidence);

/// <summary>Which Slack message of an alert: the first post, or the one follow-up when more outlets report the fact.</summary>
public enum AlertMessageKind { Raised, FollowUp }

namespace Intelligence.Server.Alerts.Rules;

/// <summary>A subscriber asked to hear about facts matching <paramref name="Criteria"/> in a Slack channel.</summary>
public sealed record AlertRuleDefined(Guid RuleId, string Name, AlertCriteria Criteria, SlackDestination Destination, DateTimeOffset DefinedAt);

/// <summary>The rule was redefined (same name). A null destination keeps the current webhook.</summary>
public sealed record AlertRuleChanged(Guid RuleId, string Name, AlertCriteria Criteria, SlackDestination? Destination, DateTimeOffset ChangedAt);

public sealed record AlertRuleDeleted(Guid RuleId, DateTimeOffset DeletedAt);

/// <summary>Slack refused the rule's destination for good (404 no_service, 403 invalid_token, ...): deliveries stop retrying until the rule is changed.</summary>
public sealed record AlertRuleFailing(Guid RuleId, string Reason, DateTimeOffset FailingSince);

/// <summary>What a rule matches. Empty lists and null thresholds match everything.</summary>
public sealed record AlertCriteria
{
    /// <summary>Fact types (stake, investment, loss, ...); empty = every type.</summary>
    public IReadOnlyList<string> FactTypes { get; init; } = [];
    /// <summary>Canonical company names (aliases are resolved when the rule is defined); the fact must name at least one.</summary>
    public IReadOnlyList<string> Companies { get; init; } = [];
    /// <summary>amountUsd (the upper bound of a range) at least this.</summary>
    public decimal? MinAmountUsd { get; init; }
    /// <summary>Stake percent at least this.</summary>
    public double? MinPercent { get; init; }
    /// <summary>A stake whose percent moved by at least this many points from the holder's previous stake in the same target.</summary>
    public double? MinPercentChange { get; init; }
    public double MinConfidence { get; init; }
    /// <summary>Distinct outlets reporting the fact (corroboration).</summary>
    public int MinSources { get; init; } = 1;
    /// <summary>Words of which at least one must appear in a source quote (case-insensitive); empty = no keyword filter.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
    /// <summary>Hours during which nothing is posted; alerts raised then are posted when they end.</summary>
    public QuietHours? QuietHours { get; init; }
    /// <summary>0 = immediate; N = one digest message every N minutes.</summary>
    public int DigestMinutes { get; init; }
}

/// <summary>Quiet hours in a time zone, e.g. 22:00–07:00 Europe/Paris (the range may wrap midnight).</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End, string TimeZone = "UTC")
{
    /// <summary>When a message raised at <paramref name="now"/> may be posted: now, or the end of the quiet hours.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var quiet = Start <= End ? time >= Start && time < End : time >= Start || time < End;
        if (!quiet) return now;
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (time >= End) endDate = endDate.AddDays(1);
        var endLocal = endDate.ToDateTime(End);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal));
    }
}

/// <summary>
/// A Slack incoming webhook as events and views know it: a reference to the URL kept in the secret store
/// (<see cref="AlertWebhookSecret"/>, keyed by rule) and its masked form. The URL itself is never in an event.
/// </summary>
public sealed record SlackDestination(string Reference, string Masked)
{
    /// <summary>A new reference for a URL about to be stored as the rule's secret.</summary>
    public static SlackDestination For(string webhookUrl) => new($"webhook-secret:{Guid.NewGuid():N}", Mask(webhookUrl));

    public static string Mask(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "****";
        var tail = url.Length > 4 ? url[^4..] : "";
        return $"{uri.Scheme}://{uri.Authority}/****{tail}";
    }
}

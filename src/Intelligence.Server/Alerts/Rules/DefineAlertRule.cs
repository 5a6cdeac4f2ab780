using Intelligence.Server.GraphQL;
using System.Text.Json;
using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Delivering;
using Marten;

namespace Intelligence.Server.Alerts.Rules;

/// <summary>Define a rule, or redefine the rule of the same name (rules are identified by name, so loading a file twice changes nothing).</summary>
public sealed record DefineAlertRule(string Name, AlertCriteria Criteria, string? WebhookUrl);

public sealed record DeleteAlertRule(Guid RuleId);

/// <summary>The rule's id when it was defined (or left as it was); the problems otherwise.</summary>
public sealed record AlertRuleResult(Guid? RuleId, IReadOnlyList<UserError> Errors, bool Changed = false)
{
    public static AlertRuleResult Failed(params UserError[] errors) => new(null, errors);
}

public static class DefineAlertRuleHandler
{
    public static async Task<AlertRuleResult> Handle(DefineAlertRule command, IDocumentSession session, CompanyNames names, WebhookPolicy webhooks,
        TimeProvider time, CancellationToken ct)
    {
        var errors = Validate(command, webhooks);
        if (errors.Count > 0) return new AlertRuleResult(null, errors);

        var criteria = Canonicalize(command.Criteria, names);
        var url = command.WebhookUrl?.Trim();
        var id = AlertIds.Rule(command.Name);
        var existing = await session.LoadAsync<AlertRuleView>(id, ct);
        var now = time.GetUtcNow();
        var name = command.Name.Trim();

        if (existing is null || existing.Deleted)
        {
            if (url is null)
                return AlertRuleResult.Failed(new UserError("webhookUrl", "A new rule needs a Slack incoming-webhook URL.", "WEBHOOK_REQUIRED"));
            session.Events.Append(id, new AlertRuleDefined(id, name, criteria, KeepSecret(session, id, url, now), now));
            return new AlertRuleResult(id, [], Changed: true);
        }

        var sameCriteria = JsonSerializer.Serialize(existing.Criteria) == JsonSerializer.Serialize(criteria);
        var sameDestination = url is null || url == (await session.LoadAsync<AlertWebhookSecret>(id, ct))?.WebhookUrl;
        if (sameCriteria && sameDestination && existing.Name == name && !existing.Failing) return new AlertRuleResult(id, []);

        var destination = sameDestination ? null : KeepSecret(session, id, url!, now);
        session.Events.Append(id, existing.Version + 1, new AlertRuleChanged(id, name, criteria, destination, now));
        return new AlertRuleResult(id, [], Changed: true);
    }

    /// <summary>The URL goes to the secret store (same transaction as the event); the event gets its reference and masked form.</summary>
    private static SlackDestination KeepSecret(IDocumentSession session, Guid ruleId, string url, DateTimeOffset now)
    {
        var destination = SlackDestination.For(url);
        session.Store(new AlertWebhookSecret { Id = ruleId, Reference = destination.Reference, WebhookUrl = url, StoredAt = now });
        return destination;
    }

    public static List<UserError> Validate(DefineAlertRule command, WebhookPolicy webhooks)
    {
        var errors = new List<UserError>();
        var c = command.Criteria ?? new AlertCriteria();
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Trim().Length > 100)
            errors.Add(new UserError("name", "A rule needs a name of 1 to 100 characters.", "INVALID_NAME"));
        foreach (var type in c.FactTypes.Where(t => !FactTypes.All.Contains(t)))
            errors.Add(new UserError("criteria.factTypes", $"Unknown fact type '{type}'; expected one of {string.Join(", ", FactTypes.All)}.", "UNKNOWN_FACT_TYPE"));
        if (c.Companies.Any(string.IsNullOrWhiteSpace))
            errors.Add(new UserError("criteria.companies", "Company names cannot be empty.", "INVALID_COMPANY"));
        if (c.MinAmountUsd is < 0)
            errors.Add(new UserError("criteria.minAmountUsd", "The amount threshold cannot be negative.", "INVALID_THRESHOLD"));
        if (c.MinPercent is < 0 or > 100)
            errors.Add(new UserError("criteria.minPercent", "A percent threshold is between 0 and 100.", "INVALID_THRESHOLD"));
        if (c.MinPercentChange is < 0 or > 100)
            errors.Add(new UserError("criteria.minPercentChange", "A percent-change threshold is between 0 and 100 points.", "INVALID_THRESHOLD"));
        if (c.MinConfidence is < 0 or > 1 || double.IsNaN(c.MinConfidence))
            errors.Add(new UserError("criteria.minConfidence", "Confidence is between 0 and 1.", "INVALID_THRESHOLD"));
        if (c.MinSources is < 1 or > 50)
            errors.Add(new UserError("criteria.minSources", "The minimum number of sources is between 1 and 50.", "INVALID_THRESHOLD"));
        if (c.DigestMinutes is < 0 or > 1440)
            errors.Add(new UserError("criteria.digestMinutes", "A digest interval is between 0 (immediate) and 1440 minutes.", "INVALID_DIGEST"));
        if (c.Keywords.Any(string.IsNullOrWhiteSpace))
            errors.Add(new UserError("criteria.keywords", "Keywords cannot be empty.", "INVALID_KEYWORD"));
        if (c.QuietHours is { } quiet && !TimeZoneExists(quiet.TimeZone))
            errors.Add(new UserError("criteria.quietHours.timeZone", $"Unknown time zone '{quiet.TimeZone}' (use an IANA name such as Europe/Paris).", "UNKNOWN_TIME_ZONE"));
        if (command.WebhookUrl is { } url && webhooks.Problem(url) is { } problem)
            errors.Add(new UserError("webhookUrl", problem, "INVALID_WEBHOOK"));
        return errors;
    }

    private static AlertCriteria Canonicalize(AlertCriteria? criteria, CompanyNames names)
    {
        var c = criteria ?? new AlertCriteria();
        return c with
        {
            FactTypes = c.FactTypes.Distinct().Order(StringComparer.Ordinal).ToArray(),
            Companies = c.Companies.Select(names.Canonical).Distinct(StringComparer.Ordinal).ToArray(),
            Keywords = c.Keywords.Select(k => k.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        };
    }

    private static bool TimeZoneExists(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }
}

public static class DeleteAlertRuleHandler
{
    public static async Task<AlertRuleResult> Handle(DeleteAlertRule command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var rule = await session.LoadAsync<AlertRuleView>(command.RuleId, ct);
        if (rule is null || rule.Deleted)
            return AlertRuleResult.Failed(new UserError("id", "No such alert rule.", "NOT_FOUND"));
        session.Events.Append(rule.Id, rule.Version + 1, new AlertRuleDeleted(rule.Id, time.GetUtcNow()));
        session.Delete<AlertWebhookSecret>(rule.Id);
        return new AlertRuleResult(rule.Id, [], Changed: true);
    }
}

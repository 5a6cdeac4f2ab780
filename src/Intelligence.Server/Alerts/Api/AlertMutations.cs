using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Alerts.Api;

public sealed class AlertCriteriaInput
{
    public List<string>? FactTypes { get; set; }
    public List<string>? Companies { get; set; }
    public decimal? MinAmountUsd { get; set; }
    public double? MinPercent { get; set; }
    public double? MinPercentChange { get; set; }
    public double? MinConfidence { get; set; }
    public int? MinSources { get; set; }
    public List<string>? Keywords { get; set; }
    public QuietHoursInput? QuietHours { get; set; }
    public int? DigestMinutes { get; set; }
}

public sealed class QuietHoursInput
{
    public string Start { get; set; } = "";
    public string End { get; set; } = "";
    public string? TimeZone { get; set; }
}

public sealed class DefineAlertRuleInput
{
    public string Name { get; set; } = "";
    public AlertCriteriaInput? Criteria { get; set; }
    public string? WebhookUrl { get; set; }
}

public sealed class QuietHoursInputType : InputObjectGraphType<QuietHoursInput>
{
    public QuietHoursInputType()
    {
        Name = "QuietHoursInput";
        Field(x => x.Start).Description("HH:mm, local time.");
        Field(x => x.End).Description("HH:mm; may be earlier than start (wraps midnight).");
        Field(x => x.TimeZone, nullable: true).Description("IANA time zone; default UTC.");
    }
}

public sealed class AlertCriteriaInputType : InputObjectGraphType<AlertCriteriaInput>
{
    public AlertCriteriaInputType()
    {
        Name = "AlertCriteriaInput";
        Field<ListGraphType<NonNullGraphType<FactTypeEnum>>>("factTypes").Description("Empty or absent: every type.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("companies").Description("Names or aliases (\"le géant de Redmond\" is Microsoft).");
        Field<DecimalGraphType>("minAmountUsd");
        Field<FloatGraphType>("minPercent");
        Field<FloatGraphType>("minPercentChange");
        Field<FloatGraphType>("minConfidence");
        Field<IntGraphType>("minSources");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("keywords");
        Field<QuietHoursInputType>("quietHours");
        Field<IntGraphType>("digestMinutes");
    }
}

public sealed class DefineAlertRuleInputType : InputObjectGraphType<DefineAlertRuleInput>
{
    public DefineAlertRuleInputType()
    {
        Name = "DefineAlertRuleInput";
        Description = "Rules are identified by name: defining an existing name changes that rule.";
        Field(x => x.Name);
        Field<AlertCriteriaInputType>("criteria");
        Field(x => x.WebhookUrl, nullable: true).Description("Slack incoming-webhook URL; required for a new rule, absent keeps the current one. Never returned.");
    }
}

public sealed class IdInput
{
    public string Id { get; set; } = "";
    public string? By { get; set; }
}

public sealed class DeleteAlertRuleInputType : InputObjectGraphType<IdInput>
{
    public DeleteAlertRuleInputType()
    {
        Name = "DeleteAlertRuleInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The rule's global id or UUID.");
    }
}

public sealed class AcknowledgeAlertInputType : InputObjectGraphType<IdInput>
{
    public AcknowledgeAlertInputType()
    {
        Name = "AcknowledgeAlertInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The alert's global id or UUID.");
        Field<StringGraphType>("by").Description("Who acknowledges it.");
    }
}

public sealed class RedeliverAlertsInput
{
    public string? AlertId { get; set; }
    public string? RuleId { get; set; }
}

public sealed class RedeliverAlertsInputType : InputObjectGraphType<RedeliverAlertsInput>
{
    public RedeliverAlertsInputType()
    {
        Name = "RedeliverAlertsInput";
        Field<IdGraphType>("alertId");
        Field<IdGraphType>("ruleId");
    }
}

public sealed record RulePayload(AlertRuleView? Rule, string? DeletedRuleId, IReadOnlyList<UserError> UserErrors);
public sealed record AlertPayload(AlertView? Alert, IReadOnlyList<UserError> UserErrors);
public sealed record RedeliverPayload(IReadOnlyList<string> AlertIds, IReadOnlyList<UserError> UserErrors);

public sealed class DefineAlertRulePayloadType : ObjectGraphType<RulePayload>
{
    public DefineAlertRulePayloadType()
    {
        Name = "DefineAlertRulePayload";
        Field<AlertRuleGraphType>("rule").Resolve(c => c.Source.Rule);
        this.AddUserErrors(x => x.UserErrors);
    }
}

public sealed class DeleteAlertRulePayloadType : ObjectGraphType<RulePayload>
{
    public DeleteAlertRulePayloadType()
    {
        Name = "DeleteAlertRulePayload";
        Field<IdGraphType>("deletedRuleId").Resolve(c => c.Source.DeletedRuleId);
        this.AddUserErrors(x => x.UserErrors);
    }
}

public sealed class AcknowledgeAlertPayloadType : ObjectGraphType<AlertPayload>
{
    public AcknowledgeAlertPayloadType()
    {
        Name = "AcknowledgeAlertPayload";
        Field<AlertGraphType>("alert").Resolve(c => c.Source.Alert);
        this.AddUserErrors(x => x.UserErrors);
    }
}

public sealed class RedeliverAlertsPayloadType : ObjectGraphType<RedeliverPayload>
{
    public RedeliverAlertsPayloadType()
    {
        Name = "RedeliverAlertsPayload";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("alertIds").Description("Global ids of the alerts queued again.").Resolve(c => c.Source.AlertIds);
        this.AddUserErrors(x => x.UserErrors);
    }
}

public static class AlertMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DefineAlertRulePayloadType>>("defineAlertRule")
            .Description("Define an alert rule, or change the rule of the same name.")
            .Argument<NonNullGraphType<DefineAlertRuleInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<DefineAlertRuleInput>("input");
                var (criteria, errors) = ToCriteria(input.Criteria);
                if (errors.Count > 0) return new RulePayload(null, null, errors);
                var result = await Bus(ctx).InvokeAsync<AlertRuleResult>(new DefineAlertRule(input.Name, criteria, input.WebhookUrl), ctx.CancellationToken);
                var rule = result.RuleId is { } id ? await Session(ctx).LoadAsync<AlertRuleView>(id, ctx.CancellationToken) : null;
                return new RulePayload(rule, null, result.Errors);
            });

        mutation.Field<NonNullGraphType<DeleteAlertRulePayloadType>>("deleteAlertRule")
            .Argument<NonNullGraphType<DeleteAlertRuleInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<IdInput>("input");
                if (ParseId(input.Id, "AlertRule") is not { } id) return new RulePayload(null, null, [NotFound("id", "alert rule")]);
                var result = await Bus(ctx).InvokeAsync<AlertRuleResult>(new DeleteAlertRule(id), ctx.CancellationToken);
                return new RulePayload(null, result.RuleId is { } deleted ? GlobalId.Encode("AlertRule", deleted.ToString()) : null, result.Errors);
            });

        mutation.Field<NonNullGraphType<AcknowledgeAlertPayloadType>>("acknowledgeAlert")
            .Argument<NonNullGraphType<AcknowledgeAlertInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<IdInput>("input");
                if (ParseId(input.Id, "Alert") is not { } id) return new AlertPayload(null, [NotFound("id", "alert")]);
                var result = await Bus(ctx).InvokeAsync<AcknowledgeResult>(new AcknowledgeAlert(id, input.By), ctx.CancellationToken);
                var alert = result.AlertId is { } acked ? await Session(ctx).LoadAsync<AlertView>(acked, ctx.CancellationToken) : null;
                return new AlertPayload(alert, result.Errors);
            });

        mutation.Field<NonNullGraphType<RedeliverAlertsPayloadType>>("redeliverAlerts")
            .Description("Replay dead-lettered Slack messages (all, one rule's, or one alert's).")
            .Argument<NonNullGraphType<RedeliverAlertsInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RedeliverAlertsInput>("input");
                Guid? alertId = null, ruleId = null;
                if (input.AlertId is not null && (alertId = ParseId(input.AlertId, "Alert")) is null) return new RedeliverPayload([], [NotFound("alertId", "alert")]);
                if (input.RuleId is not null && (ruleId = ParseId(input.RuleId, "AlertRule")) is null) return new RedeliverPayload([], [NotFound("ruleId", "alert rule")]);
                var result = await Bus(ctx).InvokeAsync<RedeliveryResult>(new RedeliverAlerts(alertId, ruleId), ctx.CancellationToken);
                return new RedeliverPayload(result.AlertIds.Select(a => GlobalId.Encode("Alert", a.ToString())).ToList(), []);
            });
    }

    /// <summary>A global id of the expected type, or a bare UUID.</summary>
    public static Guid? ParseId(string? id, string type)
    {
        var key = GlobalId.Decode(id) is var (t, k) && t == type ? k : id;
        return Guid.TryParse(key, out var guid) ? guid : null;
    }

    public static (AlertCriteria Criteria, List<UserError> Errors) ToCriteria(AlertCriteriaInput? input)
    {
        var errors = new List<UserError>();
        if (input is null) return (new AlertCriteria(), errors);
        QuietHours? quiet = null;
        if (input.QuietHours is { } q)
        {
            if (TimeOnly.TryParseExact(q.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                && TimeOnly.TryParseExact(q.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
                quiet = new QuietHours(start, end, string.IsNullOrWhiteSpace(q.TimeZone) ? "UTC" : q.TimeZone.Trim());
            else
                errors.Add(new UserError("criteria.quietHours", "Quiet hours are HH:mm to HH:mm.", "INVALID_QUIET_HOURS"));
        }
        return (new AlertCriteria
        {
            FactTypes = input.FactTypes ?? [],
            Companies = input.Companies ?? [],
            MinAmountUsd = input.MinAmountUsd,
            MinPercent = input.MinPercent,
            MinPercentChange = input.MinPercentChange,
            MinConfidence = input.MinConfidence ?? 0,
            MinSources = input.MinSources ?? 1,
            Keywords = input.Keywords ?? [],
            QuietHours = quiet,
            DigestMinutes = input.DigestMinutes ?? 0,
        }, errors);
    }

    private static UserError NotFound(string field, string what) => new(field, $"No such {what}.", "NOT_FOUND");
    private static IMessageBus Bus(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IMessageBus>();
    private static IQuerySession Session(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IQuerySession>();
}

using GraphQL;
using GraphQL.Types;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Alerts.Api;

public sealed class QuietHoursGraphType : ObjectGraphType<QuietHours>
{
    public QuietHoursGraphType()
    {
        Name = "QuietHours";
        Field<NonNullGraphType<StringGraphType>>("start").Description("HH:mm").Resolve(c => c.Source.Start.ToString("HH:mm"));
        Field<NonNullGraphType<StringGraphType>>("end").Description("HH:mm").Resolve(c => c.Source.End.ToString("HH:mm"));
        Field(x => x.TimeZone);
    }
}

public sealed class AlertCriteriaGraphType : ObjectGraphType<AlertCriteria>
{
    public AlertCriteriaGraphType()
    {
        Name = "AlertCriteria";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FactTypeEnum>>>>("factTypes").Resolve(c => c.Source.FactTypes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("companies").Description("Canonical names.").Resolve(c => c.Source.Companies);
        Field<FloatGraphType>("minAmountUsd").Resolve(c => c.Source.MinAmountUsd is { } a ? (double)a : null);
        Field(x => x.MinPercent, nullable: true);
        Field(x => x.MinPercentChange, nullable: true).Description("Stake change from the holder's previous stake, in points.");
        Field(x => x.MinConfidence);
        Field(x => x.MinSources).Description("Distinct outlets reporting the fact.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("keywords").Resolve(c => c.Source.Keywords);
        Field<QuietHoursGraphType>("quietHours").Resolve(c => c.Source.QuietHours);
        Field(x => x.DigestMinutes).Description("0: immediate; N: one digest message every N minutes.");
    }
}

public sealed class AlertRuleGraphType : ObjectGraphType<AlertRuleView>
{
    public AlertRuleGraphType()
    {
        Name = "AlertRule";
        Description = "What a Slack channel wants to hear about.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("AlertRule", c.Source.Id.ToString()));
        Field<NonNullGraphType<StringGraphType>>("ruleId").Resolve(c => c.Source.Id.ToString());
        Field(x => x.Name);
        Field<NonNullGraphType<AlertCriteriaGraphType>>("criteria").Resolve(c => c.Source.Criteria);
        Field<NonNullGraphType<StringGraphType>>("webhook").Description("The Slack webhook, masked: the URL is a secret and is never returned in clear.")
            .Resolve(c => c.Source.Destination.Masked);
        Field(x => x.Failing).Description("Slack refused the destination for good (e.g. no_service, invalid_token); redefine the rule to fix.");
        Field(x => x.FailingReason, nullable: true);
        Field(x => x.FailingSince, nullable: true);
        Field(x => x.DefinedAt);
        Field(x => x.ChangedAt, nullable: true);
        IsTypeOf = o => o is AlertRuleView;
    }
}

public sealed class DeliveryStateEnum : EnumerationGraphType<DeliveryState>
{
    public DeliveryStateEnum() => Name = "AlertDeliveryState";
}

public sealed class MessageDeliveryGraphType : ObjectGraphType<MessageDelivery>
{
    public MessageDeliveryGraphType()
    {
        Name = "AlertMessageDelivery";
        Field<NonNullGraphType<DeliveryStateEnum>>("state").Resolve(c => c.Source.State);
        Field(x => x.Attempts).Description("Posts tried, 429s included.");
        Field(x => x.Failures).Description("Failed posts that grow the backoff (5xx, timeouts); a 429 is not one.");
        Field(x => x.FailingSince, nullable: true).Description("When the current run of failures began; retries stop RetryHorizon (24 h) after it.");
        Field(x => x.LastError, nullable: true).Description("Slack's answer or the network error of the last failed attempt.");
        Field(x => x.NextAttemptAt, nullable: true);
        Field(x => x.DeliveredAt, nullable: true);
    }
}

public sealed class AlertSourceGraphType : ObjectGraphType<AlertSource>
{
    public AlertSourceGraphType()
    {
        Name = "AlertSource";
        Field<NonNullGraphType<StringGraphType>>("articleId").Resolve(c => c.Source.ArticleId.ToString());
        Field(x => x.Outlet, nullable: true);
        Field(x => x.Url, nullable: true);
        Field(x => x.Title, nullable: true);
        Field(x => x.PublishedAt, nullable: true);
        Field(x => x.Confidence);
    }
}

public sealed class AlertGraphType : ObjectGraphType<AlertView>
{
    public AlertGraphType()
    {
        Name = "Alert";
        Description = "A rule matched a fact: raised once per (rule, fact), updated as more sources report it.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Alert", c.Source.Id.ToString()));
        Field<NonNullGraphType<StringGraphType>>("alertId").Resolve(c => c.Source.Id.ToString());
        Field<AlertRuleGraphType>("rule").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<IQuerySession>().LoadAsync<AlertRuleView>(c.Source.RuleId, c.CancellationToken));
        Field(x => x.RuleName);
        Field(x => x.FactKey);
        Field<FactGraphType>("fact").Description("The fact as corroborated now.").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<IQuerySession>().LoadAsync<FactView>(c.Source.FactKey, c.CancellationToken));
        Field<NonNullGraphType<StringGraphType>>("headline").Resolve(c => FactWords.Headline(c.Source.Fact));
        Field<NonNullGraphType<StringGraphType>>("summary").Description("The fact in words, as the Slack message says it.").Resolve(c => FactWords.Sentence(c.Source.Fact));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertSourceGraphType>>>>("sources").Resolve(c => c.Source.Sources);
        Field(x => x.OutletCount);
        Field(x => x.RaisedAt);
        Field(x => x.LastUpdated);
        Field<NonNullGraphType<MessageDeliveryGraphType>>("delivery").Resolve(c => c.Source.Delivery);
        Field<MessageDeliveryGraphType>("followUp").Description("The one follow-up message, when more outlets reported the fact after the first.").Resolve(c => c.Source.FollowUp);
        Field(x => x.Acknowledged);
        Field(x => x.AcknowledgedBy, nullable: true);
        Field(x => x.AcknowledgedAt, nullable: true);
        IsTypeOf = o => o is AlertView;
    }
}

public sealed record AlertFilter
{
    public string? RuleId { get; init; }
    public DeliveryState? DeliveryState { get; init; }
    public bool? Acknowledged { get; init; }
    public string? FactType { get; init; }
}

public sealed class AlertFilterInputType : InputObjectGraphType<AlertFilter>
{
    public AlertFilterInputType()
    {
        Name = "AlertFilter";
        Field<IdGraphType>("ruleId").Description("The rule's global id or UUID.");
        Field<DeliveryStateEnum>("deliveryState").Description("State of the first message.");
        Field<BooleanGraphType>("acknowledged");
        Field<FactTypeEnum>("factType");
    }
}

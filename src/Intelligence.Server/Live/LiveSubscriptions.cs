using GraphQL;
using GraphQL.Types;
using Intelligence.Server.Alerts.Api;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Live;

public sealed record FactExtractedFilter
{
    public List<string>? Types { get; init; }
    public List<string>? Companies { get; init; }
    public double? MinConfidence { get; init; }

    public bool Accepts(LiveFact live)
    {
        var fact = live.Data.Fact;
        if (Types is { Count: > 0 } && !Types.Contains(fact.Type, StringComparer.OrdinalIgnoreCase)) return false;
        if (Companies is { Count: > 0 } && !fact.Companies.Any(c => Companies.Contains(c, StringComparer.OrdinalIgnoreCase))) return false;
        return MinConfidence is not { } min || fact.Confidence >= min;
    }
}

public sealed class FactExtractedFilterInputType : InputObjectGraphType<FactExtractedFilter>
{
    public FactExtractedFilterInputType()
    {
        Name = "FactExtractedFilter";
        Field<ListGraphType<NonNullGraphType<FactTypeEnum>>>("types").Description("Any of these types; absent or empty: every type.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("companies").Description("Canonical names; a fact matches when it involves any of them.");
        Field(x => x.MinConfidence, nullable: true).Description("This extraction's confidence at least this (0..1).");
    }
}

public sealed record AlertRaisedFilter
{
    public string? RuleId { get; init; }
}

public sealed class AlertRaisedFilterInputType : InputObjectGraphType<AlertRaisedFilter>
{
    public AlertRaisedFilterInputType()
    {
        Name = "AlertRaisedFilter";
        Field<IdGraphType>("ruleId").Description("Only this rule's alerts: the rule's global id or UUID.");
    }
}

/// <summary>One FactExtracted event as it is committed: this article's reading of the fact, and the fact across all sources.</summary>
public sealed class FactExtractedEventGraphType : ObjectGraphType<LiveFact>
{
    public FactExtractedEventGraphType()
    {
        Name = "FactExtractedEvent";
        Description = "A fact read from one article, delivered as soon as it is committed.";
        Field<NonNullGraphType<StringGraphType>>("sequence").Description("Global event sequence (a string: it may exceed 2^53).")
            .Resolve(c => c.Source.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("factKey").Resolve(c => c.Source.Data.FactKey);
        Field<NonNullGraphType<FactTypeEnum>>("type").Resolve(c => c.Source.Data.Fact.Type);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("companies").Resolve(c => c.Source.Data.Fact.Companies);
        Field<NonNullGraphType<FloatGraphType>>("confidence").Description("This extraction's confidence.").Resolve(c => c.Source.Data.Fact.Confidence);
        Field<StringGraphType>("quote").Resolve(c => c.Source.Data.Fact.Evidence?.Quote);
        Field<StringGraphType>("outlet").Resolve(c => c.Source.Data.Outlet);
        Field<NonNullGraphType<StringGraphType>>("extractorVersion").Resolve(c => c.Source.Data.ExtractorVersion);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("extractedAt").Resolve(c => c.Source.Data.ExtractedAt);
        Field<ArticleGraphType>("article").ResolveAsync(async c =>
            await SharedLoads.Once<ArticleView>(c.Source, c.RequestServices!, c.Source.Data.ArticleId, c.CancellationToken));
        Field<FactGraphType>("fact").Description("The fact across every article that states it, as of now.").ResolveAsync(async c =>
            await SharedLoads.Once<FactView>(c.Source, c.RequestServices!, c.Source.Data.FactKey, c.CancellationToken));
    }
}

/// <summary>`factExtracted(filter:)` and `alertRaised(filter:)`: streams fed by <see cref="LiveHub"/>.</summary>
public static class LiveSubscriptions
{
    public static void AddTo(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<FactExtractedEventGraphType>>("factExtracted")
            .Description("Every fact extracted from now on (on any server node) that matches the filter.")
            .Argument<FactExtractedFilterInputType>("filter")
            .ResolveStream(ctx =>
            {
                var filter = ctx.GetArgument<FactExtractedFilter?>("filter") ?? new FactExtractedFilter();
                return ctx.RequestServices!.GetRequiredService<LiveHub>().Watch<LiveFact>(filter.Accepts);
            });

        subscription.Field<NonNullGraphType<AlertGraphType>>("alertRaised")
            .Description("Every alert raised from now on (on any server node), optionally for one rule.")
            .Argument<AlertRaisedFilterInputType>("filter")
            .ResolveStreamAsync(ctx =>
            {
                var filter = ctx.GetArgument<AlertRaisedFilter?>("filter");
                Guid? rule = null;
                if (filter?.RuleId is { Length: > 0 } raw)
                {
                    rule = Guid.TryParse(raw, out var id) ? id
                        : GlobalId.Decode(raw) is ("AlertRule", var key) && Guid.TryParse(key, out var decoded) ? decoded
                        : throw new ExecutionError($"ruleId `{raw}` is neither an AlertRule id nor a UUID.") { Code = "BAD_USER_INPUT" };
                }
                var services = ctx.RequestServices!;
                return Task.FromResult<IObservable<object?>>(services.GetRequiredService<LiveHub>().Watch<LiveAlert, AlertView>(
                    a => rule is null || a.Data.RuleId == rule,
                    // The view is projected inline with the event, so it is there once the notification arrives; loaded once for all subscribers.
                    (live, ct) => SharedLoads.Once<AlertView>(live, services, live.Data.AlertId, ct)));
            });
    }
}

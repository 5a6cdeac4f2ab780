using GraphQL;
using GraphQL.Types;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.GraphQL;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Alerts.Api;

public static class AlertQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Paged<AlertGraphType>("alerts")
            .Description("Alerts, oldest first, with their delivery state.")
            .Argument<AlertFilterInputType>("filter")
            .ResolveAsync(async ctx =>
            {
                var page = Paging.Read(ctx);
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                var filtered = Filter(session.Query<AlertView>(), ctx.GetArgument<AlertFilter?>("filter"));
                return await Paging.BySequence(filtered, page, a => a.Sequence, ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertRuleGraphType>>>>("alertRules")
            .Description("Every alert rule not deleted, by name.")
            .ResolveAsync(async ctx =>
            {
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                return await session.Query<AlertRuleView>().Where(r => !r.Deleted).OrderBy(r => r.Name).ToListAsync(ctx.CancellationToken);
            });
    }

    public static async Task<object?> LoadAlert(IQuerySession session, string key, CancellationToken ct) =>
        Guid.TryParse(key, out var id) ? await session.LoadAsync<AlertView>(id, ct) : null;

    public static async Task<object?> LoadRule(IQuerySession session, string key, CancellationToken ct) =>
        Guid.TryParse(key, out var id) ? await session.LoadAsync<AlertRuleView>(id, ct) : null;

    private static IQueryable<AlertView> Filter(IQueryable<AlertView> alerts, AlertFilter? filter)
    {
        if (filter is null) return alerts;
        if (AlertMutations.ParseId(filter.RuleId, "AlertRule") is { } ruleId) alerts = alerts.Where(a => a.RuleId == ruleId);
        else if (filter.RuleId is not null) alerts = alerts.Where(a => a.RuleId == Guid.Empty);
        if (filter.DeliveryState is { } state) alerts = alerts.Where(a => a.Delivery.State == state);
        if (filter.Acknowledged is { } acknowledged) alerts = alerts.Where(a => a.Acknowledged == acknowledged);
        if (filter.FactType is { } type) alerts = alerts.Where(a => a.Fact.Type == type);
        return alerts;
    }
}

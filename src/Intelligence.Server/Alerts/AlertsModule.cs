using GraphQL.Types;
using Intelligence.Server.Alerts.Api;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Hosting;
using Intelligence.Ingestion.Safety;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Intelligence.Server.Alerts;

/// <summary>
/// Alert rules, evaluation and Slack delivery (issue 7):
/// an analysis appends FactExtracted/FactRetracted and returns EvaluateFactAlerts (outbox) => AlertRaised once per (rule, fact)
/// + DeliverSlackAlert (outbox, same transaction) => Slack, with durable scheduled retries.
/// </summary>
public sealed class AlertsModule : IFeatureModule
{
    public const string EvaluationQueue = "alert-evaluation";
    public const string DeliveryQueue = "alert-delivery";

    public void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        store.Projections.Add<AlertRuleViewProjection>(ProjectionLifecycle.Inline);
        store.Projections.Add<AlertViewProjection>(ProjectionLifecycle.Inline);
        store.Schema.For<AlertView>().Index(a => a.Sequence).Index(a => a.RuleId);
        store.Schema.For<AlertRuleView>();
        store.Schema.For<AlertWebhookSecret>();
    }

    public void ConfigureBus(WolverineOptions bus, IntelligenceOptions options)
    {
        bus.PublishMessage<EvaluateFactAlerts>().ToLocalQueue(EvaluationQueue);
        bus.LocalQueue(EvaluationQueue).UseDurableInbox().MaximumParallelMessages(4);
        bus.PublishMessage<DeliverSlackAlert>().ToLocalQueue(DeliveryQueue);
        bus.LocalQueue(DeliveryQueue).UseDurableInbox().MaximumParallelMessages(8);
    }

    public void ConfigureServices(WebApplicationBuilder builder, IntelligenceOptions options)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration("Alerts");
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertOptions>>().Value);
        builder.Services.AddSingleton(_ => CompanyNames.CreateDefault());
        builder.Services.AddSingleton(sp => new WebhookPolicy(sp.GetRequiredService<IOptions<AlertOptions>>().Value));
        builder.Services.AddSingleton<SlackWebhookClient>();
        builder.Services.AddSingleton<AcceptedPosts>();
        builder.Services.AddHttpClient(SlackWebhookClient.HttpClientName, http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // per request, from AlertOptions.RequestTimeout
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Intelligence-Alerts/1.0");
            })
            .RemoveAllLoggers() // the default handler logs request URIs; a webhook URL is a secret
            // The egress guard: public addresses only, plus the receivers the operator listed; no redirects, no proxy.
            .ConfigurePrimaryHttpMessageHandler(sp => EgressHandler.Create(new ConnectGuard(
                PrivateAddressAllowList.None, NetworkAccess.Default, sp.GetRequiredService<WebhookPolicy>().TrustedHosts)));
        builder.Services.AddHostedService<LegacyWebhookMigration>();
        builder.Services.AddHostedService<AlertRulesFileLoader>();
    }

    public void AddQueries(ObjectGraphType query)
    {
        AlertQueries.AddTo(query);
        NodeLoaders.Register("Alert", (sp, key, ct) => AlertQueries.LoadAlert(sp.GetRequiredService<IQuerySession>(), key, ct));
        NodeLoaders.Register("AlertRule", (sp, key, ct) => AlertQueries.LoadRule(sp.GetRequiredService<IQuerySession>(), key, ct));
    }

    public void AddMutations(ObjectGraphType mutation) => AlertMutations.AddTo(mutation);
}

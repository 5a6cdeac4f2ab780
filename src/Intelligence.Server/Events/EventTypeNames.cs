using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Rules;
using Marten;

namespace Intelligence.Server.Events;

/// <summary>
/// Stable names under which events are stored (mt_events.type), every event of every feature in one table. Renaming a
/// C# class never orphans stored events: the name here is the contract, and schemas/events/&lt;name&gt;.json documents its shape.
/// </summary>
public static class EventTypeNames
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        // An article's life: Articles/
        [typeof(ArticleIngested)] = "article_ingested",
        [typeof(ArticleCopySeen)] = "article_copy_seen",
        [typeof(ArticleAnalyzed)] = "article_analyzed",
        [typeof(FactExtracted)] = "fact_extracted",
        [typeof(FactRetracted)] = "fact_retracted",
        // Alert rules and alerts: Alerts/
        [typeof(AlertRuleDefined)] = "alert_rule_defined",
        [typeof(AlertRuleChanged)] = "alert_rule_changed",
        [typeof(AlertRuleDeleted)] = "alert_rule_deleted",
        [typeof(AlertRuleFailing)] = "alert_rule_failing",
        [typeof(AlertRaised)] = "alert_raised",
        [typeof(AlertCorroborated)] = "alert_corroborated",
        [typeof(AlertAcknowledged)] = "alert_acknowledged",
        [typeof(AlertDelivered)] = "alert_delivered",
        [typeof(AlertDeliveryDeferred)] = "alert_delivery_deferred",
        [typeof(AlertDeliveryFailed)] = "alert_delivery_failed",
        [typeof(AlertRedeliveryRequested)] = "alert_redelivery_requested",
    };

    public static void Register(StoreOptions options)
    {
        foreach (var (type, name) in All) options.Events.MapEventType(type, name);
    }
}

using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Marten;

namespace Intelligence.Server.Storage;

/// <summary>
/// Stable names under which events are stored (mt_events.type). Renaming a C# class never orphans stored events:
/// the name here is the contract, and schemas/events/&lt;name&gt;.json documents its shape.
/// </summary>
public static class EventTypeNames
{
    public static readonly IReadOnlyDictionary<Type, string> All = new Dictionary<Type, string>
    {
        [typeof(ArticleIngested)] = "article_ingested",
        [typeof(ArticleCopySeen)] = "article_copy_seen",
        [typeof(ArticleAnalyzed)] = "article_analyzed",
        [typeof(FactExtracted)] = "fact_extracted",
        [typeof(FactRetracted)] = "fact_retracted",
    };

    public static void Register(StoreOptions options)
    {
        foreach (var (type, name) in All) options.Events.MapEventType(type, name);
    }
}

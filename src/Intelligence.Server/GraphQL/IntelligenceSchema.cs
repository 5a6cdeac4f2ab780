using GraphQL.Types;
using Intelligence.Server.Articles.Viewing;
using Marten;

namespace Intelligence.Server.GraphQL;

/// <summary>The analysts' schema. Each feature adds its fields from its own folder.</summary>
public sealed class IntelligenceSchema : Schema
{
    public IntelligenceSchema(IServiceProvider services) : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        NodeLoaders.AddTo(query);
        ArticleQueries.AddTo(query);
        Query = query;

        NodeLoaders.Register("Article", async (sp, key, ct) =>
            await ArticleQueries.Load(sp.GetRequiredService<IQuerySession>(), key, ct));
        RegisterType(typeof(ArticleGraphType));
    }
}

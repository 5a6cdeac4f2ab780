using Intelligence.Server.GraphQL;
using Marten;

namespace Intelligence.Server.Articles.Viewing;

/// <summary>Per-request batch loader of articles: a page of facts with their sources costs one article query.</summary>
public sealed class ArticleLoader(IQuerySession session, Intelligence.Server.GraphQL.Limits.RequestDatabaseShare share)
{
    public BatchLoader<Guid, ArticleView> Articles { get; } = new(async (ids, ct) =>
        (await session.LoadManyAsync<ArticleView>(ct, ids)).ToDictionary(a => a.Id) as IDictionary<Guid, ArticleView>, share);
}

using GraphQL;
using GraphQL.Types;
using Intelligence.Server.GraphQL;
using Marten;

namespace Intelligence.Server.Articles.Viewing;

public sealed class ArticleGraphType : ObjectGraphType<ArticleView>
{
    public ArticleGraphType()
    {
        Name = "Article";
        Description = "A news article as ingested: its text, provenance and analysis.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode("Article", ctx.Source.Id.ToString()));
        Field<NonNullGraphType<StringGraphType>>("articleId").Description("The article's UUID (v5 of its canonical URL).").Resolve(ctx => ctx.Source.Id.ToString());
        Field(x => x.Title);
        Field(x => x.Url);
        Field(x => x.CanonicalUrl);
        Field(x => x.Outlet, nullable: true);
        Field(x => x.Byline, nullable: true);
        Field(x => x.PublishedAt, nullable: true).Description("Publication time the page declares, if any.");
        Field(x => x.IngestedAt);
        Field(x => x.Language);
        Field(x => x.Text);
        Field(x => x.SourceId, nullable: true);
        Field(x => x.CopyUrls).Description("URLs that carried the same or a near-identical text (syndicated copies).");
        Field(x => x.ExtractorVersion, nullable: true);
        Field(x => x.Summary);
        Field(x => x.FactCount);
        IsTypeOf = o => o is ArticleView;
    }
}

public sealed class ArticleFilterInputType : InputObjectGraphType<ArticleFilter>
{
    public ArticleFilterInputType()
    {
        Name = "ArticleFilter";
        Field(x => x.Search, nullable: true).Description("Case-insensitive words that must appear in the title or text.");
        Field(x => x.Language, nullable: true);
        Field(x => x.Source, nullable: true);
        Field(x => x.Since, nullable: true).Description("Published (or, without a publication time, ingested) at or after.");
    }
}

public sealed record ArticleFilter
{
    public string? Search { get; init; }
    public string? Language { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? Since { get; init; }
}

public static class ArticleQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Paged<ArticleGraphType>("articles")
            .Description("Articles in ingestion order.")
            .Argument<ArticleFilterInputType>("filter")
            .ResolveAsync(async ctx =>
            {
                var page = Paging.Read(ctx);
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                var filtered = Filter(session.Query<ArticleView>(), ctx.GetArgument<ArticleFilter?>("filter"));
                return await Paging.BySequence(filtered, page, a => a.Sequence, ctx.CancellationToken);
            });

        query.Field<ArticleGraphType>("article")
            .Description("One article by its global id or its UUID.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Load(ctx.RequestServices!.GetRequiredService<IQuerySession>(), ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }

    public static async Task<ArticleView?> Load(IQuerySession session, string id, CancellationToken ct)
    {
        var key = GlobalId.Decode(id) is ("Article", var k) ? k : id;
        return Guid.TryParse(key, out var guid) ? await session.LoadAsync<ArticleView>(guid, ct) : null;
    }

    private static IQueryable<ArticleView> Filter(IQueryable<ArticleView> articles, ArticleFilter? filter)
    {
        if (filter is null) return articles;
        if (!string.IsNullOrWhiteSpace(filter.Language)) articles = articles.Where(a => a.Language == filter.Language);
        if (!string.IsNullOrWhiteSpace(filter.Source)) articles = articles.Where(a => a.SourceId == filter.Source || a.Outlet == filter.Source);
        if (filter.Since is { } since) articles = articles.Where(a => (a.PublishedAt ?? a.IngestedAt) >= since);
        if (!string.IsNullOrWhiteSpace(filter.Search))
            foreach (var word in filter.Search.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                articles = articles.Where(a => a.Title.Contains(word, StringComparison.OrdinalIgnoreCase) || a.Text.Contains(word, StringComparison.OrdinalIgnoreCase));
        return articles;
    }
}

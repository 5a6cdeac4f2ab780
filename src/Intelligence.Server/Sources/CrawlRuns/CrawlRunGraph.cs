using GraphQL;
using GraphQL.Types;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.GraphQL;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Sources.CrawlRuns;

public sealed class CrawlStateEnum : EnumerationGraphType<CrawlState>
{
    public CrawlStateEnum() => Name = "CrawlState";
}

public sealed class CrawlGraphType : ObjectGraphType<CrawlRun>
{
    public CrawlGraphType()
    {
        Name = "Crawl";
        Description = "One crawl asked for through crawlSource: its state while it runs, then its report.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Crawl", c.Source.Id.ToString()));
        Field<NonNullGraphType<IdGraphType>>("crawlId").Description("The UUID, as `crawl(id:)` also accepts it.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("sourceId").Resolve(c => c.Source.SourceId);
        Field<NonNullGraphType<CrawlStateEnum>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<DateTimeOffsetGraphType>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<DateTimeOffsetGraphType>("finishedAt").Resolve(c => c.Source.FinishedAt);
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("Above 1: a node stopped mid-crawl and the crawl was resumed.").Resolve(c => c.Source.Attempts);
        Field<StringGraphType>("error").Resolve(c => c.Source.Error);
        var ingested = Field<NonNullGraphType<IntGraphType>>("articlesIngested").Description("New articles from this source since the crawl started (progress while it runs).")
            .ResolveAsync(async c =>
            {
                if (c.Source.StartedAt is not { } since) return 0;
                if (c.Source.Report is { } report) return report.Ingested;
                var session = c.RequestServices!.GetRequiredService<IQuerySession>();
                return await session.Query<ArticleView>().Where(a => a.SourceId == c.Source.SourceId && a.IngestedAt >= since).CountAsync(c.CancellationToken);
            });
        ingested.FieldType.Metadata[Intelligence.Server.GraphQL.Limits.DatabaseShareMiddleware.MetadataKey] = true;
        Field<Intelligence.Server.Sources.CrawlSummaryGraphType>("report").Description("The crawl's summary once it completed.").Resolve(c => c.Source.Report);
        IsTypeOf = o => o is CrawlRun;
    }
}

public static class CrawlRunQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<CrawlGraphType>("crawl")
            .Description("A crawl started by crawlSource, by its id (global id or UUID).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Load(ctx.RequestServices!.GetRequiredService<IQuerySession>(), ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }

    public static async Task<CrawlRun?> Load(IQuerySession session, string id, CancellationToken ct)
    {
        var key = Guid.TryParse(id, out var direct) ? direct
            : GlobalId.Decode(id) is ("Crawl", var raw) && Guid.TryParse(raw, out var decoded) ? decoded : (Guid?)null;
        return key is { } k ? await session.LoadAsync<CrawlRun>(k, ct) : null;
    }

    public static async Task<CrawlRequested> Request(IResolveFieldContext ctx, string sourceId) =>
        await ctx.RequestServices!.GetRequiredService<IMessageBus>().InvokeAsync<CrawlRequested>(new RequestCrawl(sourceId), ctx.CancellationToken);
}

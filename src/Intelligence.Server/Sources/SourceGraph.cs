using GraphQL;
using GraphQL.Types;
using Intelligence.Ingestion.Sources;
using Intelligence.Server.Articles.Analyzing;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Sources.Adding;
using Intelligence.Server.Sources.Catalog;
using Intelligence.Server.Sources.Crawling;
using Intelligence.Server.Sources.CrawlRuns;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Sources;

public sealed record SourceRow(SourceDefinition Definition, CrawlSummary? LastCrawl);

public sealed class CrawlSummaryGraphType : ObjectGraphType<CrawlSummary>
{
    public CrawlSummaryGraphType()
    {
        Name = "CrawlSummary";
        Description = "What one crawl of a source did; URLs refused or disallowed by robots.txt are listed with the reason.";
        Field(x => x.StartedAt);
        Field(x => x.FinishedAt);
        Field(x => x.Discovered);
        Field(x => x.Fetched);
        Field(x => x.NotModified);
        Field(x => x.Ingested);
        Field(x => x.Copies);
        Field(x => x.DisallowedByRobots);
        Field(x => x.Refused);
        Field(x => x.Failed);
    }
}

public sealed class SourceGraphType : ObjectGraphType<SourceRow>
{
    public SourceGraphType()
    {
        Name = "Source";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode("Source", c.Source.Definition.Id));
        Field<NonNullGraphType<StringGraphType>>("sourceId").Resolve(c => c.Source.Definition.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Definition.Name);
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(c => c.Source.Definition.Kind.ToString().ToUpperInvariant());
        Field<StringGraphType>("url").Resolve(c => c.Source.Definition.Url?.ToString() ?? c.Source.Definition.Path);
        Field<NonNullGraphType<StringGraphType>>("schedule").Resolve(c => c.Source.Definition.Schedule);
        Field<StringGraphType>("language").Resolve(c => c.Source.Definition.Language);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(c => c.Source.Definition.Enabled);
        Field<StringGraphType>("note").Resolve(c => c.Source.Definition.Note);
        Field<CrawlSummaryGraphType>("lastCrawl").Resolve(c => c.Source.LastCrawl);
        IsTypeOf = o => o is SourceRow;
    }
}

public sealed class AddSourceInputType : InputObjectGraphType<AddSourceInput>
{
    public AddSourceInputType()
    {
        Name = "AddSourceInput";
        Field(x => x.Id);
        Field(x => x.Name);
        Field(x => x.Kind).Description("rss, atom, sitemap, page or file.");
        Field(x => x.Url, nullable: true);
        Field(x => x.Path, nullable: true).Description("For kind `file`: a local file or folder under a directory the server allows (INTELLIGENCE_FILE_SOURCE_ROOTS); none by default.");
        Field(x => x.Schedule, nullable: true).Description("Cron expression (UTC), default every 30 minutes.");
        Field(x => x.Language, nullable: true);
        Field(x => x.HostDelaySeconds, nullable: true);
        Field(x => x.Enabled, nullable: true);
        Field(x => x.AllowPrivateAddresses, nullable: true).Description("Private addresses this source may reach (e.g. 127.0.0.1:8080); none by default. Admin keys only; single addresses, no ranges.");
    }
}

public sealed record SourcePayload(SourceRow? Source, IReadOnlyList<UserError> UserErrors);
public sealed record CrawlPayload(CrawlRun? Crawl, IReadOnlyList<UserError> UserErrors);
public sealed record ArticlePayload(ArticleView? Article, string? Outcome, IReadOnlyList<UserError> UserErrors);

public static class SourceGraph
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Paged<SourceGraphType>("sources")
            .Description("Configured sources with their last crawl, by id.")
            .ResolveAsync(async ctx =>
            {
                var page = Paging.Read(ctx);
                var rows = await Rows(ctx.RequestServices!, ctx.CancellationToken);
                return Paging.InMemory(rows.OrderBy(r => r.Definition.Id, StringComparer.Ordinal).ToList(), page, r => r.Definition.Id);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AddSourcePayloadType>>("addSource")
            .Description("Add a source to crawl (validated like an entry of the sources file).")
            .Argument<NonNullGraphType<AddSourceInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var command = new AddSource(ctx.GetArgument<AddSourceInput>("input"), Security.Caller.Require(ctx, Security.ApiRole.Editor));
                var result = await ctx.RequestServices!.GetRequiredService<IMessageBus>().InvokeAsync<AddSourceResult>(command, ctx.CancellationToken);
                return new SourcePayload(result.Added is { } added ? new SourceRow(added, null) : null, result.Errors);
            });

        mutation.Field<NonNullGraphType<CrawlSourcePayloadType>>("crawlSource")
            .Description("Start crawling a source now. Answers at once with the queued crawl; follow it with `crawl(id:)` "
                + "(it outlives the request and a node restart) and find its report there and in the source's `lastCrawl`.")
            .Argument<NonNullGraphType<IdInput>>("input")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<Dictionary<string, object?>>("input")["id"] as string ?? "";
                var requested = await CrawlRunQueries.Request(ctx, id);
                return requested.Run is { } run
                    ? new CrawlPayload(run, [])
                    : new CrawlPayload(null, [new UserError("input.id", $"No source '{id}'.", "NOT_FOUND")]);
            });

        mutation.Field<NonNullGraphType<ArticlePayloadType>>("ingestUrl")
            .Description("Fetch one page (public addresses only) and ingest it; analysis follows asynchronously.")
            .Argument<NonNullGraphType<UrlInput>>("input")
            .ResolveAsync(async ctx =>
            {
                var url = ctx.GetArgument<Dictionary<string, object?>>("input")["url"] as string ?? "";
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    return new ArticlePayload(null, null, [new UserError("input.url", "Expected an absolute http(s) URL.", "INVALID_URL")]);
                var services = ctx.RequestServices!;
                try
                {
                    var fetched = await services.GetRequiredService<Intelligence.Ingestion.Fetching.Fetcher>()
                        .FetchAsync(new Intelligence.Ingestion.Fetching.FetchRequest(uri), ctx.CancellationToken);
                    var result = await services.GetRequiredService<IMessageBus>().InvokeAsync<IngestResult>(
                        new IngestArticle(fetched.FinalUrl.AbsoluteUri, fetched.Text, "graphql", Charset: fetched.Charset), ctx.CancellationToken);
                    if (result.Outcome == IngestOutcome.Unreadable)
                        return new ArticlePayload(null, null, [new UserError("input.url", result.Problem ?? "No readable article.", "UNREADABLE")]);
                    await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
                    return new ArticlePayload(await session.LoadAsync<ArticleView>(result.ArticleId, ctx.CancellationToken), result.Outcome.ToString().ToUpperInvariant(), []);
                }
                catch (Intelligence.Ingestion.Fetching.FetchException e)
                {
                    return new ArticlePayload(null, null, [new UserError("input.url", e.Message, e is Intelligence.Ingestion.Fetching.FetchRefusedException ? "REFUSED" : "FETCH_FAILED")]);
                }
            });

        mutation.Field<NonNullGraphType<ArticlePayloadType>>("reanalyzeArticle")
            .Description("Run the current extractor over a stored article; appends only the differences.")
            .Argument<NonNullGraphType<IdInput>>("input")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<Dictionary<string, object?>>("input")["id"] as string ?? "";
                var services = ctx.RequestServices!;
                var session = services.GetRequiredService<IQuerySession>();
                var article = await ArticleQueries.Load(session, id, ctx.CancellationToken);
                if (article is null) return new ArticlePayload(null, null, [new UserError("input.id", $"No article '{id}'.", "NOT_FOUND")]);
                var outcome = await services.GetRequiredService<IMessageBus>().InvokeAsync<AnalysisOutcome>(new AnalyzeArticle(article.Id), ctx.CancellationToken);
                await using var fresh = services.GetRequiredService<IDocumentStore>().QuerySession();
                return new ArticlePayload(await fresh.LoadAsync<ArticleView>(article.Id, ctx.CancellationToken), outcome.Analyzed ? "REANALYZED" : "UNCHANGED", []);
            });
    }

    private static async Task<List<SourceRow>> Rows(IServiceProvider services, CancellationToken ct)
    {
        var sources = await services.GetRequiredService<SourceCatalog>().All(ct);
        var session = services.GetRequiredService<IQuerySession>();
        var crawls = (await session.LoadManyAsync<CrawlSummary>(ct, sources.Select(s => s.Id))).ToDictionary(c => c.Id);
        return [.. sources.Select(s => new SourceRow(s, crawls.GetValueOrDefault(s.Id)))];
    }
}

public sealed class IdInput : InputObjectGraphType
{
    public IdInput()
    {
        Name = "IdInput";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

public sealed class UrlInput : InputObjectGraphType
{
    public UrlInput()
    {
        Name = "IngestUrlInput";
        Field<NonNullGraphType<StringGraphType>>("url");
    }
}

public sealed class AddSourcePayloadType : ObjectGraphType<SourcePayload>
{
    public AddSourcePayloadType()
    {
        Name = "AddSourcePayload";
        Field<SourceGraphType>("source").Resolve(c => c.Source.Source);
        this.AddUserErrors(x => x.UserErrors);
    }
}

public sealed class CrawlSourcePayloadType : ObjectGraphType<CrawlPayload>
{
    public CrawlSourcePayloadType()
    {
        Name = "CrawlSourcePayload";
        Field<CrawlGraphType>("crawl").Description("The crawl, queued or already running.").Resolve(c => c.Source.Crawl);
        this.AddUserErrors(x => x.UserErrors);
    }
}

public sealed class ArticlePayloadType : ObjectGraphType<ArticlePayload>
{
    public ArticlePayloadType()
    {
        Name = "ArticlePayload";
        Field<ArticleGraphType>("article").Resolve(c => c.Source.Article);
        Field<StringGraphType>("outcome").Description("INGESTED, ALREADYKNOWN, COPYOFEXISTING, REANALYZED or UNCHANGED.").Resolve(c => c.Source.Outcome);
        this.AddUserErrors(x => x.UserErrors);
    }
}

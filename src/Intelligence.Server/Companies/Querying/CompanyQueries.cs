using GraphQL;
using GraphQL.Types;
using Intelligence.Domain.Facts;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Companies.Profiling;
using Intelligence.Server.Facts.History;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Intelligence.Server.GraphQL.Caching;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Companies.Querying;

public sealed class ReportGraphType : ObjectGraphType<ProfileEntry>
{
    public ReportGraphType()
    {
        Name = "Report";
        Description = "One article's report of a fact about the company.";
        FactFields.Add(this, e => e.Fact);
        Field(x => x.FactKey);
        Field(x => x.Outlet, nullable: true);
        Field(x => x.PublishedAt, nullable: true);
        Field(x => x.ReportedAt).Description("Publication time, or ingestion time when the page gives none.");
        Field<FloatGraphType>("confidence").Resolve(c => c.Source.Fact.Confidence);
        Field<StringGraphType>("quote").Resolve(c => c.Source.Fact.Evidence?.Quote);
        Field<ArticleGraphType>("article").Resolve(ctx => ctx.RequestServices!.GetRequiredService<ArticleLoader>().Articles.Load(ctx.Source.ArticleId));
        this.FieldsReadOnlyTheirSource(except: "article");
    }
}

public sealed class LatestReportGraphType : ObjectGraphType<LatestReport>
{
    public LatestReportGraphType()
    {
        Name = "LatestReport";
        Description = "The latest report for a counterparty or a period, with the earlier ones.";
        Field(x => x.Key).Description("The counterparty or the period.");
        Field<NonNullGraphType<ReportGraphType>>("latest").Resolve(c => c.Source.Latest);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportGraphType>>>>("history").Resolve(c => c.Source.History);
        this.FieldsReadOnlyTheirSource();
    }
}

public sealed class CompanyGraphType : ObjectGraphType<CompanyProfile>
{
    public CompanyGraphType()
    {
        Name = "Company";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The live company's id, or a historical view's own id (asOf/knownAt): caches keep the two apart.")
            .Resolve(ctx => CompanyQueries.IdOf(ctx.Source));
        Field("name", x => x.Id).Description("Canonical name.");
        Field<DateTimeGraphType>("asOf").Description("For a historical view: facts reported (published) by this time; null for the live profile.")
            .Resolve(ctx => ctx.Source.View?.AsOf?.UtcDateTime);
        Field<DateTimeGraphType>("knownAt").Description("For a historical view: what the store had recorded by this time; null for the live profile.")
            .Resolve(ctx => ctx.Source.View?.KnownAt?.UtcDateTime);
        Latest("stakesHeld", "Stakes it holds: latest percent per company, with history.", p => p.OfType(FactTypes.Stake).Where(e => e.Fact.Holder == p.Id), (p, e) => e.Fact.Target ?? "?");
        Latest("stakesIn", "Stakes others hold in it: latest percent per holder, with history.", p => p.OfType(FactTypes.Stake).Where(e => e.Fact.Target == p.Id), (p, e) => e.Fact.Holder ?? "?");
        Reports("investmentsMade", p => p.OfType(FactTypes.Investment).Where(e => e.Fact.Investor == p.Id));
        Reports("investmentsReceived", p => p.OfType(FactTypes.Investment).Where(e => e.Fact.Target == p.Id));
        Latest("losses", "Losses by period: latest report per period, earlier reports as history.", p => p.OfType(FactTypes.Loss), (p, e) => PeriodKey(e));
        Latest("revenue", "Revenue by period.", p => p.OfType(FactTypes.Revenue), (p, e) => PeriodKey(e));
        Latest("capex", "Capital expenditure by period.", p => p.OfType(FactTypes.Capex), (p, e) => PeriodKey(e));
        Reports("disputes", p => p.OfType(FactTypes.Dispute));
        Reports("launches", p => p.OfType(FactTypes.Launch));
        Reports("partnerships", p => p.OfType(FactTypes.Partnership));
        Reports("personnel", p => p.OfType(FactTypes.Personnel));
        Field<NonNullGraphType<ListGraphType<ArticleGraphType>>>("articles").Description("Articles that report facts about it.")
            .Resolve(ctx =>
            {
                var loader = ctx.RequestServices!.GetRequiredService<ArticleLoader>().Articles;
                return ctx.Source.ArticleIds.Select(loader.Load).ToList();
            });
        IsTypeOf = o => o is CompanyProfile;
        this.FieldsReadOnlyTheirSource(except: "articles");
    }

    private static string PeriodKey(ProfileEntry e) => (e.Fact.Period ?? "unspecified") + (e.Fact.Kind is { } k ? $" ({k})" : "");

    private void Reports(string name, Func<CompanyProfile, IEnumerable<ProfileEntry>> select) =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportGraphType>>>>(name)
            .Resolve(ctx => select(ctx.Source).OrderBy(e => e.ReportedAt).ThenBy(e => e.Sequence).ToList());

    private void Latest(string name, string description, Func<CompanyProfile, IEnumerable<ProfileEntry>> select, Func<CompanyProfile, ProfileEntry, string> key) =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LatestReportGraphType>>>>(name).Description(description)
            .Resolve(ctx => ctx.Source.LatestBy(select(ctx.Source), e => key(ctx.Source, e)).ToList());
}

public sealed record CompanyFilter
{
    public string? Search { get; init; }
}

public sealed class CompanyFilterInputType : InputObjectGraphType<CompanyFilter>
{
    public CompanyFilterInputType()
    {
        Name = "CompanyFilter";
        Field(x => x.Search, nullable: true).Description("Case-insensitive part of the name.");
    }
}

public static class CompanyQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        var company = query.Field<CompanyGraphType>("company")
            .Description("A company's profile by canonical name (case-insensitive); with `asOf` and/or `knownAt`, as it stood at a past time.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Cacheable();
        TimeTravel.AddArguments(company);
        company.ResolveAsync(async ctx =>
            {
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                var name = ctx.GetArgument<string>("name");
                if (TimeTravel.From(ctx) is { } view)
                {
                    ResponseReads.NotCacheable(); // folded from events
                    return await Historical(session, name, view, ctx.CancellationToken);
                }
                var profiles = ctx.RequestServices!.GetRequiredService<ProjectionCache>();
                if (await profiles.Load<CompanyProfile>(name, ctx.CancellationToken) is { } profile) return profile;
                ResponseReads.NotCacheable(); // the name is resolved in SQL
                return await CanonicalName(session, name, ctx.CancellationToken) is { } canonical ? await profiles.Load<CompanyProfile>(canonical, ctx.CancellationToken) : null;
            });

        query.Paged<CompanyGraphType>("companies")
            .Description("Companies with at least one fact, by name.")
            .Argument<CompanyFilterInputType>("filter")
            .ResolveAsync(async ctx =>
            {
                var page = Paging.Read(ctx);
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                IQueryable<CompanyProfile> companies = session.Query<CompanyProfile>().Where(c => c.Entries.Any());
                if (ctx.GetArgument<CompanyFilter?>("filter")?.Search is { Length: > 0 } search)
                    companies = companies.Where(c => c.Id.Contains(search, StringComparison.OrdinalIgnoreCase));
                var total = await companies.CountAsync(ctx.CancellationToken);
                if (page.After is { } after) companies = companies.Where(c => string.Compare(c.Id, after) > 0);
                if (page.Before is { } before) companies = companies.Where(c => string.Compare(c.Id, before) < 0);
                var ordered = page.Backward ? companies.OrderByDescending(c => c.Id) : companies.OrderBy(c => c.Id);
                var rows = await ordered.Take(page.Size + 1).ToListAsync(ctx.CancellationToken);
                return Paging.ToConnection(rows, page, c => c.Id, total);
            });
    }

    /// <summary>
    /// The stored spelling of a company name (exact, else case-insensitive), reading ids only: profiles of big
    /// companies run to hundreds of kilobytes, too much to load just to learn a name.
    /// </summary>
    public static async Task<string?> CanonicalName(IQuerySession session, string name, CancellationToken ct) =>
        await session.Query<CompanyProfile>().Where(c => c.Id == name).Select(c => c.Id).FirstOrDefaultAsync(ct)
        ?? await session.Query<CompanyProfile>().Where(c => c.Id.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(c => c.Id).FirstOrDefaultAsync(ct);

    public const string HistoricalIdType = "CompanyAt";

    public static string IdOf(CompanyProfile profile) => profile.View is { } view
        ? GlobalId.Encode(HistoricalIdType, view.KeyOf(profile.Id))
        : GlobalId.Encode("Company", profile.Id);

    /// <summary>What `node(id:)` returns for a company id, live or historical.</summary>
    public static void RegisterNodes()
    {
        NodeLoaders.Register("Company", async (sp, key, ct) => await sp.GetRequiredService<ProjectionCache>().Load<CompanyProfile>(key, ct));
        NodeLoaders.Register(HistoricalIdType, async (sp, key, ct) =>
            TimeTravel.ParseKey(key) is var (view, name) ? await Historical(sp.GetRequiredService<IQuerySession>(), name, view, ct) : null);
    }

    /// <summary>The profile in a past view, folded from the fact events with the projection's own Fold methods.</summary>
    public static async Task<CompanyProfile?> Historical(IQuerySession session, string name, TimeTravel view, CancellationToken ct)
    {
        var canonical = await CanonicalName(session, name, ct) ?? name;
        var profile = new CompanyProfile { Id = canonical, View = view };
        await view.Fold(session, companies => companies.Contains(canonical),
            (extracted, at, sequence) => CompanyProfileProjection.Fold(profile, extracted, at, sequence),
            retracted => CompanyProfileProjection.Fold(profile, retracted), ct);
        return profile.Entries.Count == 0 ? null : profile;
    }
}

using GraphQL;
using GraphQL.Types;
using Intelligence.Domain.Facts;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Companies.Profiling;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Storage;
using JasperFx.Events;
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
    }
}

public sealed class CompanyGraphType : ObjectGraphType<CompanyProfile>
{
    public CompanyGraphType()
    {
        Name = "Company";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode("Company", ctx.Source.Id));
        Field("name", x => x.Id).Description("Canonical name.");
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
        query.Field<CompanyGraphType>("company")
            .Description("A company's profile by canonical name (case-insensitive), optionally as it stood at a past time.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Argument<DateTimeGraphType>("asOf", "Only what had been reported by then (folded from the events).")
            .ResolveAsync(async ctx =>
            {
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                var name = ctx.GetArgument<string>("name");
                var asOf = ctx.GetArgument<DateTimeOffset?>("asOf");
                if (asOf is { } at) return await AsOf(session, name, at, ctx.CancellationToken);
                var profiles = ctx.RequestServices!.GetRequiredService<ProjectionCache>();
                return await profiles.Load<CompanyProfile>(name, ctx.CancellationToken)
                    ?? (await CanonicalName(session, name, ctx.CancellationToken) is { } canonical ? await profiles.Load<CompanyProfile>(canonical, ctx.CancellationToken) : null);
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

    /// <summary>Folds the fact events recorded up to <paramref name="asOf"/> with the projection's own Fold methods.</summary>
    public static async Task<CompanyProfile?> AsOf(IQuerySession session, string name, DateTimeOffset asOf, CancellationToken ct)
    {
        var canonical = await CanonicalName(session, name, ct) ?? name;
        var profile = new CompanyProfile { Id = canonical };
        await foreach (var e in FactEvents.UpTo(session, asOf, ct))
        {
            if (e.Data is FactExtracted extracted && extracted.Fact.Companies.Contains(canonical))
                CompanyProfileProjection.Fold(profile, extracted, StoredTime.Of(e), e.Sequence);
            else if (e.Data is FactRetracted retracted && retracted.Companies.Contains(canonical))
                CompanyProfileProjection.Fold(profile, retracted);
        }
        return profile.Entries.Count == 0 ? null : profile;
    }
}

public static class FactEvents
{
    /// <summary>Fact events with a timestamp at or before <paramref name="asOf"/>, in sequence order, streamed.</summary>
    public static IAsyncEnumerable<IEvent> UpTo(IQuerySession session, DateTimeOffset asOf, CancellationToken ct) =>
        session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= asOf)
            .Where(e => e.EventTypeName == "fact_extracted" || e.EventTypeName == "fact_retracted")
            .OrderBy(e => e.Sequence)
            .ToAsyncEnumerable(ct);
}

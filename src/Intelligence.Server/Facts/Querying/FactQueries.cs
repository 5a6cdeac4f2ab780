using GraphQL;
using GraphQL.Types;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.GraphQL;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Facts.Querying;

public sealed record FactFilter
{
    public List<string>? Types { get; init; }
    public List<string>? Companies { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public double? MinConfidence { get; init; }
    public int? MinSources { get; init; }
}

public sealed class FactFilterInputType : InputObjectGraphType<FactFilter>
{
    public FactFilterInputType()
    {
        Name = "FactFilter";
        Field<ListGraphType<NonNullGraphType<FactTypeEnum>>>("types");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("companies").Description("Canonical names; a fact matches when it involves any of them.");
        Field(x => x.Since, nullable: true).Description("Fact date (stated or published) at or after.");
        Field(x => x.Until, nullable: true).Description("Fact date (stated or published) before.");
        Field(x => x.MinConfidence, nullable: true);
        Field(x => x.MinSources, nullable: true).Description("At least this many distinct outlets.");
    }
}

public static class FactQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Paged<FactGraphType>("facts")
            .Description("Corroborated facts, in the order they were first seen.")
            .Argument<FactFilterInputType>("filter")
            .ResolveAsync(async ctx =>
            {
                var page = Paging.Read(ctx);
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                var filtered = Filter(session.Query<FactView>(), ctx.GetArgument<FactFilter?>("filter"));
                return await Paging.BySequence(filtered, page, f => f.FirstSequence, ctx.CancellationToken);
            });
    }

    public static async Task<FactView?> Load(IQuerySession session, string key, CancellationToken ct) =>
        await session.LoadAsync<FactView>(key, ct);

    private static IQueryable<FactView> Filter(IQueryable<FactView> facts, FactFilter? filter)
    {
        facts = facts.Where(f => f.SourceCount > 0);
        if (filter is null) return facts;
        if (filter.Types is { Count: > 0 } types) facts = facts.Where(f => types.Contains(f.Type));
        // Overlap with the duplicated companies column, served by its GIN index (LINQ's Contains becomes
        // `= any(companies)`, which no index serves). The array is one parameter, not a params list.
        if (filter.Companies is { Count: > 0 } companies)
        {
            object names = companies.ToArray();
            facts = facts.Where(f => f.MatchesSql("d.companies && ?", names));
        }
        if (filter.Since is { } since) facts = facts.Where(f => f.FactDate >= since);
        if (filter.Until is { } until) facts = facts.Where(f => f.FactDate < until);
        if (filter.MinConfidence is { } confidence) facts = facts.Where(f => f.BestConfidence >= confidence);
        if (filter.MinSources is { } sources) facts = facts.Where(f => f.OutletCount >= sources);
        return facts;
    }
}

using GraphQL;
using GraphQL.Types;
using Intelligence.Domain.Facts;
using Intelligence.Server.Companies.Querying;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Facts.History;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Partnerships.Timelines;
using Intelligence.Server.GraphQL.Caching;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Partnerships.Querying;

public sealed class TimelineEntryGraphType : ObjectGraphType<TimelineEntry>
{
    public TimelineEntryGraphType()
    {
        Name = "TimelineEntry";
        Description = "One event in the relationship: an investment, a stake, a restructuring, a dispute...";
        FactFields.Add(this, e => e.Fact);
        Field(x => x.FactKey);
        Field(x => x.Date).Description("The fact's own date when the text gives one, else the first publication date.");
        Field(x => x.DateSource).Description("`text` when the article states the date, `published` when the publication date stands in.");
        Field(x => x.Confidence);
        Field<NonNullGraphType<IntGraphType>>("sourceCount").Resolve(c => c.Source.Sources.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FactSourceGraphType>>>>("sources").Resolve(c => c.Source.Sources);
        this.FieldsReadOnlyTheirSource();
    }
}

public sealed class PartnershipGraphType : ObjectGraphType<PartnershipTimeline>
{
    public PartnershipGraphType()
    {
        Name = "Partnership";
        Description = "The relationship between two companies, as a timeline.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The live timeline's id, or a historical view's own id (asOf/knownAt): caches keep the two apart.")
            .Resolve(ctx => PartnershipQueries.IdOf(ctx.Source));
        Field(x => x.Companies);
        Field<DateTimeGraphType>("asOf").Description("For a historical view: facts reported (published) by this time; null for the live timeline.")
            .Resolve(ctx => ctx.Source.View?.AsOf?.UtcDateTime);
        Field<DateTimeGraphType>("knownAt").Description("For a historical view: what the store had recorded by this time; null for the live timeline.")
            .Resolve(ctx => ctx.Source.View?.KnownAt?.UtcDateTime);
        this.Paged<PartnershipTimeline, TimelineEntryGraphType>("timeline")
            .Description("Entries in chronological order (the entry's date, then the order in which it was first reported).")
            .Resolve(ctx => Paging.InMemory(ctx.Source.Chronological().ToList(), Paging.Read(ctx), PartnershipQueries.TimelinePosition));
        IsTypeOf = o => o is PartnershipTimeline;
        this.FieldsReadOnlyTheirSource();
    }
}

public static class PartnershipQueries
{
    /// <summary>Sorts like <see cref="PartnershipTimeline.Chronological"/>: fixed-width UTC ticks, then the sequence.</summary>
    internal static string TimelinePosition(TimelineEntry e) =>
        $"{e.Date.UtcTicks:D19}.{e.FirstSequence:D19}";

    public static void AddTo(ObjectGraphType query)
    {
        var partnership = query.Field<PartnershipGraphType>("partnership")
            .Description("The timeline between two companies (order does not matter); with `asOf` and/or `knownAt`, as it stood at a past time.")
            .Argument<NonNullGraphType<StringGraphType>>("a")
            .Argument<NonNullGraphType<StringGraphType>>("b")
            .Cacheable();
        TimeTravel.AddArguments(partnership);
        partnership.ResolveAsync(async ctx =>
            {
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                var (a, b, ct) = (ctx.GetArgument<string>("a"), ctx.GetArgument<string>("b"), ctx.CancellationToken);
                if (TimeTravel.From(ctx) is { } view)
                {
                    ResponseReads.NotCacheable(); // folded from events
                    return await Historical(session, await PairKey(session, a, b, ct), view, ct);
                }
                // Names usually arrive spelled as stored: try the key as given before resolving names.
                var timelines = ctx.RequestServices!.GetRequiredService<ProjectionCache>();
                if (await timelines.Load<PartnershipTimeline>(PartnershipTimelineProjection.PairKey(a, b), ct) is { } timeline) return timeline;
                ResponseReads.NotCacheable(); // the names are resolved in SQL
                return await timelines.Load<PartnershipTimeline>(await PairKey(session, a, b, ct), ct);
            });
    }

    public const string HistoricalIdType = "PartnershipAt";

    public static string IdOf(PartnershipTimeline timeline) => timeline.View is { } view
        ? GlobalId.Encode(HistoricalIdType, view.KeyOf(timeline.Id))
        : GlobalId.Encode("Partnership", timeline.Id);

    /// <summary>What `node(id:)` returns for a partnership id, live or historical.</summary>
    public static void RegisterNodes()
    {
        NodeLoaders.Register("Partnership", async (sp, key, ct) => await sp.GetRequiredService<ProjectionCache>().Load<PartnershipTimeline>(key, ct));
        NodeLoaders.Register(HistoricalIdType, async (sp, key, ct) =>
            TimeTravel.ParseKey(key) is var (view, pair) ? await Historical(sp.GetRequiredService<IQuerySession>(), pair, view, ct) : null);
    }

    private static async Task<string> PairKey(IQuerySession session, string a, string b, CancellationToken ct) =>
        PartnershipTimelineProjection.PairKey(
            await CompanyQueries.CanonicalName(session, a, ct) ?? a,
            await CompanyQueries.CanonicalName(session, b, ct) ?? b);

    /// <summary>The timeline in a past view, folded from the fact events with the projection's own Fold methods.</summary>
    public static async Task<PartnershipTimeline?> Historical(IQuerySession session, string key, TimeTravel view, CancellationToken ct)
    {
        var timeline = new PartnershipTimeline { Id = key, View = view };
        await view.Fold(session, companies => PartnershipTimelineProjection.PairKeys(companies).Contains(key),
            (extracted, at, sequence) => PartnershipTimelineProjection.Fold(timeline, extracted, at, sequence),
            retracted => PartnershipTimelineProjection.Fold(timeline, retracted), ct);
        return timeline.Entries.Count == 0 ? null : timeline;
    }
}

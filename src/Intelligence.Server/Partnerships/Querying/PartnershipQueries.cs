using GraphQL;
using GraphQL.Types;
using Intelligence.Domain.Facts;
using Intelligence.Server.Companies.Querying;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Partnerships.Timelines;
using Intelligence.Server.Storage;
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
    }
}

public sealed class PartnershipGraphType : ObjectGraphType<PartnershipTimeline>
{
    public PartnershipGraphType()
    {
        Name = "Partnership";
        Description = "The relationship between two companies, as a timeline.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode("Partnership", ctx.Source.Id));
        Field(x => x.Companies);
        this.Paged<PartnershipTimeline, TimelineEntryGraphType>("timeline")
            .Description("Entries in chronological order (the entry's date, then the order in which it was first reported).")
            .Resolve(ctx => Paging.InMemory(ctx.Source.Chronological().ToList(), Paging.Read(ctx), PartnershipQueries.TimelinePosition));
        IsTypeOf = o => o is PartnershipTimeline;
    }
}

public static class PartnershipQueries
{
    /// <summary>Sorts like <see cref="PartnershipTimeline.Chronological"/>: fixed-width UTC ticks, then the sequence.</summary>
    internal static string TimelinePosition(TimelineEntry e) =>
        $"{e.Date.UtcTicks:D19}.{e.FirstSequence:D19}";

    public static void AddTo(ObjectGraphType query)
    {
        query.Field<PartnershipGraphType>("partnership")
            .Description("The timeline between two companies (order does not matter), optionally as it stood at a past time.")
            .Argument<NonNullGraphType<StringGraphType>>("a")
            .Argument<NonNullGraphType<StringGraphType>>("b")
            .Argument<DateTimeGraphType>("asOf")
            .ResolveAsync(async ctx =>
            {
                var session = ctx.RequestServices!.GetRequiredService<IQuerySession>();
                var (a, b, ct) = (ctx.GetArgument<string>("a"), ctx.GetArgument<string>("b"), ctx.CancellationToken);
                if (ctx.GetArgument<DateTimeOffset?>("asOf") is { } asOf)
                    return await AsOf(session, await PairKey(session, a, b, ct), asOf, ct);
                // Names usually arrive spelled as stored: try the key as given before resolving names.
                var timelines = ctx.RequestServices!.GetRequiredService<ProjectionCache>();
                return await timelines.Load<PartnershipTimeline>(PartnershipTimelineProjection.PairKey(a, b), ct)
                    ?? await timelines.Load<PartnershipTimeline>(await PairKey(session, a, b, ct), ct);
            });
    }

    private static async Task<string> PairKey(IQuerySession session, string a, string b, CancellationToken ct) =>
        PartnershipTimelineProjection.PairKey(
            await CompanyQueries.CanonicalName(session, a, ct) ?? a,
            await CompanyQueries.CanonicalName(session, b, ct) ?? b);

    public static async Task<PartnershipTimeline?> AsOf(IQuerySession session, string key, DateTimeOffset asOf, CancellationToken ct)
    {
        var timeline = new PartnershipTimeline { Id = key };
        await foreach (var e in FactEvents.UpTo(session, asOf, ct))
        {
            if (e.Data is FactExtracted extracted && PartnershipTimelineProjection.PairKeys(extracted.Fact.Companies).Contains(key))
                PartnershipTimelineProjection.Fold(timeline, extracted, StoredTime.Of(e), e.Sequence);
            else if (e.Data is FactRetracted retracted && PartnershipTimelineProjection.PairKeys(retracted.Companies).Contains(key))
                PartnershipTimelineProjection.Fold(timeline, retracted);
        }
        return timeline.Entries.Count == 0 ? null : timeline;
    }
}

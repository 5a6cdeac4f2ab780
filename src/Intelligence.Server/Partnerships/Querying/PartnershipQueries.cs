using GraphQL;
using GraphQL.Types;
using Intelligence.Domain.Facts;
using Intelligence.Server.Companies.Querying;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Partnerships.Timelines;
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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineEntryGraphType>>>>("timeline")
            .Description("Entries in chronological order.")
            .Resolve(ctx => ctx.Source.Chronological().ToList());
        IsTypeOf = o => o is PartnershipTimeline;
    }
}

public static class PartnershipQueries
{
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
                var a = (await CompanyQueries.Load(session, ctx.GetArgument<string>("a"), ctx.CancellationToken))?.Id ?? ctx.GetArgument<string>("a");
                var b = (await CompanyQueries.Load(session, ctx.GetArgument<string>("b"), ctx.CancellationToken))?.Id ?? ctx.GetArgument<string>("b");
                var key = PartnershipTimelineProjection.PairKey(a, b);
                return ctx.GetArgument<DateTimeOffset?>("asOf") is { } asOf
                    ? await AsOf(session, key, asOf, ctx.CancellationToken)
                    : await session.LoadAsync<PartnershipTimeline>(key, ctx.CancellationToken);
            });
    }

    public static async Task<PartnershipTimeline?> AsOf(IQuerySession session, string key, DateTimeOffset asOf, CancellationToken ct)
    {
        var timeline = new PartnershipTimeline { Id = key };
        await foreach (var e in FactEvents.UpTo(session, asOf, ct))
        {
            if (e.Data is FactExtracted extracted && PartnershipTimelineProjection.PairKeys(extracted.Fact.Companies).Contains(key))
                PartnershipTimelineProjection.Fold(timeline, extracted, e.Timestamp, e.Sequence);
            else if (e.Data is FactRetracted retracted && PartnershipTimelineProjection.PairKeys(retracted.Companies).Contains(key))
                PartnershipTimelineProjection.Fold(timeline, retracted);
        }
        return timeline.Entries.Count == 0 ? null : timeline;
    }
}

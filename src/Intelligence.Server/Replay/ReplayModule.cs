using GraphQL;
using GraphQL.Types;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intelligence.Server.Replay;

/// <summary>Raw events for replay: the GraphQL `events` connection reads them exactly as `intel events export` does.</summary>
public sealed class ReplayModule : IFeatureModule
{
    public void ConfigureServices(WebApplicationBuilder builder, IntelligenceOptions options) =>
        builder.Services.AddSingleton(sp => new EventReader(sp.GetRequiredService<NpgsqlDataSource>(), options.Schema));

    public void AddQueries(ObjectGraphType query)
    {
        query.Paged<EventGraphType>("events", forwardOnly: true)
            .Description("Raw events in sequence order (the same rows and order as `intel events export`).")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("types", "Event type names, e.g. fact_extracted.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("streams", "Stream ids.")
            .ResolveAsync(async ctx =>
            {
                var page = Paging.Read(ctx);
                var reader = ctx.RequestServices!.GetRequiredService<EventReader>();
                var range = new EventRange
                {
                    AfterSequence = page.AfterSequence,
                    Types = ctx.GetArgument<List<string>?>("types"),
                    Streams = ctx.GetArgument<List<string>?>("streams"),
                };
                if (!await reader.StoreExists(ctx.CancellationToken)) return Paging.ToConnection<StoredEvent>([], page, e => "", 0);
                var rows = new List<StoredEvent>(page.Size + 1);
                await foreach (var e in reader.Read(range with { Limit = page.Size + 1 }, ctx.CancellationToken)) rows.Add(e);
                var total = await reader.Count(range with { AfterSequence = null }, ctx.CancellationToken);
                return Paging.ToConnection(rows, page, e => Paging.Position(e.Sequence), total);
            });
    }
}

public sealed class EventGraphType : ObjectGraphType<StoredEvent>
{
    public EventGraphType()
    {
        Name = "Event";
        Description = "One stored event. `data` is the event's JSON as stored.";
        Field<NonNullGraphType<LongGraphType>>("sequence").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<StringGraphType>>("eventId").Resolve(c => c.Source.Id.ToString());
        Field(x => x.Stream);
        Field(x => x.Type);
        Field<NonNullGraphType<LongGraphType>>("version").Resolve(c => c.Source.Version);
        Field(x => x.Timestamp);
        Field(x => x.Tenant);
        Field(x => x.Data).Description("JSON text.");
    }
}

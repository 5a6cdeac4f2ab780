using Intelligence.Server.Companies.Profiling;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Hosting;
using Intelligence.Server.Partnerships.Timelines;
using JasperFx.Events.Projections;
using GraphQL.Types;
using Intelligence.Server.Companies.Querying;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Partnerships.Querying;
using Marten;
using Weasel.Postgresql.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Facts;

/// <summary>Facts and the knowledge built from them: corroborated facts, company profiles, partnership timelines.</summary>
public sealed class FactsModule : IFeatureModule
{
    public void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        // Inline: alert evaluation reads a fact's sources right after the analysis that appended it.
        store.Projections.Add<FactViewProjection>(ProjectionLifecycle.Inline);
        // Analyst views, kept by the async daemon (HotCold: one node leads, another takes over when it stops), so
        // appending an article's facts does not wait on every company and pair the article mentions.
        store.Projections.Add<CompanyProfileProjection>(ProjectionLifecycle.Async);
        store.Projections.Add<PartnershipTimelineProjection>(ProjectionLifecycle.Async);
        // Filters and paging read plain columns that never change once a fact exists, so no index refers to the document:
        // a fact upsert that only adds a source can be a HOT update, with no index entries to write. (A GIN index over the
        // whole document held every key and value, sources and quotes included, and every upsert rewrote its entries.)
        store.Schema.For<FactView>()
            .Duplicate(f => f.FirstSequence)
            .Duplicate(f => f.Companies, pgType: "text[]", configure: index => index.Method = IndexMethod.gin);
    }

    public void AddQueries(ObjectGraphType query)
    {
        FactQueries.AddTo(query);
        CompanyQueries.AddTo(query);
        PartnershipQueries.AddTo(query);
        CompanyQueries.RegisterNodes();
        PartnershipQueries.RegisterNodes();
        NodeLoaders.Register("Fact", async (sp, key, ct) => await FactQueries.Load(sp.GetRequiredService<IQuerySession>(), key, ct));
    }
}

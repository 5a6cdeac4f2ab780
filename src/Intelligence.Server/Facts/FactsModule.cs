using GraphQL.Types;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Facts.Querying;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Hosting;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Weasel.Postgresql.Tables;

namespace Intelligence.Server.Facts;

/// <summary>Facts as corroborated across articles: one view per fact identity, with every source.</summary>
public sealed class FactsModule : IFeatureModule
{
    public void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        // Inline: alert evaluation reads a fact's sources right after the analysis that appended it.
        store.Projections.Add<FactViewProjection>(ProjectionLifecycle.Inline);
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
        NodeLoaders.Register("Fact", async (sp, key, ct) => await FactQueries.Load(sp.GetRequiredService<IQuerySession>(), key, ct));
    }
}

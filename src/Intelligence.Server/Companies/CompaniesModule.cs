using GraphQL.Types;
using Intelligence.Server.Companies.Profiling;
using Intelligence.Server.Companies.Querying;
using Intelligence.Server.Hosting;
using JasperFx.Events.Projections;
using Marten;

namespace Intelligence.Server.Companies;

/// <summary>Company profiles: everything reported about one company, folded from fact events.</summary>
public sealed class CompaniesModule : IFeatureModule
{
    public void ConfigureStore(StoreOptions store, IntelligenceOptions options) =>
        // Kept by the async daemon (HotCold: one node leads, another takes over when it stops), so appending an article's
        // facts does not wait on every company the article mentions.
        store.Projections.Add<CompanyProfileProjection>(ProjectionLifecycle.Async);

    public void AddQueries(ObjectGraphType query)
    {
        CompanyQueries.AddTo(query);
        CompanyQueries.RegisterNodes();
    }
}

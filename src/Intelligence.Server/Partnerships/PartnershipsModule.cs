using GraphQL.Types;
using Intelligence.Server.Hosting;
using Intelligence.Server.Partnerships.Querying;
using Intelligence.Server.Partnerships.Timelines;
using JasperFx.Events.Projections;
using Marten;

namespace Intelligence.Server.Partnerships;

/// <summary>Partnership timelines: the history between two companies, folded from fact events.</summary>
public sealed class PartnershipsModule : IFeatureModule
{
    public void ConfigureStore(StoreOptions store, IntelligenceOptions options) =>
        // Kept by the async daemon, like company profiles: appending facts does not wait on every pair they name.
        store.Projections.Add<PartnershipTimelineProjection>(ProjectionLifecycle.Async);

    public void AddQueries(ObjectGraphType query)
    {
        PartnershipQueries.AddTo(query);
        PartnershipQueries.RegisterNodes();
    }
}

using GraphQL.Types;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Intelligence.Server.Hosting;

/// <summary>
/// A feature's registrations in one place (store, bus, services, GraphQL fields, endpoints), so the host stays
/// a list of features instead of one long method. Every hook has a no-op default.
/// </summary>
public interface IFeatureModule
{
    void ConfigureStore(StoreOptions store, IntelligenceOptions options) { }
    void ConfigureBus(WolverineOptions bus, IntelligenceOptions options) { }
    void ConfigureServices(WebApplicationBuilder builder, IntelligenceOptions options) { }
    void AddQueries(ObjectGraphType query) { }
    void AddMutations(ObjectGraphType mutation) { }
    void AddSubscriptions(ObjectGraphType subscription) { }
    void MapEndpoints(IEndpointRouteBuilder app) { }
}

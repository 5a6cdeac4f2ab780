using GraphQL;
using GraphQL.Types;
using Intelligence.Server.Hosting;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Security;

/// <summary>API keys (hashed Marten documents), caller authentication and the GraphQL authorization rule.</summary>
public sealed class SecurityModule : IFeatureModule
{
    public void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        store.Schema.For<ApiKey>().UniqueIndex(k => k.Hash);
    }

    public void ConfigureServices(WebApplicationBuilder builder, IntelligenceOptions options)
    {
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddSingleton<CallerAuthenticator>();
        HostCheck.Configure(builder, options);
        builder.Services.AddGraphQL(graphql => graphql.AddValidationRule<AuthorizationRule>(useForCachedDocuments: true));
    }

    public void AddQueries(ObjectGraphType query) => ApiKeyFields.AddQueries(query);

    public void AddMutations(ObjectGraphType mutation) => ApiKeyFields.AddMutations(mutation);
}

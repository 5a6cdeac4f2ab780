using GraphQL.Types;
using Intelligence.Server.Hosting;

namespace Intelligence.Server.GraphQL;

/// <summary>The analysts' schema. Each feature module adds its fields from its own folder.</summary>
public sealed class IntelligenceSchema : Schema
{
    public IntelligenceSchema(IServiceProvider services) : base(services)
    {
        // What tools ask for with graphql-js getIntrospectionQuery's extended options.
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        RegisterVisitor(new Introspection.ExtendedIntrospectionFields());
        RegisterVisitor(new Caching.CacheablePagingTypes());
        var cacheable = new Caching.CacheableFieldsMiddleware();
        FieldMiddleware.Use(next => context => cacheable.ResolveAsync(context, next));
        var query = new ObjectGraphType { Name = "Query" };
        var mutation = new ObjectGraphType { Name = "Mutation" };
        var subscription = new ObjectGraphType { Name = "Subscription" };
        NodeLoaders.AddTo(query);
        foreach (var module in FeatureModules.All)
        {
            module.AddQueries(query);
            module.AddMutations(mutation);
            module.AddSubscriptions(subscription);
        }
        Query = query;
        if (mutation.Fields.Count > 0) Mutation = mutation;
        if (subscription.Fields.Count > 0) Subscription = subscription;
    }
}

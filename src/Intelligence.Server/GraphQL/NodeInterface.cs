using GraphQL;
using GraphQL.Types;

namespace Intelligence.Server.GraphQL;

public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with an opaque global id (Relay).";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

/// <summary>How `node(id:)` finds an object for each global id type. Features register their loaders here.</summary>
public static class NodeLoaders
{
    private static readonly Dictionary<string, Func<IServiceProvider, string, CancellationToken, Task<object?>>> Loaders = new();

    public static void Register(string type, Func<IServiceProvider, string, CancellationToken, Task<object?>> loader) => Loaders[type] = loader;

    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Fetches any object by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<string>("id");
                if (GlobalId.Decode(id) is not var (type, key) || !Loaders.TryGetValue(type, out var load)) return null;
                return await load(ctx.RequestServices!, key, ctx.CancellationToken);
            });
    }
}

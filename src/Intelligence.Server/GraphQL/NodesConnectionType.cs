using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using Intelligence.Server.GraphQL.Caching;

namespace Intelligence.Server.GraphQL;

/// <summary>A Relay connection with GitHub's `nodes` shortcut next to `edges`, `pageInfo` and `totalCount`.</summary>
public sealed class NodesConnectionType<TNodeType> : ConnectionType<TNodeType, EdgeType<TNodeType>>
    where TNodeType : IGraphType
{
    public NodesConnectionType()
    {
        Field<ListGraphType<TNodeType>>("nodes")
            .Description("The nodes of the edges, without cursors.")
            .Resolve(ctx => ctx.Source is IConnectionNodes connection ? connection.Nodes : null);
        this.FieldsReadOnlyTheirSource();
    }
}

internal interface IConnectionNodes
{
    IEnumerable<object?> Nodes { get; }
}

/// <summary>The connection object our resolvers return; exposes its nodes to <see cref="NodesConnectionType{T}"/>.</summary>
public sealed class PagedConnection<T> : Connection<T>, IConnectionNodes
{
    IEnumerable<object?> IConnectionNodes.Nodes => (Edges ?? []).Select(e => (object?)e.Node);
}

public static class ConnectionFields
{
    /// <summary>A connection with `first`/`after` and, unless <paramref name="forwardOnly"/>, `last`/`before`.</summary>
    public static ConnectionBuilder<object?> Paged<TNodeType>(this ObjectGraphType query, string name, bool forwardOnly = false) where TNodeType : IGraphType
    {
        var builder = query.Connection<TNodeType, EdgeType<TNodeType>, NodesConnectionType<TNodeType>>(name);
        return forwardOnly ? builder : builder.Bidirectional();
    }

    /// <summary>A connection field on a typed object (a list that lives inside a document, such as a timeline).</summary>
    public static ConnectionBuilder<TSource> Paged<TSource, TNodeType>(this ObjectGraphType<TSource> type, string name) where TNodeType : IGraphType =>
        type.Connection<TNodeType, EdgeType<TNodeType>, NodesConnectionType<TNodeType>>(name).Bidirectional();
}

namespace Intelligence.Server.GraphQL.Limits;

/// <summary>
/// What one request, one API key and all readers together may take of the database, what a field costs, and how many
/// WebSocket connections and subscriptions are allowed. Configuration section "GraphQL" (environment:
/// GraphQL__ConnectionsPerRequest=4, ...). See docs/graphql.md, "Limits".
/// </summary>
public sealed class GraphQLLimits
{
    /// <summary>Resolvers of one request (or one WebSocket) running database work at once; the others wait their turn.</summary>
    public int ConnectionsPerRequest { get; set; } = 4;
    /// <summary>Database work at once for all requests of one API key together (anonymous dev-mode callers share one).</summary>
    public int ConnectionsPerKey { get; set; } = 8;
    /// <summary>
    /// Database work at once for all GraphQL callers on this node. Kept well under the connection pool (Npgsql's default
    /// Maximum Pool Size is 100) so ingestion, analysis and alert delivery always find a connection.
    /// </summary>
    public int ReaderConnections { get; set; } = 24;

    /// <summary>Extra complexity of a field given a full-text `search` filter (a scan of article texts).</summary>
    public double SearchCost { get; set; } = 100;
    /// <summary>Extra complexity of `totalCount` under a filter (a count over the filtered rows).</summary>
    public double FilteredCountCost { get; set; } = 25;
    /// <summary>Extra complexity of an `asOf` argument (the state is folded from the events up to that time).</summary>
    public double AsOfCost { get; set; } = 200;
    public int MaxComplexity { get; set; } = 20_000;
    public int MaxDepth { get; set; } = 12;

    /// <summary>
    /// How long one operation (HTTP request or WebSocket operation, subscriptions' streams excepted) may run before it
    /// is cancelled and answered with an `EXECUTION_TIMEOUT` error.
    /// </summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open WebSocket connections on this node; the next is closed with 1013 (try again later).</summary>
    public int MaxSockets { get; set; } = 1_000;
    /// <summary>Open WebSocket connections of one API key (or of all anonymous dev-mode callers); then 1013.</summary>
    public int MaxSocketsPerKey { get; set; } = 20;
    /// <summary>Running subscriptions of one API key over all its sockets; more get the protocol's `error` message.</summary>
    public int MaxSubscriptionsPerKey { get; set; } = 500;
}

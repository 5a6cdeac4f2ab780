namespace Intelligence.Server.GraphQL.Transport;

/// <summary>Settings of the `graphql-transport-ws` endpoint (register a replacement singleton to change them).</summary>
public sealed class GraphQLWebSocketOptions
{
    /// <summary>How long a new socket may wait before sending connection_init (then: close 4408). graphql-ws calls it connectionInitWaitTimeout.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The server sends a protocol `ping` this often once the connection is acknowledged; null: never.</summary>
    public TimeSpan? KeepAlive { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Largest message accepted from the client (then: close 1009).</summary>
    public int MaxMessageBytes { get; set; } = (int)GraphQLEndpoint.MaxRequestBytes;
    /// <summary>Operations running at once on one socket; more get an `error` message.</summary>
    public int MaxOperations { get; set; } = 100;
    /// <summary>Messages waiting to be sent to a slow client before the socket is closed (1008).</summary>
    public int MaxQueuedMessages { get; set; } = 10_000;
}

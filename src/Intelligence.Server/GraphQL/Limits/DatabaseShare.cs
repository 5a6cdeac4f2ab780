using System.Collections.Concurrent;
using System.Security.Claims;
using GraphQL;
using GraphQL.Instrumentation;
using Intelligence.Server.Security;

namespace Intelligence.Server.GraphQL.Limits;

/// <summary>
/// The node's readers' share of the database: one gate for all GraphQL callers and one per API key (singleton).
/// Each request (or WebSocket) adds its own smaller gate, <see cref="RequestDatabaseShare"/>.
/// </summary>
public sealed class DatabaseShare(GraphQLLimits limits)
{
    private readonly SemaphoreSlim _readers = new(limits.ReaderConnections, limits.ReaderConnections);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _keys = new();

    public GraphQLLimits Limits => limits;

    public SemaphoreSlim Readers => _readers;

    public SemaphoreSlim ForKey(string key) => _keys.GetOrAdd(key, _ => new SemaphoreSlim(limits.ConnectionsPerKey, limits.ConnectionsPerKey));

    public static string KeyOf(ClaimsPrincipal? user) => Caller.From(user) is { KeyId: { } id } ? id.ToString() : "anonymous";
}

/// <summary>
/// One request's (or one WebSocket's) gate. Work that touches the database runs inside <see cref="Run{T}"/>: at most
/// ConnectionsPerRequest of it at once for this request, within the key's and the node's shares. So 1,000 aliases of a
/// search run four at a time instead of taking 1,000 pooled connections. Scoped.
/// </summary>
public sealed class RequestDatabaseShare(DatabaseShare share)
{
    private readonly SemaphoreSlim _request = new(share.Limits.ConnectionsPerRequest, share.Limits.ConnectionsPerRequest);

    /// <summary>The caller, known from the first gated field; batch loaders run under the same key.</summary>
    public ClaimsPrincipal? User { get; set; }

    public async Task<T> Run<T>(Func<Task<T>> work, CancellationToken ct)
    {
        // Always in this order (request, key, node) and one slot of each at most: waiting can never go round in a circle.
        var key = share.ForKey(DatabaseShare.KeyOf(User));
        await _request.WaitAsync(ct);
        try
        {
            await key.WaitAsync(ct);
            try
            {
                await share.Readers.WaitAsync(ct);
                try
                {
                    return await work();
                }
                finally
                {
                    share.Readers.Release();
                }
            }
            finally
            {
                key.Release();
            }
        }
        finally
        {
            _request.Release();
        }
    }
}

/// <summary>
/// Runs the resolvers that may query the database through the request's <see cref="RequestDatabaseShare"/>: root query
/// and mutation fields, fields that return objects or lists (nested loads), and fields marked with metadata
/// <see cref="MetadataKey"/> (a scalar computed by a query, e.g. a count). Scalar fields read from an object already in
/// memory skip the gate. A resolver's children run after it returns, so no resolver holds a slot while it waits for another.
/// </summary>
public sealed class DatabaseShareMiddleware : IFieldMiddleware
{
    public const string MetadataKey = "intel:database";

    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (!NeedsGate(context) || context.RequestServices?.GetService(typeof(RequestDatabaseShare)) is not RequestDatabaseShare share)
            return await next(context);
        share.User ??= context.User;
        return await share.Run(async () => await next(context), context.CancellationToken);
    }

    private static bool NeedsGate(IResolveFieldContext context)
    {
        if (context.FieldDefinition.GetMetadata(MetadataKey, false)) return true;
        if (context.ParentType.Name is "Query" or "Mutation") return true;
        return context.FieldDefinition.ResolvedType?.GetNamedType() is not (global::GraphQL.Types.ScalarGraphType or global::GraphQL.Types.EnumerationGraphType);
    }
}

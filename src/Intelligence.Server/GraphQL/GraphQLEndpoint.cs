using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Intelligence.Server.GraphQL.Http;
using Intelligence.Server.GraphQL.Limits;
using Intelligence.Server.GraphQL.Transport;
using Intelligence.Server.Hosting;
using Intelligence.Server.Security;
using Intelligence.Server.GraphQL.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intelligence.Server.GraphQL;

/// <summary>
/// /graphql: POST (application/json: query, variables, operationName) and GET (queries only) served by GraphQL.NET,
/// and a WebSocket speaking `graphql-transport-ws` (see <see cref="GraphQLWebSocket"/>). Every call needs an API key
/// (`Authorization: Bearer`), except reads from loopback in dev mode. Errors follow GraphQL over HTTP: 401 no/bad key,
/// 403 missing role, 405 mutation by GET, 406 unacceptable Accept, 413 body too large, 415 body not JSON; document
/// errors are 400 or 200 depending on the negotiated media type (<see cref="ResponseFormat"/>).
/// </summary>
public static class GraphQLEndpoint
{
    public const long MaxRequestBytes = 256 * 1024;
    public const string TimeoutCode = "EXECUTION_TIMEOUT";

    /// <summary>The error of an operation cancelled by <see cref="GraphQLLimits.ExecutionTimeout"/>.</summary>
    public static ExecutionError TimeoutError(TimeSpan timeout) =>
        new($"The operation ran longer than the {Seconds(timeout)} execution timeout and was cancelled. Ask for less "
            + "(smaller pages, fewer aliases or nested lists); a mutation may have taken effect, so read its result back before retrying.")
        { Code = TimeoutCode };

    private static string Seconds(TimeSpan span) => span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.#} s" : $"{span.TotalMilliseconds:0} ms";

    public static void Map(IEndpointRouteBuilder app)
    {
        if (app is IApplicationBuilder pipeline) pipeline.UseWebSockets();
        app.MapPost("/graphql", Execute);
        app.MapGet("/graphql", ExecuteOrUpgrade);
    }

    private static async Task ExecuteOrUpgrade(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer,
        CallerAuthenticator authenticator, ResponseCache responses, IntelligenceOptions settings, GraphQLLimits limits, ILoggerFactory logs)
    {
        if (http.WebSockets.IsWebSocketRequest)
            await http.RequestServices.GetRequiredService<GraphQLWebSocket>().Serve(http);
        else
            await Execute(http, executer, serializer, authenticator, responses, settings, limits, logs);
    }

    private static async Task Execute(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer,
        CallerAuthenticator authenticator, ResponseCache responses, IntelligenceOptions settings, GraphQLLimits limits, ILoggerFactory logs)
    {
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (ResponseFormat.Negotiate(http.Request.Headers.Accept) is not { } format)
        {
            await WriteError(http, serializer, ResponseFormat.Legacy, StatusCodes.Status406NotAcceptable,
                $"Accept {ResponseFormat.GraphQLResponseJson} or {ResponseFormat.Json}.", "NOT_ACCEPTABLE");
            return;
        }
        if (!isGet && HttpGraphQLRequest.CheckPostMediaType(http.Request) is { } unsupported)
        {
            await Refuse(http, serializer, format, unsupported);
            return;
        }
        if (http.Request.ContentLength is > MaxRequestBytes)
        {
            await WriteError(http, serializer, format, StatusCodes.Status413PayloadTooLarge, $"Request body over {MaxRequestBytes} bytes.", "REQUEST_TOO_LARGE");
            return;
        }
        // Also caps bodies sent without Content-Length (chunked): Kestrel stops reading past the limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } cap) cap.MaxRequestBodySize = MaxRequestBytes;

        var auth = await authenticator.Authenticate(CallerAuthenticator.SecretOf(http.Request.Headers.Authorization), http.Connection.RemoteIpAddress, http.RequestAborted);
        if (auth.Caller is null)
        {
            if (auth.Failure == AuthFailure.Unavailable)
                await WriteError(http, serializer, format, StatusCodes.Status503ServiceUnavailable, auth.Message!, "UNAVAILABLE");
            else
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteError(http, serializer, format, StatusCodes.Status401Unauthorized, auth.Message!, "UNAUTHENTICATED");
            }
            return;
        }

        byte[] body = [];
        if (!isGet)
        {
            try
            {
                body = await ReadBody(http);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await WriteError(http, serializer, format, StatusCodes.Status413PayloadTooLarge, $"Request body over {MaxRequestBytes} bytes.", "REQUEST_TOO_LARGE");
                return;
            }
        }

        // Only bodies of successful queries are ever kept, so a hit needs no parsing at all.
        var cacheKey = settings.CacheResponses ? ResponseCache.KeyOf(isGet ? HttpGraphQLRequest.GetCacheKey(http.Request) : body, auth.Caller.Role.ToString()) : null;
        if (cacheKey is not null && await responses.Find(cacheKey, http.RequestAborted) is { } cached)
        {
            http.Response.ContentType = format.ContentType;
            http.Response.StatusCode = StatusCodes.Status200OK;
            await http.Response.Body.WriteAsync(cached, http.RequestAborted);
            return;
        }

        var (read, refusal) = isGet
            ? HttpGraphQLRequest.FromQueryString(http.Request, serializer)
            : await HttpGraphQLRequest.FromBody(body, serializer, http.RequestAborted);
        if (refusal is not null)
        {
            await Refuse(http, serializer, format, refusal);
            return;
        }
        var request = read!.Request;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(limits.ExecutionTimeout);
        using var reads = ResponseReads.Begin();
        ExecutionResult result;
        try
        {
            result = await executer.ExecuteAsync(options =>
            {
                options.Query = request.Query;
                options.Variables = request.Variables;
                options.OperationName = request.OperationName;
                options.Extensions = request.Extensions;
                options.RequestServices = http.RequestServices;
                options.User = auth.Caller.ToPrincipal();
                options.CancellationToken = timeout.Token;
                options.UnhandledExceptionDelegate = ctx =>
                {
                    logs.CreateLogger("GraphQL").LogError(ctx.OriginalException, "GraphQL resolver failed");
                    return Task.CompletedTask;
                };
            });
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // The operation is over but the client is still there: it gets a GraphQL error, not an empty 500.
            logs.CreateLogger("GraphQL").LogWarning("GraphQL operation {Operation} cancelled by the {Timeout} execution timeout",
                request.OperationName ?? "(anonymous)", limits.ExecutionTimeout);
            http.Response.StatusCode = format.FailuresAre400 ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status200OK;
            http.Response.ContentType = format.ContentType;
            await serializer.WriteAsync(http.Response.Body, new ExecutionResult { Errors = [TimeoutError(limits.ExecutionTimeout)] }, http.RequestAborted);
            return;
        }

        if (result.Streams is { Count: > 0 })
        {
            await WriteError(http, serializer, format, StatusCodes.Status400BadRequest,
                $"Subscriptions are served over a WebSocket at /graphql with subprotocol {GraphQLWebSocket.SubProtocol}.", "SUBSCRIPTION_NEEDS_WEBSOCKET");
            return;
        }

        http.Response.ContentType = format.ContentType;
        http.Response.StatusCode = format.StatusOf(result);
        var cacheable = cacheKey is not null && result.Executed && result.Errors is not { Count: > 0 }
            && result.Operation?.Operation == GraphQLParser.AST.OperationType.Query;
        if (!cacheable)
        {
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
            return;
        }
        using var buffer = new MemoryStream();
        await serializer.WriteAsync(buffer, result, http.RequestAborted);
        var json = buffer.ToArray();
        responses.Keep(cacheKey!, json, reads.Reads);
        await http.Response.Body.WriteAsync(json, http.RequestAborted);
    }

    /// <summary>The whole body (capped at <see cref="MaxRequestBytes"/> by Kestrel): the response cache keys on its bytes.</summary>
    private static async Task<byte[]> ReadBody(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    private static Task Refuse(HttpContext http, IGraphQLTextSerializer serializer, ResponseFormat format, RequestRefusal refusal)
    {
        if (refusal.Status == StatusCodes.Status405MethodNotAllowed) http.Response.Headers.Allow = "POST";
        return WriteError(http, serializer, format, refusal.Status, refusal.Message, refusal.Code);
    }

    private static async Task WriteError(HttpContext http, IGraphQLTextSerializer serializer, ResponseFormat format, int status, string message, string code)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = format.ContentType;
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Intelligence.Server.GraphQL;

/// <summary>POST /graphql (application/json: query, variables, operationName) served by GraphQL.NET.</summary>
public static class GraphQLEndpoint
{
    public const long MaxRequestBytes = 256 * 1024;
    public static readonly TimeSpan ExecutionTimeout = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/graphql", Execute);
    }

    private static async Task Execute(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, ILoggerFactory logs)
    {
        if (http.Request.ContentLength is > MaxRequestBytes)
        {
            await WriteError(http, serializer, StatusCodes.Status413PayloadTooLarge, $"Request body over {MaxRequestBytes} bytes.", "REQUEST_TOO_LARGE");
            return;
        }

        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await WriteError(http, serializer, StatusCodes.Status400BadRequest, "Body is not a GraphQL request (JSON with `query`).", "BAD_REQUEST");
            return;
        }
        if (request?.Query is null)
        {
            await WriteError(http, serializer, StatusCodes.Status400BadRequest, "Missing `query`.", "BAD_REQUEST");
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(ExecutionTimeout);
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.Variables = request.Variables;
            options.OperationName = request.OperationName;
            options.RequestServices = http.RequestServices;
            options.User = http.User;
            options.CancellationToken = timeout.Token;
            options.UnhandledExceptionDelegate = ctx =>
            {
                logs.CreateLogger("GraphQL").LogError(ctx.OriginalException, "GraphQL resolver failed");
                return Task.CompletedTask;
            };
        });

        http.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        http.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static async Task WriteError(HttpContext http, IGraphQLTextSerializer serializer, int status, string message, string code)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

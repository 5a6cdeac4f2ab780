using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Intelligence.Server.GraphQL.Http;

/// <summary>A refusal before execution: the HTTP status, the message and the error code.</summary>
public sealed record RequestRefusal(int Status, string Message, string Code)
{
    public static RequestRefusal BadRequest(string message) => new(StatusCodes.Status400BadRequest, message, "BAD_REQUEST");
}

/// <summary>
/// Reads a GraphQL request the two ways GraphQL over HTTP allows: a POST with a JSON body (any other body is refused
/// with 415 before it is read, in every mode), or a GET with <c>query</c>, <c>operationName</c> and JSON-encoded
/// <c>variables</c>/<c>extensions</c> in the URL (queries only: a mutation by GET is refused with 405).
/// <see cref="GetCacheKey"/> identifies a GET for <see cref="Caching.ResponseCache"/> before anything is parsed.
/// </summary>
public sealed record HttpGraphQLRequest(GraphQLRequest Request)
{
    /// <summary>Null when the POST body's media type is JSON (UTF-8 or unspecified charset); a 415 refusal otherwise.</summary>
    public static RequestRefusal? CheckPostMediaType(HttpRequest http)
    {
        if (MediaTypeHeaderValue.TryParse(http.ContentType, out var type)
            && type.MediaType.Equals(ResponseFormat.Json, StringComparison.OrdinalIgnoreCase)
            && (StringSegment.IsNullOrEmpty(type.Charset) || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            return null;
        return new RequestRefusal(StatusCodes.Status415UnsupportedMediaType,
            $"POST /graphql takes a JSON body (Content-Type: {ResponseFormat.Json}, UTF-8); got {(string.IsNullOrEmpty(http.ContentType) ? "no Content-Type" : http.ContentType)}.",
            "UNSUPPORTED_MEDIA_TYPE");
    }

    public static async Task<(HttpGraphQLRequest? Request, RequestRefusal? Refusal)> FromBody(byte[] body, IGraphQLTextSerializer serializer, CancellationToken ct)
    {
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(new MemoryStream(body, writable: false), ct);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return (null, RequestRefusal.BadRequest("Body is not a GraphQL request (JSON with `query`)."));
        }
        if (request?.Query is null) return (null, RequestRefusal.BadRequest("Missing `query`."));
        return (new HttpGraphQLRequest(request), null);
    }

    public static (HttpGraphQLRequest? Request, RequestRefusal? Refusal) FromQueryString(HttpRequest http, IGraphQLTextSerializer serializer)
    {
        var parameters = http.Query;
        if (Single(parameters, "query", out var query) is { } badQuery) return (null, badQuery);
        if (query is null) return (null, RequestRefusal.BadRequest("Missing `query` (GET /graphql?query=...), or open a WebSocket with subprotocol graphql-transport-ws."));
        if (Single(parameters, "operationName", out var operationName) is { } badName) return (null, badName);
        if (Single(parameters, "variables", out var variablesJson) is { } badVariables) return (null, badVariables);
        if (Single(parameters, "extensions", out var extensionsJson) is { } badExtensions) return (null, badExtensions);
        Inputs? variables, extensions;
        try
        {
            variables = string.IsNullOrEmpty(variablesJson) ? null : serializer.Deserialize<Inputs>(variablesJson);
            extensions = string.IsNullOrEmpty(extensionsJson) ? null : serializer.Deserialize<Inputs>(extensionsJson);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return (null, RequestRefusal.BadRequest("`variables` and `extensions` must be URL-encoded JSON objects."));
        }
        if (IsMutation(query, operationName))
            return (null, new RequestRefusal(StatusCodes.Status405MethodNotAllowed, "Mutations are sent by POST, never by GET.", "METHOD_NOT_ALLOWED"));
        var request = new GraphQLRequest { Query = query, OperationName = operationName, Variables = variables, Extensions = extensions };
        return (new HttpGraphQLRequest(request), null);
    }

    /// <summary>What identifies a GET request for the response cache: its query string.</summary>
    public static byte[] GetCacheKey(HttpRequest http) => Encoding.UTF8.GetBytes("GET " + http.QueryString.Value);

    private static RequestRefusal? Single(IQueryCollection parameters, string name, out string? value)
    {
        value = null;
        if (!parameters.TryGetValue(name, out StringValues values)) return null;
        if (values.Count > 1) return RequestRefusal.BadRequest($"`{name}` is given more than once.");
        value = values[0];
        return null;
    }

    /// <summary>
    /// Whether the operation that would run is a mutation. A document that does not parse is left to the executer,
    /// which reports the syntax error and runs nothing.
    /// </summary>
    private static bool IsMutation(string query, string? operationName)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return false;
        }
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = string.IsNullOrEmpty(operationName)
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        // With no single operation chosen the executer refuses the document; any mutation in it is still not run by GET.
        return selected is null ? operations.Any(o => o.Operation == OperationType.Mutation) : selected.Operation == OperationType.Mutation;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>A Relay connection as tests read it: whichever of its fields the query asked for.</summary>
public sealed record Connection<T>
{
    public int TotalCount { get; init; }
    public List<T> Nodes { get; init; } = [];
    public List<Edge<T>> Edges { get; init; } = [];
    public PageInfo PageInfo { get; init; } = new();
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo
{
    public bool HasNextPage { get; init; }
    public bool HasPreviousPage { get; init; }
    public string? StartCursor { get; init; }
    public string? EndCursor { get; init; }
}

/// <summary>A mutation's problem, as every payload's `userErrors` lists it.</summary>
public sealed record UserError(string? Field, string? Message, string? Code);

/// <summary>A GraphQL error as the answer's `errors` lists it.</summary>
public sealed record GraphQLError(string Message, List<JsonObject>? Locations, ErrorExtensions? Extensions)
{
    public string? Code => Extensions?.Code;
}

public sealed record ErrorExtensions(string? Code);

/// <summary>Reads GraphQL answers as typed records, so a test names what it checks rather than walking JSON.</summary>
public static class GraphQLAnswers
{
    /// <summary>The part of `data` at <paramref name="path"/> (field names or aliases), read as <typeparamref name="T"/>; the answer must have no errors.</summary>
    public static T DataAt<T>(this JsonObject answer, params string[] path)
    {
        Assert.True(answer["errors"] is null, answer.ToJsonString());
        JsonNode? node = answer["data"];
        foreach (var field in path) node = node?[field];
        return node.Deserialize<T>(Json.Web)!;
    }

    /// <summary>The part of `payload.data` at <paramref name="path"/> of a graphql-ws `next` message, read as
    /// <typeparamref name="T"/>; the payload must have no errors.</summary>
    public static T NextAt<T>(this JsonObject message, params string[] path)
    {
        Assert.True((string?)message["type"] == "next", message.ToJsonString());
        return message["payload"]!.AsObject().DataAt<T>(path);
    }

    /// <summary>Runs a query that must succeed and reads the part of its `data` at <paramref name="path"/>.</summary>
    public static async Task<T> Query<T>(this RunningServer server, string query, object? variables = null, string? bearer = null, params string[] path) =>
        (await server.GraphQL(query, variables, bearer)).DataAt<T>(path);

    /// <summary>The errors of the answer (none when it has no `errors`).</summary>
    public static IReadOnlyList<GraphQLError> Errors(this JsonObject answer) =>
        answer["errors"]?.Deserialize<List<GraphQLError>>(Json.Web) ?? [];

    /// <summary>The `extensions.code` of each error of the answer.</summary>
    public static IReadOnlyList<string?> ErrorCodes(this JsonObject answer) => [.. answer.Errors().Select(e => e.Code)];
}

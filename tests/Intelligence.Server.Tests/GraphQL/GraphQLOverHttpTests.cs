using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Intelligence.Server.GraphQL.Introspection;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.GraphQL;

/// <summary>GET, Accept negotiation, 405/406/415, and introspection for tools versus abusive introspection.</summary>
public sealed class GraphQLOverHttpTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private sealed record SchemaType(string Name, string? SpecifiedByURL);

    private const string GraphQLResponse = "application/graphql-response+json";

    [Fact]
    public async Task Queries_by_GET_mutations_only_by_POST()
    {
        await using var node = await TestNode.Start(db.ConnectionString, devMode: true);
        var editor = await node.App.CreateKey("editor");

        var (status, type, body) = await Send(node, HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("query Q($n: Int) { sources(first: $n) { totalCount } }")
            + "&variables=" + Uri.EscapeDataString("{\"n\": 5}") + "&operationName=Q", accept: GraphQLResponse);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GraphQLResponse, type);
        Assert.Equal(0, body.DataAt<Connection<JsonNode>>("sources").TotalCount);

        using var mutation = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { deleteAlertRule(input: { id: \"x\" }) { deletedRuleId } }"));
        mutation.Headers.Authorization = new("Bearer", editor);
        using var refused = await node.Http.SendAsync(mutation);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Equal("POST", refused.Content.Headers.Allow.Single());
        Assert.Contains("METHOD_NOT_ALLOWED", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Accept_chooses_the_media_type_and_its_status_codes()
    {
        await using var node = await TestNode.Start(db.ConnectionString, devMode: true);
        const string invalid = "{\"query\":\"{ noSuchField }\"}";

        var (status, type, body) = await Send(node, HttpMethod.Post, "/graphql", invalid, accept: GraphQLResponse);
        Assert.Equal((HttpStatusCode.BadRequest, GraphQLResponse), (status, type));
        Assert.Null(body["data"]);

        (status, type, body) = await Send(node, HttpMethod.Post, "/graphql", invalid, accept: "application/json");
        Assert.Equal((HttpStatusCode.OK, "application/json"), (status, type));
        Assert.NotNull(body["errors"]);

        // No Accept: application/json, as the spec says; both listed: the client's first choice.
        (status, type, _) = await Send(node, HttpMethod.Post, "/graphql", invalid, accept: null);
        Assert.Equal((HttpStatusCode.OK, "application/json"), (status, type));
        (status, type, _) = await Send(node, HttpMethod.Post, "/graphql", invalid, accept: $"{GraphQLResponse}, application/json;q=0.9");
        Assert.Equal((HttpStatusCode.BadRequest, GraphQLResponse), (status, type));

        (status, _, body) = await Send(node, HttpMethod.Post, "/graphql", "{\"query\":\"{ __typename }\"}", accept: "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, status);
        Assert.Equal("NOT_ACCEPTABLE", body.Errors()[0].Code);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused_unread_in_dev_mode_too()
    {
        await using var node = await TestNode.Start(db.ConnectionString, devMode: true);
        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", null })
        {
            var (status, _, body) = await Send(node, HttpMethod.Post, "/graphql", "{\"query\":\"{ __typename }\"}", accept: GraphQLResponse, contentType: contentType);
            Assert.True(status == HttpStatusCode.UnsupportedMediaType, $"{contentType ?? "no Content-Type"}: {status}");
            Assert.Equal("UNSUPPORTED_MEDIA_TYPE", body.Errors()[0].Code);
        }
    }

    [Fact]
    public async Task Standard_introspection_is_answered_once_computed_and_abusive_introspection_is_refused()
    {
        await using var node = await TestNode.Start(db.ConnectionString);
        var reader = await node.App.CreateKey("reader");
        var introspection = node.App.Services.GetRequiredService<StandardIntrospection>();

        // A tool's introspection document: depth 15 through ofType chains, complexity far over the limit.
        var (status, body) = await node.Post(ToolIntrospection, bearer: reader);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var types = body.DataAt<List<SchemaType>>("__schema", "types");
        Assert.Contains(types, t => t.Name == "Company");
        Assert.Contains(types, t => t.SpecifiedByURL is null && t.Name == "DateTime");
        var hits = introspection.Hits;
        (status, var again) = await node.Post(ToolIntrospection, bearer: reader);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(hits + 1, introspection.Hits);
        Assert.Equal(body.ToJsonString(), again.ToJsonString());

        // A thousand aliased __schema fields: the complexity limit applies.
        var aliased = "{ " + string.Concat(Enumerable.Range(0, 1000).Select(i => $"s{i}: __schema {{ types {{ name fields {{ name }} }} }} ")) + "}";
        (status, body) = await node.Post(aliased, bearer: reader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(body["data"]);

        // Types expanded through field types, again and again: the depth limit applies.
        var expanding = "{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 6)) + "name" + new string('}', 12) + " } } }";
        (status, body) = await node.Post(expanding, bearer: reader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nested", body.Errors()[0].Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Written for this test in the shape tools use: full types under `types`, type references elsewhere.</summary>
    private const string ToolIntrospection = """
        query Introspect {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...Full }
            directives { name isRepeatable locations args(includeDeprecated: true) { ...Input } }
          }
        }
        fragment Full on __Type {
          kind name description specifiedByURL
          fields(includeDeprecated: true) { name args(includeDeprecated: true) { ...Input } type { ...Ref } isDeprecated deprecationReason }
          inputFields(includeDeprecated: true) { ...Input }
          interfaces { ...Ref }
          enumValues(includeDeprecated: true) { name isDeprecated deprecationReason }
          possibleTypes { ...Ref }
        }
        fragment Input on __InputValue { name type { ...Ref } defaultValue isDeprecated deprecationReason }
        fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        """;

    private static async Task<(HttpStatusCode Status, string? MediaType, JsonObject Body)> Send(TestNode node, HttpMethod method, string path,
        string? json = null, string? accept = null, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await node.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)!.AsObject());
    }
}

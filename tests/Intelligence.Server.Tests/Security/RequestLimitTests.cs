using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;

namespace Intelligence.Server.Tests.Security;

/// <summary>Body size cap, depth limit, subscriptions refused over POST, clean errors.</summary>
public sealed class RequestLimitTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Limits_give_clear_errors()
    {
        await using var node = await TestNode.Start(db.ConnectionString, devMode: true);
        var reader = await node.App.CreateKey("reader");

        // Over the size cap, with a Content-Length and chunked (no length).
        var huge = "{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + new string('a', 300 * 1024) + "\"}}";
        using (var response = await node.Http.PostAsync("/graphql", new StringContent(huge, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("REQUEST_TOO_LARGE", await response.Content.ReadAsStringAsync());
        }
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = chunked })
        {
            request.Headers.TransferEncodingChunked = true;
            using var response = await node.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        // Too deep: a clear validation error, nothing executed. (Types expanded through field types again and again:
        // not the shape of tools' introspection, which is answered whatever its depth; see GraphQLOverHttpTests.)
        var deep = "{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 6)) + "name" + new string('}', 12) + " } } }";
        var (status, body) = await node.Post(deep, bearer: reader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body["errors"]![0]!;
        Assert.Contains("nested", (string)error["message"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Null(body["data"]);

        // Bad GraphQL: a located syntax error, no stack trace.
        (status, body) = await node.Post("{ alertRules { name ", bearer: reader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain(" at ", body.ToJsonString());
        Assert.NotNull(body["errors"]![0]!["locations"]);

        // Not JSON.
        using (var response = await node.Http.PostAsync("/graphql", new StringContent("not json", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        // Subscriptions need the WebSocket.
        (status, body) = await node.Post("subscription { factExtracted { factKey } }", bearer: reader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SUBSCRIPTION_NEEDS_WEBSOCKET", (string)body["errors"]![0]!["extensions"]!["code"]!);

        // GET without a query and without a WebSocket upgrade.
        using (var response = await node.Http.GetAsync("/graphql"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("graphql-transport-ws", await response.Content.ReadAsStringAsync());
        }
    }
}

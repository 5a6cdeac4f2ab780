using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;

namespace Intelligence.Server.Tests.Security;

/// <summary>Body size cap, depth limit, subscriptions refused over POST, clean errors.</summary>
public sealed class RequestLimitTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private TestNode _node = null!;
    private string _reader = null!;

    /// <summary>Given a node in dev mode and a reader key.</summary>
    public async Task InitializeAsync()
    {
        _node = await TestNode.Start(db.ConnectionString, devMode: true);
        _reader = await _node.App.CreateKey("reader");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static readonly string Huge = "{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + new string('a', 300 * 1024) + "\"}}";

    [Fact]
    public async Task A_body_over_the_size_cap_is_refused_with_its_code()
    {
        using var response = await _node.Http.PostAsync("/graphql", new StringContent(Huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("REQUEST_TOO_LARGE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_chunked_body_over_the_size_cap_is_refused()
    {
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Huge)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_too_deep_query_is_a_clear_validation_error_and_nothing_runs()
    {
        // Types expanded through field types again and again: not the shape of tools' introspection, which is answered
        // whatever its depth; see GraphQLOverHttpTests.
        var deep = "{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 6)) + "name" + new string('}', 12) + " } } }";
        var (status, body) = await _node.Post(deep, bearer: _reader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nested", body.Errors()[0].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task Bad_graphql_is_a_located_syntax_error_without_a_stack_trace()
    {
        var (status, body) = await _node.Post("{ alertRules { name ", bearer: _reader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain(" at ", body.ToJsonString());
        Assert.NotNull(body.Errors()[0].Locations);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_bad_request()
    {
        using var response = await _node.Http.PostAsync("/graphql", new StringContent("not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Subscriptions_need_the_websocket()
    {
        var (status, body) = await _node.Post("subscription { factExtracted { factKey } }", bearer: _reader);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SUBSCRIPTION_NEEDS_WEBSOCKET", body.Errors()[0].Code);
    }

    [Fact]
    public async Task A_get_without_a_query_or_an_upgrade_names_the_websocket_protocol()
    {
        using var response = await _node.Http.GetAsync("/graphql");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("graphql-transport-ws", await response.Content.ReadAsStringAsync());
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Intelligence.Server.Hosting;
using Intelligence.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intelligence.Server.Tests.GraphQL;

/// <summary>
/// An operation that outlives the execution timeout (here a read held up by a table lock another session keeps) is
/// cancelled and answered with a GraphQL error saying so, in either media type; never an empty 500.
/// </summary>
public sealed class ExecutionTimeoutTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_request_past_the_execution_timeout_gets_a_GraphQL_error_with_its_code()
    {
        var app = IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = db.ConnectionString, Port = 0, DevMode = true },
            builder => builder.Configuration["GraphQL:ExecutionTimeout"] = "00:00:05");
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            // A different page size each time: no answer comes from the response cache.
            static string Query(int first) => $$"""{"query":"{ articles(first: {{first}}) { totalCount nodes { title } } }"}""";

            // Unlocked, the same query answers normally (a cold first run on a loaded machine may take a second try):
            // the timeout is what the locked runs below hit.
            var (status, _, body) = await Post(http, Query(5), "application/graphql-response+json");
            for (var retry = 0; retry < 2 && status != HttpStatusCode.OK; retry++)
                (status, _, body) = await Post(http, Query(5), "application/graphql-response+json");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(body["errors"]);

            await using var holder = new NpgsqlConnection(db.ConnectionString);
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("lock table intel.mt_doc_articleview in access exclusive mode", holder, transaction))
                await lockTable.ExecuteNonQueryAsync();

            var watch = Stopwatch.StartNew();
            (status, var mediaType, body) = await Post(http, Query(6), "application/graphql-response+json");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"answered after {watch.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal((HttpStatusCode.GatewayTimeout, "application/graphql-response+json"), (status, mediaType));
            Assert.Null(body["data"]);
            var error = body.Errors()[0];
            Assert.Equal("EXECUTION_TIMEOUT", error.Code);
            Assert.Contains("5 s execution timeout", error.Message);

            // application/json: 200 with the same error, as GraphQL over HTTP asks of that media type.
            (status, mediaType, body) = await Post(http, Query(7), "application/json");
            Assert.Equal((HttpStatusCode.OK, "application/json"), (status, mediaType));
            Assert.Equal("EXECUTION_TIMEOUT", body.Errors()[0].Code);

            await transaction.RollbackAsync();
            (status, _, body) = await Post(http, Query(8), "application/graphql-response+json");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(body["errors"]);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<(HttpStatusCode, string?, JsonObject)> Post(HttpClient http, string json, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrWhiteSpace(text), $"empty body with HTTP {(int)response.StatusCode}");
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)!.AsObject());
    }
}

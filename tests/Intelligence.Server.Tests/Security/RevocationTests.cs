using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;

namespace Intelligence.Server.Tests.Security;

/// <summary>A revoked key does nothing more on a WebSocket opened before the revocation.</summary>
public sealed class RevocationTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const string Mutate = """mutation { acknowledgeAlert(input: { id: "00000000-0000-0000-0000-000000000001" }) { userErrors { code } } }""";

    [Fact]
    public async Task Revoking_a_key_on_this_node_closes_its_sockets_with_4403()
    {
        await using var node = await TestNode.Start(db.ConnectionString);
        var editor = await node.App.CreateKey("editor");
        var admin = await node.App.CreateKey("admin");
        await using var socket = await GqlSocket.Ready(node.WebSocketUri, editor);
        await socket.Subscribe("1", Mutate);
        Assert.Equal("next", (string?)(await socket.Receive())["type"]);
        await socket.Subscribe("2", "subscription { factExtracted { factKey } }");
        await node.WaitForSubscribers(1);

        var (_, keys) = await node.Post("{ apiKeys { id name } }", bearer: admin);
        var id = (string)keys["data"]!["apiKeys"]!.AsArray().First(k => (string?)k!["name"] == "test-editor")!["id"]!;
        var (_, revoked) = await node.Post("mutation($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }", new { id }, admin);
        Assert.Empty(revoked["data"]!["revokeApiKey"]!["userErrors"]!.AsArray());

        var (code, reason) = await socket.ExpectClose();
        Assert.Equal(4403, code);
        Assert.Contains("revoked", reason);
    }

    [Fact]
    public async Task A_key_revoked_elsewhere_is_refused_at_the_next_operation()
    {
        await using var node = await TestNode.Start(db.ConnectionString);
        var editor = await node.App.CreateKey("editor", "revoked-elsewhere");
        await using var socket = await GqlSocket.Ready(node.WebSocketUri, editor);
        await socket.Subscribe("1", Mutate);
        Assert.Equal("next", (string?)(await socket.Receive())["type"]);

        // Another node or process revokes it in the store: this node hears nothing, but checks the key again for the next operation.
        await using (var connection = new Npgsql.NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var revoke = new Npgsql.NpgsqlCommand(
                "update intel.mt_doc_apikey set data = jsonb_set(data, '{revokedAt}', to_jsonb(to_char(now() at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))) where data->>'name' = 'revoked-elsewhere'",
                connection);
            Assert.Equal(1, await revoke.ExecuteNonQueryAsync());
        }
        await socket.Subscribe("2", Mutate);
        var (code, _) = await socket.ExpectClose();
        Assert.Equal(4403, code);
    }
}

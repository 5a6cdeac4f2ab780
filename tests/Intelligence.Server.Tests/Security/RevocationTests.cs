using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;

namespace Intelligence.Server.Tests.Security;

/// <summary>A revoked key does nothing more on a WebSocket opened before the revocation.</summary>
public sealed class RevocationTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const string Mutate = """mutation { acknowledgeAlert(input: { id: "00000000-0000-0000-0000-000000000001" }) { userErrors { code } } }""";

    private sealed record KeyRow(string Id, string Name);

    /// <summary>Given a node and a socket opened with an editor key named <paramref name="KeyName"/>, on which a mutation has run.</summary>
    private sealed record GivenAnEditorSocket(TestNode Node, GqlSocket Socket, string KeyName) : IAsyncDisposable
    {
        public static async Task<GivenAnEditorSocket> Start(string connectionString, string keyName)
        {
            var node = await TestNode.Start(connectionString);
            var editor = await node.App.CreateKey("editor", keyName);
            var socket = await GqlSocket.Ready(node.WebSocketUri, editor);
            await socket.Subscribe("1", Mutate);
            Assert.Equal("next", (string?)(await socket.Receive())["type"]);
            return new GivenAnEditorSocket(node, socket, keyName);
        }

        public async ValueTask DisposeAsync()
        {
            await Socket.DisposeAsync();
            await Node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Revoking_a_key_on_this_node_closes_its_sockets_with_4403()
    {
        await using var given = await GivenAnEditorSocket.Start(db.ConnectionString, "test-editor");
        var (node, socket) = (given.Node, given.Socket);
        var admin = await node.App.CreateKey("admin");
        await socket.Subscribe("2", "subscription { factExtracted { factKey } }");
        await node.WaitForSubscribers(1);

        var (_, keys) = await node.Post("{ apiKeys { id name } }", bearer: admin);
        var id = keys.DataAt<List<KeyRow>>("apiKeys").First(k => k.Name == given.KeyName).Id;
        var (_, revoked) = await node.Post("mutation($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }", new { id }, admin);
        Assert.Empty(revoked.DataAt<List<UserError>>("revokeApiKey", "userErrors"));

        var (code, reason) = await socket.ExpectClose();
        Assert.Equal(4403, code);
        Assert.Contains("revoked", reason);
    }

    [Fact]
    public async Task A_key_revoked_elsewhere_is_refused_at_the_next_operation()
    {
        await using var given = await GivenAnEditorSocket.Start(db.ConnectionString, "revoked-elsewhere");

        // Another node or process revokes it in the store: this node hears nothing, but checks the key again for the next operation.
        await using (var connection = new Npgsql.NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var revoke = new Npgsql.NpgsqlCommand(
                "update intel.mt_doc_apikey set data = jsonb_set(data, '{revokedAt}', to_jsonb(to_char(now() at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))) where data->>'name' = 'revoked-elsewhere'",
                connection);
            Assert.Equal(1, await revoke.ExecuteNonQueryAsync());
        }
        await given.Socket.Subscribe("2", Mutate);
        var (code, _) = await given.Socket.ExpectClose();
        Assert.Equal(4403, code);
    }
}

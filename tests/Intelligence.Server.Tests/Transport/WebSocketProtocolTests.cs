using System.Text.Json.Nodes;
using Intelligence.Server.Tests.Infrastructure;

namespace Intelligence.Server.Tests.Transport;

/// <summary>`graphql-transport-ws` (graphql-ws's PROTOCOL.md) over a real ClientWebSocket: the happy path and each close code.</summary>
public sealed class WebSocketProtocolTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private sealed record MutationPayload(List<UserError> UserErrors);

    private TestNode _node = null!;
    private string _reader = "";
    private string _editor = "";

    public async Task InitializeAsync()
    {
        // The default init timeout: a cold node on a busy machine can take a while to read the first connection_init.
        _node = await TestNode.Start(db.ConnectionString, devMode: false, socket: s => s.KeepAlive = null);
        _reader = await _node.App.CreateKey("reader");
        _editor = await _node.App.CreateKey("editor");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Query_over_the_socket_gives_next_then_complete()
    {
        await using var socket = await GqlSocket.Ready(_node.WebSocketUri, _reader);
        Assert.Equal("graphql-transport-ws", socket.SubProtocol);
        await socket.Subscribe("q1", "query Q { __typename alertRules { name } }");
        var next = await socket.Receive();
        Assert.Equal("next", (string?)next["type"]);
        Assert.Equal("q1", (string?)next["id"]);
        Assert.Equal("Query", next.NextAt<string>("__typename"));
        var complete = await socket.Receive();
        Assert.Equal("complete", (string?)complete["type"]);
        Assert.Equal("q1", (string?)complete["id"]);

        // The id is free again once the operation completed.
        await socket.Subscribe("q1", "{ __typename }");
        Assert.Equal("next", (string?)(await socket.Receive())["type"]);
        Assert.Equal("complete", (string?)(await socket.Receive())["type"]);
    }

    [Fact]
    public async Task Ping_gets_pong_before_and_after_ack_and_the_server_pings_too()
    {
        await using var node = await TestNode.Start(db.ConnectionString, socket: s => s.KeepAlive = TimeSpan.FromMilliseconds(200));
        var key = await node.App.CreateKey("reader");
        await using var socket = await GqlSocket.Connect(node.WebSocketUri);
        await socket.Send(new { type = "ping", payload = new { n = 1 } });
        var pong = await socket.Receive(skipPings: false);
        Assert.Equal("pong", (string?)pong["type"]);
        Assert.Equal(1, (int)pong["payload"]!["n"]!);
        await socket.Send(new { type = "connection_init", payload = new { apiKey = key } });
        Assert.Equal("connection_ack", (string?)(await socket.Receive())["type"]);
        await socket.Send(new { type = "ping" });
        JsonObject message;
        do message = await socket.Receive(skipPings: false); while ((string?)message["type"] == "ping");
        Assert.Equal("pong", (string?)message["type"]);
        Assert.Null(message["payload"]);
        // Keep-alive: the server pings; the client answers pong (which the server accepts silently).
        do message = await socket.Receive(skipPings: false); while ((string?)message["type"] != "ping");
        await socket.Send(new { type = "pong" });
        await socket.Subscribe("after-pong", "{ __typename }");
        do message = await socket.Receive(); while ((string?)message["type"] == "pong");
        Assert.Equal("next", (string?)message["type"]);
    }

    [Fact]
    public async Task No_connection_init_in_time_closes_4408()
    {
        await using var node = await TestNode.Start(db.ConnectionString, devMode: false, socket: s =>
        {
            s.ConnectionInitTimeout = TimeSpan.FromMilliseconds(700);
            s.KeepAlive = null;
        });
        await using var socket = await GqlSocket.Connect(node.WebSocketUri);
        var (code, reason) = await socket.ExpectClose();
        Assert.Equal(4408, code);
        Assert.Equal("Connection initialisation timeout", reason);
    }

    [Fact]
    public async Task A_second_connection_init_closes_4429()
    {
        await using var socket = await GqlSocket.Ready(_node.WebSocketUri, _reader);
        await socket.Send(new { type = "connection_init", payload = new { apiKey = _reader } });
        var (code, reason) = await socket.ExpectClose();
        Assert.Equal(4429, code);
        Assert.Equal("Too many initialisation requests", reason);
    }

    [Fact]
    public async Task A_wrong_or_missing_key_closes_4403()
    {
        await using (var socket = await GqlSocket.Connect(_node.WebSocketUri))
        {
            await socket.Send(new { type = "connection_init", payload = new { authorization = "Bearer intel_nope" } });
            Assert.Equal(4403, (await socket.ExpectClose()).Code);
        }
        await using (var socket = await GqlSocket.Connect(_node.WebSocketUri))
        {
            await socket.Send(new { type = "connection_init" });
            Assert.Equal(4403, (await socket.ExpectClose()).Code);
        }
        // The key may also come with the upgrade request's Authorization header.
        await using (var socket = await GqlSocket.Connect(_node.WebSocketUri, bearer: _reader))
        {
            await socket.Send(new { type = "connection_init" });
            Assert.Equal("connection_ack", (string?)(await socket.Receive())["type"]);
        }
    }

    [Fact]
    public async Task Subscribe_before_ack_closes_4401()
    {
        await using var socket = await GqlSocket.Connect(_node.WebSocketUri);
        await socket.Subscribe("early", "{ __typename }");
        var (code, reason) = await socket.ExpectClose();
        Assert.Equal(4401, code);
        Assert.Equal("Unauthorized", reason);
    }

    [Fact]
    public async Task A_duplicate_subscriber_id_closes_4409()
    {
        await using var socket = await GqlSocket.Ready(_node.WebSocketUri, _reader);
        await socket.Subscribe("s1", "subscription { factExtracted { factKey } }");
        await socket.Subscribe("s1", "subscription { factExtracted { factKey } }");
        var (code, reason) = await socket.ExpectClose();
        Assert.Equal(4409, code);
        Assert.Equal("Subscriber for s1 already exists", reason);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"no_such_type"}""")]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"type":"subscribe","id":"x","payload":{"query":42}}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ __typename }"}}""")]
    [InlineData("""{"type":"connection_ack"}""")]
    [InlineData("""{"type":"next","id":"x","payload":{}}""")]
    public async Task An_invalid_message_closes_4400(string message)
    {
        await using var socket = await GqlSocket.Ready(_node.WebSocketUri, _reader);
        await socket.SendText(message);
        var (code, _) = await socket.ExpectClose();
        Assert.Equal(4400, code);
    }

    [Fact]
    public async Task A_malformed_connection_init_closes_4400()
    {
        await using var socket = await GqlSocket.Connect(_node.WebSocketUri);
        await socket.SendText("""{"type":"connection_init","payload":"a string"}""");
        Assert.Equal(4400, (await socket.ExpectClose()).Code);
    }

    [Fact]
    public async Task A_wrong_subprotocol_closes_4406()
    {
        await using var socket = await GqlSocket.Connect(_node.WebSocketUri, subProtocol: "graphql-ws");
        Assert.Equal(4406, (await socket.ExpectClose()).Code);
    }

    [Fact]
    public async Task Errors_before_execution_come_as_error_without_complete_and_the_socket_stays_open()
    {
        await using var socket = await GqlSocket.Ready(_node.WebSocketUri, _reader);
        await socket.Subscribe("bad", "{ noSuchField }");
        var error = await socket.Receive();
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal("bad", (string?)error["id"]);
        Assert.Contains("noSuchField", (string?)error["payload"]![0]!["message"]);

        // A reader's mutation: an error with FORBIDDEN, and the connection lives on.
        await socket.Subscribe("m", """mutation { acknowledgeAlert(input: { id: "00000000-0000-0000-0000-000000000001" }) { userErrors { code } } }""");
        error = await socket.Receive();
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal("FORBIDDEN", (string?)error["payload"]![0]!["extensions"]!["code"]);

        await socket.Subscribe("ok", "{ __typename }");
        Assert.Equal("next", (string?)(await socket.Receive())["type"]);
        Assert.Equal("complete", (string?)(await socket.Receive())["type"]);
    }

    [Fact]
    public async Task Editors_run_mutations_over_the_socket()
    {
        await using var socket = await GqlSocket.Ready(_node.WebSocketUri, _editor);
        await socket.Subscribe("m", """mutation { acknowledgeAlert(input: { id: "00000000-0000-0000-0000-000000000001" }) { userErrors { code } } }""");
        var next = await socket.Receive();
        Assert.Equal("next", (string?)next["type"]);
        Assert.NotNull(next.NextAt<MutationPayload?>("acknowledgeAlert"));
        Assert.Equal("complete", (string?)(await socket.Receive())["type"]);
    }
}

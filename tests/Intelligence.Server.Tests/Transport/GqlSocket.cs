using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Intelligence.Server.Tests.Transport;

/// <summary>A raw `graphql-transport-ws` client over ClientWebSocket, so tests can also send what a good client never would.</summary>
public sealed class GqlSocket : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket;

    private GqlSocket(ClientWebSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseDescription => _socket.CloseStatusDescription;
    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<GqlSocket> Connect(Uri uri, string? subProtocol = "graphql-transport-ws", string? bearer = null)
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null) socket.Options.AddSubProtocol(subProtocol);
        if (bearer is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(uri, timeout.Token);
        return new GqlSocket(socket);
    }

    /// <summary>Connects, sends connection_init with the key and expects connection_ack.</summary>
    public static async Task<GqlSocket> Ready(Uri uri, string? key)
    {
        var socket = await Connect(uri);
        await socket.Send(key is null ? new { type = "connection_init" } : new { type = "connection_init", payload = new { authorization = "Bearer " + key } });
        var ack = await socket.Receive();
        Assert.Equal("connection_ack", (string?)ack["type"]);
        return socket;
    }

    public Task Send(object message) => SendText(JsonSerializer.Serialize(message));

    public async Task SendText(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public Task Subscribe(string id, string query, object? variables = null) =>
        Send(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next message, skipping the server's keep-alive pings unless asked for them.</summary>
    public async Task<JsonObject> Receive(bool skipPings = true, TimeSpan? patience = null)
    {
        while (true)
        {
            var text = await ReceiveText(patience ?? Patience)
                ?? throw new Xunit.Sdk.XunitException($"Socket closed: {(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}");
            var message = JsonNode.Parse(text)!.AsObject();
            if (skipPings && (string?)message["type"] == "ping") continue;
            return message;
        }
    }

    /// <summary>Reads until the server closes the socket; returns its close code and reason.</summary>
    public async Task<(int Code, string? Reason)> ExpectClose(TimeSpan? patience = null)
    {
        while (true)
        {
            var text = await ReceiveText(patience ?? Patience);
            if (text is null) return ((int)_socket.CloseStatus!.Value, _socket.CloseStatusDescription);
        }
    }

    /// <summary>True when nothing but pings arrives within the time given.</summary>
    public async Task<JsonObject?> ReceiveOrNothing(TimeSpan wait)
    {
        try
        {
            return await Receive(patience: wait);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<string?> ReceiveText(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new OperationCanceledException("Nothing received in time.");
            }
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return null;
            }
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        _socket.Dispose();
    }
}

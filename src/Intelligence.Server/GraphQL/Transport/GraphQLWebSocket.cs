using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Intelligence.Server.GraphQL.Limits;
using Intelligence.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Intelligence.Server.GraphQL.Transport;

/// <summary>
/// `graphql-transport-ws` (graphql-ws's PROTOCOL.md) at /graphql: connection_init (auth in the payload) within
/// <see cref="GraphQLWebSocketOptions.ConnectionInitTimeout"/>, connection_ack, ping/pong both ways, subscribe/next/error/complete,
/// and the protocol's close events (4400, 4401, 4403, 4408, 4409, 4429). Queries and mutations work too (one `next`, then `complete`).
/// </summary>
public sealed class GraphQLWebSocket(
    IDocumentExecuter<ISchema> executer,
    IGraphQLTextSerializer serializer,
    CallerAuthenticator authenticator,
    IServiceScopeFactory scopes,
    GraphQLWebSocketOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<GraphQLWebSocket> log,
    SocketLimits limits,
    GraphQLLimits graphQLLimits)
{
    public const string SubProtocol = "graphql-transport-ws";
    private readonly IDocumentExecuter<ISchema> _executer = executer;
    private readonly IGraphQLTextSerializer _serializer = serializer;
    private readonly CallerAuthenticator _authenticator = authenticator;
    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly GraphQLWebSocketOptions _settings = options;
    private readonly ILogger _log = log;
    private readonly IHostApplicationLifetime _lifetime = lifetime;
    private readonly SocketLimits _limits = limits;
    private readonly TimeSpan _executionTimeout = graphQLLimits.ExecutionTimeout;

    public async Task Serve(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            using var refused = await http.WebSockets.AcceptWebSocketAsync();
            await CloseQuietly(refused, CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = SubProtocol });
        if (!_limits.TryOpenSocket())
        {
            await CloseQuietly(socket, SocketLimits.TryAgainLater, "Too many connections to this server");
            return;
        }
        try
        {
            var connection = new Connection(this, socket, http);
            await connection.Run();
        }
        finally
        {
            _limits.CloseSocket();
        }
    }

    private static async Task CloseQuietly(WebSocket socket, int code, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private sealed record Outgoing(byte[]? Text, int CloseCode = 0, string? CloseReason = null);

    private sealed class Operation(CancellationToken connection) : IDisposable
    {
        private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(connection);
        public CancellationToken Token => _cts.Token;
        public bool Cancelled => _cts.IsCancellationRequested;
        public void Cancel() { try { _cts.Cancel(); } catch (ObjectDisposedException) { } }
        public void Dispose() => _cts.Dispose();
    }

    private sealed class Connection(GraphQLWebSocket server, WebSocket socket, HttpContext http)
    {
        private readonly GraphQLWebSocketOptions _options = server._settings;
        private readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>();
        private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _closed = new();
        private readonly CancellationTokenSource _stopReading = new();
        private int _initReceived;
        private volatile bool _acknowledged;
        private int _closing;
        private Caller? _caller;
        private IDisposable? _revocation;
        private string? _limitKey;

        public async Task Run()
        {
            var writer = Task.Run(WriteLoop);
            _ = WatchInit();
            // Shutting down: streams get their `complete` (LiveHub completes them), then the socket closes with 1001.
            await using var stopping = server._lifetime.ApplicationStopping.Register(() => _ = Task.Delay(250).ContinueWith(
                _ => Close((int)WebSocketCloseStatus.EndpointUnavailable, "Server shutting down"), TaskScheduler.Default));
            try
            {
                await ReadLoop();
                // The client closed: answer its close frame (no-op when the server closed first).
                if (socket.State == WebSocketState.CloseReceived) Close((int)WebSocketCloseStatus.NormalClosure, "");
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
            catch (Exception e)
            {
                server._log.LogError(e, "GraphQL WebSocket failed");
                Close(CloseCodes.InternalServerError, "Internal server error");
            }
            finally
            {
                _revocation?.Dispose();
                _closed.Cancel();
                if (_limitKey is not null) server._limits.CloseForKey(_limitKey);
                foreach (var operation in _operations.Values) operation.Cancel();
                _outbox.Writer.TryComplete();
                await writer;
            }
        }

        private async Task WatchInit()
        {
            try
            {
                await Task.Delay(_options.ConnectionInitTimeout, _closed.Token);
                if (Volatile.Read(ref _initReceived) == 0) Close(CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
            }
            catch (OperationCanceledException) { }
        }

        private async Task KeepAlive()
        {
            if (_options.KeepAlive is not { } every || every <= TimeSpan.Zero) return;
            try
            {
                using var timer = new PeriodicTimer(every);
                while (await timer.WaitForNextTickAsync(_closed.Token)) Send(Message("ping"));
            }
            catch (OperationCanceledException) { }
        }

        private async Task ReadLoop()
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            var message = new ArrayBufferWriter<byte>();
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    message.ResetWrittenCount();
                    ValueWebSocketReceiveResult received;
                    do
                    {
                        received = await socket.ReceiveAsync(buffer.AsMemory(), _stopReading.Token);
                        if (received.MessageType == WebSocketMessageType.Close) return;
                        if (message.WrittenCount + received.Count > _options.MaxMessageBytes)
                        {
                            Close((int)WebSocketCloseStatus.MessageTooBig, $"Message over {_options.MaxMessageBytes} bytes");
                            await DrainUntilClosed(buffer);
                            return;
                        }
                        message.Write(buffer.AsSpan(0, received.Count));
                    } while (!received.EndOfMessage);

                    if (Volatile.Read(ref _closing) != 0) continue;
                    if (received.MessageType != WebSocketMessageType.Text)
                    {
                        Close(CloseCodes.BadRequest, "Invalid message received: binary frames are not part of the protocol");
                        continue;
                    }
                    await Handle(message.WrittenMemory);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private async Task DrainUntilClosed(byte[] buffer)
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), _stopReading.Token);
                if (received.MessageType == WebSocketMessageType.Close) return;
            }
        }

        private async Task Handle(ReadOnlyMemory<byte> text)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException)
            {
                Close(CloseCodes.BadRequest, "Invalid message received: not JSON");
                return;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                {
                    Close(CloseCodes.BadRequest, "Invalid message received: no `type`");
                    return;
                }
                var type = typeElement.GetString();
                switch (type)
                {
                    case "connection_init":
                        await Init(root);
                        break;
                    case "ping":
                        if (!OptionalObject(root, "payload", out var pingPayload)) { Invalid(type); return; }
                        Send(Message("pong", payload: pingPayload?.GetRawText()));
                        break;
                    case "pong":
                        if (!OptionalObject(root, "payload", out _)) Invalid(type);
                        break;
                    case "subscribe":
                        Subscribe(root);
                        break;
                    case "complete":
                        if (!Id(root, out var completed)) { Invalid(type); return; }
                        if (_operations.TryRemove(completed, out var operation)) operation.Cancel();
                        break;
                    default:
                        Close(CloseCodes.BadRequest, Truncate($"Unexpected message of type {type} received"));
                        break;
                }
            }
        }

        private void Invalid(string type) => Close(CloseCodes.BadRequest, $"Invalid message received: malformed `{type}`");

        private async Task Init(JsonElement message)
        {
            if (Interlocked.Exchange(ref _initReceived, 1) == 1)
            {
                Close(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
                return;
            }
            if (!OptionalObject(message, "payload", out var payload))
            {
                Invalid("connection_init");
                return;
            }
            var secret = SecretFrom(payload) ?? CallerAuthenticator.SecretOf(http.Request.Headers.Authorization);
            var outcome = await server._authenticator.Authenticate(secret, http.Connection.RemoteIpAddress, _closed.Token);
            if (outcome.Caller is null)
            {
                if (outcome.Failure == AuthFailure.Unavailable) Close(CloseCodes.InternalServerError, "Key store unavailable");
                else Close(CloseCodes.Forbidden, "Forbidden");
                return;
            }
            var key = DatabaseShare.KeyOf(outcome.Caller.ToPrincipal());
            if (!server._limits.TryOpenForKey(key))
            {
                Close(SocketLimits.TryAgainLater, "Too many connections for this API key");
                return;
            }
            _limitKey = key;
            _caller = outcome.Caller;
            // Revoked on this node: the socket closes at once, ending its subscriptions too.
            _revocation = server._authenticator.OnRevoked(_caller, () => Close(CloseCodes.Forbidden, "Forbidden: API key revoked"));
            _acknowledged = true;
            Send(Message("connection_ack"));
            _ = KeepAlive();
        }

        private static string? SecretFrom(JsonElement? payload)
        {
            if (payload is not { } p) return null;
            foreach (var property in p.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) continue;
                if (property.NameEquals("apiKey")) return property.Value.GetString();
                if (property.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase)) return CallerAuthenticator.SecretOf(property.Value.GetString());
            }
            return null;
        }

        private void Subscribe(JsonElement message)
        {
            if (!_acknowledged)
            {
                Close(CloseCodes.Unauthorized, "Unauthorized");
                return;
            }
            if (!Id(message, out var id) || !message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
                || !payload.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String
                || !OptionalString(payload, "operationName") || !OptionalObject(payload, "variables", out _) || !OptionalObject(payload, "extensions", out _))
            {
                Invalid("subscribe");
                return;
            }
            GraphQLRequest? request;
            try
            {
                request = server._serializer.Deserialize<GraphQLRequest>(payload.GetRawText());
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
            {
                Invalid("subscribe");
                return;
            }
            if (request?.Query is null)
            {
                Invalid("subscribe");
                return;
            }
            var operation = new Operation(_closed.Token);
            if (!_operations.TryAdd(id, operation))
            {
                operation.Dispose();
                Close(CloseCodes.SubscriberAlreadyExists, Truncate($"Subscriber for {id} already exists"));
                return;
            }
            if (_operations.Count > _options.MaxOperations)
            {
                _operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));
                operation.Dispose();
                Send(ErrorMessage(id, [new ExecutionError($"Too many operations on this socket (at most {_options.MaxOperations}).") { Code = "TOO_MANY_OPERATIONS" }]));
                return;
            }
            if (!server._limits.TryStartOperation(_limitKey!))
            {
                _operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));
                operation.Dispose();
                Send(ErrorMessage(id, [new ExecutionError($"Too many operations for this API key (at most {server._limits.MaxSubscriptionsPerKey} over all its sockets).") { Code = "TOO_MANY_OPERATIONS" }]));
                return;
            }
            _ = Task.Run(() => Execute(id, request, operation));
        }

        private async Task Execute(string id, GraphQLRequest request, Operation operation)
        {
            try
            {
                // The key is checked again for every operation: a key revoked since connection_init does nothing more.
                if (!await server._authenticator.StillValid(_caller!, operation.Token))
                {
                    Close(CloseCodes.Forbidden, "Forbidden: API key revoked");
                    return;
                }
                await using var scope = server._scopes.CreateAsyncScope();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(operation.Token);
                timeout.CancelAfter(server._executionTimeout);
                var result = await server._executer.ExecuteAsync(o =>
                {
                    o.Query = request.Query;
                    o.Variables = request.Variables;
                    o.OperationName = request.OperationName;
                    o.Extensions = request.Extensions;
                    o.RequestServices = scope.ServiceProvider;
                    o.User = _caller!.ToPrincipal();
                    o.CancellationToken = timeout.Token;
                    o.UnhandledExceptionDelegate = ctx =>
                    {
                        server._log.LogError(ctx.OriginalException, "GraphQL resolver failed (WebSocket operation {Id})", id);
                        return Task.CompletedTask;
                    };
                });
                if (operation.Cancelled) return;

                if (result.Streams is { Count: > 0 } streams)
                {
                    await Stream(id, streams.Values.First(), operation);
                    return;
                }
                if (!result.Executed)
                {
                    // Errors before execution (syntax, validation, rights): `error`, and no `complete` after it.
                    Release(id, operation);
                    Send(ErrorMessage(id, result.Errors ?? []));
                    return;
                }
                Send(Message("next", id, server._serializer.Serialize(result)));
                Release(id, operation);
                Send(Message("complete", id));
            }
            catch (OperationCanceledException) when (operation.Cancelled) { }
            catch (OperationCanceledException)
            {
                // Cancelled by the execution timeout, not by the client: the protocol's `error` says why.
                server._log.LogWarning("GraphQL WebSocket operation {Id} cancelled by the {Timeout} execution timeout", id, server._executionTimeout);
                Release(id, operation);
                Send(ErrorMessage(id, [GraphQLEndpoint.TimeoutError(server._executionTimeout)]));
            }
            catch (Exception e)
            {
                server._log.LogError(e, "GraphQL WebSocket operation {Id} failed", id);
                Release(id, operation);
                if (!operation.Cancelled) Send(ErrorMessage(id, [new ExecutionError("Internal server error.") { Code = "INTERNAL_SERVER_ERROR" }]));
            }
            finally
            {
                _operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));
                server._limits.EndOperation(_limitKey!);
                operation.Dispose();
            }
        }

        private async Task Stream(string id, IObservable<ExecutionResult> stream, Operation operation)
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var observer = new Observer(
                next: result => { if (!operation.Cancelled) Send(Message("next", id, server._serializer.Serialize(result))); },
                error: e =>
                {
                    server._log.LogWarning(e, "Subscription {Id} source failed", id);
                    Release(id, operation);
                    if (!operation.Cancelled) Send(ErrorMessage(id, [new ExecutionError("The subscription's source failed.") { Code = "SOURCE_FAILED" }]));
                    finished.TrySetResult();
                },
                completed: () =>
                {
                    Release(id, operation);
                    if (!operation.Cancelled) Send(Message("complete", id));
                    finished.TrySetResult();
                });
            using var subscription = stream.Subscribe(observer);
            await using var registration = operation.Token.Register(() => finished.TrySetResult());
            await finished.Task;
        }

        /// <summary>
        /// Frees the operation's id before its last message goes out: a client may reuse the id as soon as it reads
        /// `complete` or `error`, and must not find it still taken (4409).
        /// </summary>
        private void Release(string id, Operation operation) => _operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));

        private sealed class Observer(Action<ExecutionResult> next, Action<Exception> error, Action completed) : IObserver<ExecutionResult>
        {
            public void OnNext(ExecutionResult value) => next(value);
            public void OnError(Exception e) => error(e);
            public void OnCompleted() => completed();
        }

        private void Send(byte[] message)
        {
            if (Volatile.Read(ref _closing) != 0) return;
            if (_outbox.Reader.Count >= _options.MaxQueuedMessages)
            {
                Close((int)WebSocketCloseStatus.PolicyViolation, "Client too slow: too many messages waiting");
                return;
            }
            _outbox.Writer.TryWrite(new Outgoing(message));
        }

        private void Close(int code, string reason)
        {
            if (Interlocked.Exchange(ref _closing, 1) != 0) return;
            _outbox.Writer.TryWrite(new Outgoing(null, code, reason));
            _closed.Cancel();
        }

        private async Task WriteLoop()
        {
            try
            {
                await foreach (var item in _outbox.Reader.ReadAllAsync())
                {
                    if (item.Text is null)
                    {
                        await CloseQuietly(socket, item.CloseCode, item.CloseReason ?? "");
                        // Give the client a moment to answer the close frame, then stop waiting for it.
                        _stopReading.CancelAfter(TimeSpan.FromSeconds(2));
                        return;
                    }
                    if (Volatile.Read(ref _closing) != 0) continue;
                    if (socket.State != WebSocketState.Open) return;
                    await socket.SendAsync(item.Text, WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                _stopReading.Cancel();
            }
        }

        private static bool Id(JsonElement message, out string id)
        {
            id = message.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            return id.Length > 0;
        }

        private static bool OptionalObject(JsonElement message, string name, out JsonElement? value)
        {
            value = null;
            if (!message.TryGetProperty(name, out var found) || found.ValueKind == JsonValueKind.Null) return true;
            if (found.ValueKind != JsonValueKind.Object) return false;
            value = found;
            return true;
        }

        private static bool OptionalString(JsonElement message, string name) =>
            !message.TryGetProperty(name, out var found) || found.ValueKind is JsonValueKind.Null or JsonValueKind.String;

        private byte[] ErrorMessage(string id, IEnumerable<ExecutionError> errors)
        {
            var json = server._serializer.Serialize(new ExecutionResult { Errors = [.. errors] });
            using var parsed = JsonDocument.Parse(json);
            return Message("error", id, parsed.RootElement.TryGetProperty("errors", out var list) ? list.GetRawText() : "[]");
        }

        private static byte[] Message(string type, string? id = null, string? payload = null)
        {
            var buffer = new ArrayBufferWriter<byte>(payload is null ? 64 : payload.Length + 64);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                if (id is not null) json.WriteString("id", id);
                json.WriteString("type", type);
                if (payload is not null)
                {
                    json.WritePropertyName("payload");
                    json.WriteRawValue(payload, skipInputValidation: true);
                }
                json.WriteEndObject();
            }
            return buffer.WrittenSpan.ToArray();
        }

        /// <summary>A close reason is at most 123 UTF-8 bytes.</summary>
        private static string Truncate(string reason)
        {
            while (Encoding.UTF8.GetByteCount(reason) > 123) reason = reason[..^1];
            return reason;
        }
    }
}

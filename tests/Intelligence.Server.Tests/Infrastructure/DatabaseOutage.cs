using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the test PostgreSQL. A server given <see cref="ConnectionString"/> reaches the
/// database through it; <see cref="Cut"/> drops every open connection and refuses new ones (what a database restart or a
/// network outage looks like to the server), <see cref="Restore"/> lets them through again. Only the server under test
/// is cut off: other tests on the same cluster are not disturbed.
/// </summary>
public sealed class DatabaseOutage : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<(TcpClient Client, TcpClient Upstream)> _open = [];
    private readonly CancellationTokenSource _stopped = new();
    private TcpListener? _listener;

    public int Port { get; }
    public string ConnectionString { get; }

    private DatabaseOutage(string connectionString, IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
    }

    public static DatabaseOutage Start(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var address = Dns.GetHostAddresses(builder.Host ?? "127.0.0.1").First(a => a.AddressFamily == AddressFamily.InterNetwork);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var outage = new DatabaseOutage(connectionString, new IPEndPoint(address, builder.Port), ((IPEndPoint)listener.LocalEndpoint).Port);
        outage.Listen(listener);
        return outage;
    }

    public bool IsCut { get; private set; }

    /// <summary>Drops every relayed connection and stops accepting: connecting is refused until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        IsCut = true;
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var (client, upstream) in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0); // RST, as when the server's host goes away
                client.Dispose();
                upstream.Dispose();
            }
            _open.Clear();
        }
    }

    public void Restore()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        IsCut = false;
        Listen(listener);
    }

    private void Listen(TcpListener listener)
    {
        _listener = listener;
        _ = Task.Run(async () =>
        {
            while (!_stopped.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(_stopped.Token);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
                {
                    return;
                }
                _ = Relay(client);
            }
        });
    }

    private async Task Relay(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_target, _stopped.Token);
        }
        catch (Exception)
        {
            client.Dispose();
            upstream.Dispose();
            return;
        }
        lock (_open) _open.Add((client, upstream));
        var a = Pump(client.GetStream(), upstream.GetStream());
        var b = Pump(upstream.GetStream(), client.GetStream());
        await Task.WhenAny(a, b);
        lock (_open) _open.Remove((client, upstream));
        client.Dispose();
        upstream.Dispose();
    }

    private async Task Pump(NetworkStream from, NetworkStream to)
    {
        try
        {
            await from.CopyToAsync(to, _stopped.Token);
        }
        catch (Exception) { }
    }

    public ValueTask DisposeAsync()
    {
        _stopped.Cancel();
        Cut();
        return ValueTask.CompletedTask;
    }
}

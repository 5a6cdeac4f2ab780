using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Intelligence.Server.Tests.Alerts;
using Npgsql;

namespace Intelligence.Server.Tests.Cluster;

/// <summary>
/// One server node as its own process (`intel run` from the built intel.dll), so that it can be killed with SIGKILL
/// like a crashed machine. Its connections carry <c>Application Name = Name</c>, so PostgreSQL tells which node holds what.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public string Name { get; }
    public int Port { get; }
    public HttpClient Http { get; }

    private NodeProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<NodeProcess> Start(string name, string connectionString, IReadOnlyDictionary<string, string> environment,
        params string[] runArguments)
    {
        var port = SlackReceiver.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "intel.dll"));
        foreach (var arg in new[] { "run", "--port", port.ToString() }.Concat(runArguments)) start.ArgumentList.Add(arg);
        start.Environment["INTELLIGENCE_DB"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var node = new NodeProcess(name, port, process);
        process.OutputDataReceived += (_, e) => { lock (node._log) node._log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (node._log) node._log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitUntilReady(TimeSpan.FromSeconds(180));
        return node;
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public bool Exited => _process.HasExited;

    /// <summary>Waits until the node has printed a line containing <paramref name="text"/>.</summary>
    public async Task WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Node {Name} exited with {_process.ExitCode}:\n{Log}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Node {Name} printed no '{text}' after {timeout}:\n{Log}");
            await Task.Delay(100);
        }
    }

    private async Task WaitUntilReady(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Node {Name} exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var ready = await Http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Node {Name} not ready after {timeout}:\n{Log}");
    }

    public async Task<JsonObject> GraphQL(string query, object? variables = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)?.AsObject() ?? throw new InvalidOperationException($"Empty GraphQL response ({(int)response.StatusCode}) from {Name}.");
    }

    /// <summary>SIGKILL: no shutdown, no release of anything; the database notices the closed sockets.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

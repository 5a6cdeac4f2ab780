using System.Diagnostics;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands Npgsql runs for one traced HTTP request: the test sends a W3C `traceparent` header, the server's
/// request activity adopts that trace id, and only Npgsql activities of that trace are counted — background work and
/// other tests' requests running in parallel do not blur the count.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<string> _statements = [];
    private ActivityTraceId _trace;

    public SqlCommandCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql" || activity.TraceId != _trace) return;
                lock (_statements) _statements.Add((activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName)?.ToString() ?? "?");
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Starts counting a new trace; send the returned value as the request's `traceparent` header.</summary>
    public string NewTrace()
    {
        lock (_statements)
        {
            _statements.Clear();
            _trace = ActivityTraceId.CreateRandom();
        }
        return $"00-{_trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }

    public int Count { get { lock (_statements) return _statements.Count; } }

    /// <summary>The statements counted in the current trace (for failure messages).</summary>
    public string Statements { get { lock (_statements) return string.Join("\n---\n", _statements); } }

    public void Dispose() => _listener.Dispose();
}

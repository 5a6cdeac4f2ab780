using System.Diagnostics;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands Npgsql runs on behalf of HTTP requests (its activities whose ancestor is an ASP.NET request),
/// so background work such as Wolverine's polling does not blur the count.
/// </summary>
public sealed class SqlCommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public SqlCommandCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && UnderHttpRequest(activity)) Interlocked.Increment(ref _count);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private static bool UnderHttpRequest(Activity activity)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
            if (parent.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn") return true;
        return false;
    }

    public void Dispose() => _listener.Dispose();
}

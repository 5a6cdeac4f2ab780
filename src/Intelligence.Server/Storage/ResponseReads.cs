using System.Diagnostics;

namespace Intelligence.Server.Storage;

/// <summary>One versioned document a response was built from: its table row, as stamped when it was read.</summary>
public sealed record VersionedRead(Type DocumentType, string Id, long Version, DateTime Modified);

/// <summary>
/// What one GraphQL execution read, for <see cref="GraphQL.ResponseCache"/>: the versioned documents served by
/// <see cref="ProjectionCache"/>, and whether anything else was read. "Anything else" is caught at the source: every SQL
/// command Npgsql starts outside a tracked read marks the execution untracked, so a resolver added later that queries
/// the database can make a response uncacheable, never stale.
/// </summary>
public sealed class ResponseReads
{
    private static readonly AsyncLocal<ResponseReads?> CurrentReads = new();
    private readonly List<VersionedRead> _documents = [];

    /// <summary>The reads of the execution running on this async flow, if one is being recorded.</summary>
    public static ResponseReads? Current => CurrentReads.Value;

    public IReadOnlyList<VersionedRead> Documents => _documents;

    /// <summary>False once the execution read something that is not a versioned document.</summary>
    public bool Tracked { get; private set; } = true;

    /// <summary>Records the reads of the code that runs until the returned scope is disposed, on this async flow.</summary>
    public static Scope Begin()
    {
        var reads = new ResponseReads();
        var previous = CurrentReads.Value;
        CurrentReads.Value = reads;
        return new Scope(reads, previous);
    }

    public void Add(VersionedRead read)
    {
        lock (_documents) _documents.Add(read);
    }

    public void Untrack() => Tracked = false;

    /// <summary>
    /// SQL run on this async flow until the returned scope is disposed belongs to a tracked read (the version checks of
    /// <see cref="ProjectionCache"/>). Per flow, not per execution: a resolver running beside it (GraphQL resolves
    /// sibling fields concurrently) still marks the execution untracked when it queries the database.
    /// </summary>
    public static TrackedRead BeginTrackedRead()
    {
        InTrackedRead.Value = true;
        return new TrackedRead();
    }

    private static readonly AsyncLocal<bool> InTrackedRead = new();

    private static void OnSqlCommand()
    {
        if (!InTrackedRead.Value) Current?.Untrack();
    }

    public readonly struct TrackedRead : IDisposable
    {
        public void Dispose() => InTrackedRead.Value = false;
    }

    public readonly struct Scope(ResponseReads reads, ResponseReads? previous) : IDisposable
    {
        public ResponseReads Reads => reads;

        public void Dispose() => CurrentReads.Value = previous;
    }

    /// <summary>
    /// Sees every Npgsql command as it starts (the sampling callback runs on the caller's async flow) and creates no
    /// activity itself. One per process, registered on first use.
    /// </summary>
    public static void ListenToSql() => _ = SqlListener.Value;

    private static readonly Lazy<ActivityListener> SqlListener = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) =>
            {
                OnSqlCommand();
                return ActivitySamplingResult.None;
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });
}

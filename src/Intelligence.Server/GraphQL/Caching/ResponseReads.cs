namespace Intelligence.Server.GraphQL.Caching;

/// <summary>One versioned document a response was built from: its table row, as stamped when it was read.</summary>
public sealed record VersionedRead(Type DocumentType, string Id, long Version, DateTime Modified);

/// <summary>
/// What one GraphQL execution read, for <see cref="ResponseCache"/>: the versioned documents served by
/// <see cref="ProjectionCache"/>, and whether every field it resolved was cacheable (see <see cref="CacheableFields"/>).
/// </summary>
public sealed class ResponseReads
{
    private static readonly AsyncLocal<ResponseReads?> CurrentReads = new();
    private readonly List<VersionedRead> _documents = [];

    /// <summary>The reads of the execution running on this async flow, if one is being recorded.</summary>
    public static ResponseReads? Current => CurrentReads.Value;

    public IReadOnlyList<VersionedRead> Documents => _documents;

    /// <summary>False once the execution resolved a field whose answer is not made of versioned documents only.</summary>
    public bool Tracked { get; private set; } = true;

    /// <summary>Records the reads of the code that runs until the returned scope is disposed, on this async flow.</summary>
    public static Scope Begin()
    {
        var reads = new ResponseReads();
        var previous = CurrentReads.Value;
        CurrentReads.Value = reads;
        return new Scope(reads, previous);
    }

    /// <summary>The execution running on this flow, if any, read something that is not a versioned document: its response is not kept.</summary>
    public static void NotCacheable() => Current?.Untrack();

    public void Add(VersionedRead read)
    {
        lock (_documents) _documents.Add(read);
    }

    public void Untrack() => Tracked = false;

    public readonly struct Scope(ResponseReads reads, ResponseReads? previous) : IDisposable
    {
        public ResponseReads Reads => reads;

        public void Dispose() => CurrentReads.Value = previous;
    }
}

namespace Intelligence.Server.Replay;

/// <summary>One row of the event store as data scientists see it. Data is the event's JSON exactly as stored.</summary>
public sealed record StoredEvent(long Sequence, Guid Id, string Stream, string Type, long Version, DateTimeOffset Timestamp, string Tenant, string Data);

/// <summary>Which events to read: a sequence or time window, event types, streams.</summary>
public sealed record EventRange
{
    public long? AfterSequence { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public IReadOnlyList<string>? Types { get; init; }
    public IReadOnlyList<string>? Streams { get; init; }
    public int? Limit { get; init; }
}

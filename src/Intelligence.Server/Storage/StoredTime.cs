using JasperFx.Events;

namespace Intelligence.Server.Storage;

public static class StoredTime
{
    /// <summary>
    /// The event's timestamp as PostgreSQL keeps it (microseconds). Inline projections see the in-memory value
    /// (100 ns ticks) and a rebuild sees the stored one; views use this so both give the same document.
    /// </summary>
    public static DateTimeOffset Of(IEvent e) =>
        new(e.Timestamp.Ticks - e.Timestamp.Ticks % TimeSpan.TicksPerMicrosecond, e.Timestamp.Offset);
}

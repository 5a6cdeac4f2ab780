namespace Intelligence.Ingestion.Reading;

/// <summary>Bounds on one read: how deep the page's tree is followed, and when to give up.</summary>
public sealed record ReadOptions
{
    public static readonly ReadOptions Default = new();

    /// <summary>Elements nested deeper than this are flattened into their ancestor at this depth (text kept, structure dropped).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Cancels the read: <see cref="OperationCanceledException"/> is thrown between stages and inside long loops.</summary>
    public CancellationToken Cancellation { get; init; }
}

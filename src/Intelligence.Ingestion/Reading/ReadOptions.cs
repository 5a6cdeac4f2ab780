namespace Intelligence.Ingestion.Reading;

/// <summary>Bounds on one read: how deep the page's tree is followed, and when to give up.</summary>
public sealed record ReadOptions
{
    public static readonly ReadOptions Default = new();

    /// <summary>
    /// Elements nested deeper than this are flattened into their ancestor at this depth (text kept, structure dropped).
    /// Real pages nest 15 to 40 deep (76 at most in trafilatura's 990 evaluation pages).
    /// </summary>
    public int MaxDepth { get; init; } = 96;

    /// <summary>The depth cap of the baseline's own parse: its scoring walks ancestors at every node and slows down sharply with depth.</summary>
    public int BaselineMaxDepth { get; init; } = 48;

    /// <summary>Cancels the read: <see cref="OperationCanceledException"/> is thrown between stages and inside long loops.</summary>
    public CancellationToken Cancellation { get; init; }
}

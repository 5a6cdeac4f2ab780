namespace Intelligence.Extraction.Routing;

/// <summary>The gate's knobs: a sentence goes to at most <see cref="TopK"/> experts whose gate score reaches the threshold.</summary>
public sealed record RouterOptions
{
    public int TopK { get; init; } = 3;
    public double Threshold { get; init; } = 0.5;
    /// <summary>Per-expert thresholds by expert name ("stake", "capex", …); experts not listed use <see cref="Threshold"/>.</summary>
    public IReadOnlyDictionary<string, double> ExpertThresholds { get; init; } = new Dictionary<string, double>();
    /// <summary>A sentence whose best CPU fact is below this confidence (or that scored but produced nothing) counts as low-confidence for the GPU expert.</summary>
    public double LowConfidence { get; init; } = 0.7;
}

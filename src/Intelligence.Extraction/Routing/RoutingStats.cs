namespace Intelligence.Extraction.Routing;

/// <summary>Per expert: sentences the router sent to it, facts it produced (before merge).</summary>
public sealed record ExpertRouting(int Sentences, int Facts);

/// <summary>What the gate did with an article (JSON-serializable).</summary>
public sealed record RoutingStats(
    int Sentences,
    int Units,
    int Unrouted,
    IReadOnlyDictionary<string, ExpertRouting> Experts,
    GpuRouting? Gpu = null);

/// <summary>The GPU expert's share: sentences sent, facts accepted, failures fallen back from.</summary>
public sealed record GpuRouting(string Mode, int Sentences, int Requests, int Facts, int Failures, IReadOnlyList<string> Errors);

internal sealed class RoutingStatsBuilder(IEnumerable<string> expertNames)
{
    private readonly Dictionary<string, (int Sentences, int Facts)> _experts = expertNames.ToDictionary(n => n, _ => (0, 0));
    public int Sentences;
    public int Units;
    public int Unrouted;

    public void Routed(string expert, int facts)
    {
        var (s, f) = _experts.GetValueOrDefault(expert);
        _experts[expert] = (s + 1, f + facts);
    }

    public RoutingStats Build(GpuRouting? gpu = null) => new(
        Sentences, Units, Unrouted,
        _experts.ToDictionary(kv => kv.Key, kv => new ExpertRouting(kv.Value.Sentences, kv.Value.Facts)),
        gpu);
}

using Intelligence.Extraction.Experts;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Routing;

/// <summary>The gate: scores every expert on a sentence's cheap features and keeps the top-k above threshold.</summary>
public sealed class Router(IReadOnlyList<IExpert> experts, RouterOptions options)
{
    public IReadOnlyList<IExpert> Experts => experts;
    public RouterOptions Options => options;

    /// <summary>The experts the sentence goes to, best first, with the highest gate score seen (even when none passed).</summary>
    public (List<IExpert> Selected, double BestScore) Route(SentenceView sentence)
    {
        Span<double> scores = stackalloc double[experts.Count];
        var best = 0.0;
        for (var i = 0; i < experts.Count; i++)
        {
            scores[i] = experts[i].Gate(sentence);
            best = Math.Max(best, scores[i]);
        }
        var selected = new List<IExpert>(Math.Min(options.TopK, experts.Count));
        for (var k = 0; k < options.TopK; k++)
        {
            var bestIndex = -1;
            for (var i = 0; i < experts.Count; i++)
            {
                if (scores[i] < ThresholdFor(experts[i]) || scores[i] <= 0) continue;
                if (bestIndex < 0 || scores[i] > scores[bestIndex]) bestIndex = i;
            }
            if (bestIndex < 0) break;
            selected.Add(experts[bestIndex]);
            scores[bestIndex] = double.NegativeInfinity;
        }
        return (selected, best);
    }

    private double ThresholdFor(IExpert expert) =>
        options.ExpertThresholds.TryGetValue(expert.Name, out var t) ? t : options.Threshold;
}

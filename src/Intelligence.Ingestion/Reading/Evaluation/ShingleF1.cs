namespace Intelligence.Ingestion.Reading.Evaluation;

/// <summary>
/// How close an extracted main text is to the true article body: F1 over the multisets of 4-token shingles
/// (lower-cased runs of letters and digits), so both missing paragraphs and kept boilerplate cost.
/// </summary>
public static class ShingleF1
{
    public const int ShingleSize = 4;

    public sealed record Score(double Precision, double Recall, double F1);

    public static Score Compare(string predicted, string gold)
    {
        var p = Shingles(predicted);
        var g = Shingles(gold);
        if (p.Count == 0 && g.Count == 0) return new Score(1, 1, 1);
        var common = 0;
        foreach (var (shingle, count) in p)
            if (g.TryGetValue(shingle, out var goldCount)) common += Math.Min(count, goldCount);
        double predictedTotal = p.Values.Sum(), goldTotal = g.Values.Sum();
        var precision = predictedTotal == 0 ? 0 : common / predictedTotal;
        var recall = goldTotal == 0 ? 0 : common / goldTotal;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Score(precision, recall, f1);
    }

    /// <summary>Shingle counts; a text shorter than one shingle counts as a single shingle of all its tokens.</summary>
    public static Dictionary<string, int> Shingles(string text)
    {
        var tokens = Tokens(text);
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0) return shingles;
        var width = Math.Min(ShingleSize, tokens.Count);
        for (var i = 0; i + width <= tokens.Count; i++)
        {
            var shingle = string.Join(' ', tokens.GetRange(i, width));
            shingles[shingle] = shingles.GetValueOrDefault(shingle) + 1;
        }
        return shingles;
    }

    /// <summary>Lower-cased runs of letters and digits, as the reader splits words.</summary>
    public static List<string> Tokens(string text) => TextBlocks.Words(text);
}

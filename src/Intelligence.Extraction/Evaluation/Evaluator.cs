using Intelligence.Domain.Facts;

namespace Intelligence.Extraction.Evaluation;

public sealed record TypeScore(string Type, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

public sealed record ArticleErrors(string Id, IReadOnlyList<Fact> Missed, IReadOnlyList<Fact> Spurious);

public sealed record EvaluationReport(TypeScore Overall, IReadOnlyList<TypeScore> ByType, IReadOnlyList<ArticleErrors> Errors, int Articles, int MissingArticles);

/// <summary>Scores predictions against gold (matching rules in <see cref="FactMatcher"/>), per type and overall (micro-averaged).</summary>
public static class Evaluator
{
    public static EvaluationReport Evaluate(IEnumerable<GoldArticle> gold, Func<GoldArticle, IReadOnlyList<Fact>?> predict, bool strict = false)
    {
        var counts = FactTypes.All.ToDictionary(t => t, _ => (Tp: 0, Fp: 0, Fn: 0));
        var errors = new List<ArticleErrors>();
        var articles = 0;
        var missing = 0;
        foreach (var article in gold)
        {
            var predicted = predict(article);
            if (predicted is null) { missing++; continue; }
            articles++;
            var (missed, spurious, truePositives) = Compare(article.Facts, predicted, strict);
            foreach (var f in truePositives) Bump(counts, f.Type, tp: 1);
            foreach (var f in missed) Bump(counts, f.Type, fn: 1);
            foreach (var f in spurious) Bump(counts, f.Type, fp: 1);
            if (missed.Count + spurious.Count > 0) errors.Add(new ArticleErrors(article.Id, missed, spurious));
        }
        var byType = counts.Select(kv => new TypeScore(kv.Key, kv.Value.Tp, kv.Value.Fp, kv.Value.Fn)).ToList();
        var overall = new TypeScore("overall", byType.Sum(t => t.TruePositives), byType.Sum(t => t.FalsePositives), byType.Sum(t => t.FalseNegatives));
        return new EvaluationReport(overall, byType, errors, articles, missing);
    }

    /// <summary>Whether an article belongs to the test part of a split that puts every <paramref name="every"/>th article
    /// there: the number its id ends with ("d042") is a multiple of <paramref name="every"/>. An id without one is training.</summary>
    public static bool IsTestArticle(string id, int every)
    {
        var start = id.Length;
        while (start > 0 && char.IsAsciiDigit(id[start - 1])) start--;
        return start < id.Length && long.TryParse(id.AsSpan(start), out var number) && number % every == 0;
    }

    public static (List<Fact> Missed, List<Fact> Spurious, List<Fact> Matched) Compare(IReadOnlyList<GoldFact> gold, IReadOnlyList<Fact> predicted, bool strict)
    {
        var used = new bool[predicted.Count];
        var missed = new List<Fact>();
        var matched = new List<Fact>();
        foreach (var g in gold.Where(g => !g.Optional))
        {
            var index = FindUnused(g.Fact, predicted, used, strict);
            if (index < 0) missed.Add(g.Fact);
            else { used[index] = true; matched.Add(g.Fact); }
        }
        // A prediction that matches an optional gold fact is neither rewarded nor penalised.
        foreach (var g in gold.Where(g => g.Optional))
        {
            var index = FindUnused(g.Fact, predicted, used, strict);
            if (index >= 0) used[index] = true;
        }
        var spurious = predicted.Where((_, i) => !used[i]).ToList();
        return (missed, spurious, matched);
    }

    private static int FindUnused(Fact gold, IReadOnlyList<Fact> predicted, bool[] used, bool strict)
    {
        for (var i = 0; i < predicted.Count; i++)
            if (!used[i] && FactMatcher.Matches(gold, predicted[i], strict)) return i;
        return -1;
    }

    private static void Bump(Dictionary<string, (int Tp, int Fp, int Fn)> counts, string type, int tp = 0, int fp = 0, int fn = 0)
    {
        var c = counts.GetValueOrDefault(type);
        counts[type] = (c.Tp + tp, c.Fp + fp, c.Fn + fn);
    }
}

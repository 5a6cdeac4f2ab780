using System.Text;
using System.Text.RegularExpressions;

namespace Intelligence.Ingestion.Reading.Evaluation;

/// <summary>A reader's score on a set, by the set's own definition (see <see cref="SetKind"/>).</summary>
public sealed record SetScore(double Precision, double Recall, double F1);

/// <summary>The scorers of ../shared/reading (score_snippets.py, score_readability.py) and of the dev set, in C#.</summary>
public static partial class SetScorer
{
    public static SetScore Score(SetKind kind, IReadOnlyList<SetPage> pages, IReadOnlyList<string> texts) => kind switch
    {
        SetKind.Snippets => Snippets(pages, texts),
        SetKind.Readability => Readability(pages, texts),
        _ => DevSet(pages, texts),
    };

    /// <summary>A "with" snippet found is a true positive, a "without" snippet found a false positive; over all snippets.</summary>
    public static SetScore Snippets(IReadOnlyList<SetPage> pages, IReadOnlyList<string> texts)
    {
        int tp = 0, fn = 0, fp = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var text = Normalize(texts[i]);
            foreach (var snippet in pages[i].With)
                if (text.Contains(Normalize(snippet), StringComparison.Ordinal)) tp++;
                else fn++;
            foreach (var snippet in pages[i].Without)
                if (text.Contains(Normalize(snippet), StringComparison.Ordinal)) fp++;
        }
        return FromCounts(tp + fp == 0 ? 0 : tp / (double)(tp + fp), tp + fn == 0 ? 0 : tp / (double)(tp + fn));
    }

    /// <summary>4-token shingle precision and recall per page, averaged over pages; F1 of the averages.</summary>
    public static SetScore Readability(IReadOnlyList<SetPage> pages, IReadOnlyList<string> texts)
    {
        double precision = 0, recall = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var (p, r) = PageShingles(texts[i], pages[i].Reference ?? "");
            precision += p;
            recall += r;
        }
        return FromCounts(precision / pages.Count, recall / pages.Count);
    }

    /// <summary>The readability scorer's precision and recall on one page.</summary>
    public static (double Precision, double Recall) PageShingles(string predicted, string reference)
    {
        var g = PythonShingles(reference);
        var p = PythonShingles(predicted);
        int tp = 0, fp = 0, fn = 0;
        foreach (var (shingle, count) in p)
        {
            var gold = g.GetValueOrDefault(shingle);
            tp += Math.Min(count, gold);
            fp += Math.Max(0, count - gold);
        }
        foreach (var (shingle, count) in g) fn += Math.Max(0, count - p.GetValueOrDefault(shingle));
        if (fp == 0 && fn == 0) return (1, 1);
        return (tp + fp == 0 ? 0 : tp / (double)(tp + fp), tp + fn == 0 ? 0 : tp / (double)(tp + fn));
    }

    /// <summary>Words as the readability scorer counts them (runs of \w).</summary>
    public static int WordCount(string text) => Word().Count(text);

    private static SetScore DevSet(IReadOnlyList<SetPage> pages, IReadOnlyList<string> texts)
    {
        var scores = pages.Select((page, i) => ShingleF1.Compare(texts[i], page.Reference ?? "")).ToList();
        return new SetScore(scores.Average(s => s.Precision), scores.Average(s => s.Recall), scores.Average(s => s.F1));
    }

    private static SetScore FromCounts(double precision, double recall) =>
        new(precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Shingles of lower-cased \w+ tokens; a text shorter than a shingle counts as one shingle of all its tokens.</summary>
    private static Dictionary<string, int> PythonShingles(string text)
    {
        var tokens = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Max(1, tokens.Count - 3); i++)
        {
            if (i >= tokens.Count) break;
            var key = new StringBuilder();
            for (var j = i; j < Math.Min(i + 4, tokens.Count); j++) key.Append(tokens[j]).Append(' ');
            var shingle = key.ToString();
            shingles[shingle] = shingles.GetValueOrDefault(shingle) + 1;
        }
        return shingles;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}

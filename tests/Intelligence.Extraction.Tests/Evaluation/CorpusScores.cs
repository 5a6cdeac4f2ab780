using Intelligence.Extraction.Evaluation;

namespace Intelligence.Extraction.Tests.Evaluation;

/// <summary>Scores the default summarizer on a gold file and a folder of &lt;id&gt;.txt passages copied next to the tests.</summary>
internal static class CorpusScores
{
    private static readonly Summarizer Summarizer = Summarizer.CreateDefault();

    public static EvaluationReport Score(string folder, string passages, bool strict = false)
    {
        var root = Path.Combine(AppContext.BaseDirectory, folder);
        var gold = GoldSet.Load(Path.Combine(root, "gold.jsonl"));
        return Evaluator.Evaluate(gold, article =>
        {
            var path = Path.Combine(root, passages, article.Id + ".txt");
            return File.Exists(path) ? Summarizer.Analyze(File.ReadAllText(path), article.Language).Facts : null;
        }, strict);
    }
}

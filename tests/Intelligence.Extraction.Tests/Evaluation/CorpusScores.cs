using Intelligence.Extraction.Evaluation;

namespace Intelligence.Extraction.Tests.Evaluation;

/// <summary>Scores the default summarizer on a gold file and a folder of &lt;id&gt;.txt passages.</summary>
internal static class CorpusScores
{
    private static readonly Summarizer Summarizer = Summarizer.CreateDefault();

    public static EvaluationReport Score(string folder, string passages, bool strict = false)
    {
        var root = Path.Combine(AppContext.BaseDirectory, folder);
        return ScoreFiles(Path.Combine(root, "gold.jsonl"), Path.Combine(root, passages), strict);
    }

    public static EvaluationReport ScoreFiles(string goldFile, string passagesFolder, bool strict = false)
    {
        var gold = GoldSet.Load(goldFile);
        return Evaluator.Evaluate(gold, article =>
        {
            var path = Path.Combine(passagesFolder, article.Id + ".txt");
            return File.Exists(path) ? Summarizer.Analyze(File.ReadAllText(path), article.Language).Facts : null;
        }, strict);
    }
}

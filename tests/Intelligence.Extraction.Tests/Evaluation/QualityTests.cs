using Xunit.Abstractions;

namespace Intelligence.Extraction.Tests.Evaluation;

public class QualityTests(ITestOutputHelper output)
{
    [SeedsFact]
    public void Seeds_reach_the_acceptance_F1()
    {
        var report = CorpusScores.ScoreFiles(SharedSeeds.Gold, SharedSeeds.Folder);
        foreach (var t in report.ByType.Append(report.Overall))
            output.WriteLine($"{t.Type,-12} P={t.Precision:F3} R={t.Recall:F3} F1={t.F1:F3}");
        Assert.Equal(2, report.Articles);
        Assert.True(report.Overall.F1 >= 0.90, $"seed F1 {report.Overall.F1:F3}");
    }

    /// <summary>A floor against regressions on the development set, well under the figure reported in docs/eval.md.</summary>
    [Fact]
    public void Dev_set_does_not_regress()
    {
        var report = CorpusScores.Score("DevSet", "passages");
        foreach (var t in report.ByType.Append(report.Overall))
            output.WriteLine($"{t.Type,-12} P={t.Precision:F3} R={t.Recall:F3} F1={t.F1:F3}");
        Assert.True(report.Articles >= 60);
        Assert.True(report.Overall.F1 >= 0.88, $"dev F1 {report.Overall.F1:F3}");
    }

    /// <summary>A floor against regressions on the press set (passages written by an author who did not see the
    /// extractor), well under the figure reported in docs/eval.md.</summary>
    [Fact]
    public void Press_set_does_not_regress()
    {
        var report = CorpusScores.Score("PressSet", "passages");
        foreach (var t in report.ByType.Append(report.Overall))
            output.WriteLine($"{t.Type,-12} P={t.Precision:F3} R={t.Recall:F3} F1={t.F1:F3}");
        Assert.Equal(70, report.Articles);
        Assert.True(report.Overall.F1 >= 0.65, $"press-set F1 {report.Overall.F1:F3}");
    }
}

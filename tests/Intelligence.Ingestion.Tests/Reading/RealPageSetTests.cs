using Intelligence.Ingestion.Reading;
using Intelligence.Ingestion.Reading.Evaluation;

namespace Intelligence.Ingestion.Tests.Reading;

/// <summary>
/// Floors on the public sets of real pages in ../shared/reading (not part of the repository): the figures themselves
/// are printed by `intel bench read --set`. Skipped, with the reason, where the sets are absent.
/// </summary>
public class RealPageSetTests
{
    internal static string? SetFolder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "reading", name);
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    [RealPageSetFact("trafilatura-eval")]
    public void Trafilatura_eval_snippet_f1_stays_above_the_floor()
    {
        var folder = SetFolder("trafilatura-eval");
        var (kind, pages) = ReadingSets.Load(folder!);

        var texts = pages.AsParallel().AsOrdered().Select(page => ReadOrEmpty(page.Html)).ToList();
        var score = SetScorer.Score(kind, pages, texts);

        Assert.True(score.F1 >= 0.936 && score.Precision >= 0.926, $"snippet F1 {score.F1:F3} (P {score.Precision:F3}, R {score.Recall:F3}) under the floor 0.936 / P 0.926");
        Assert.True(texts.Count(t => t.Length == 0) <= 1, $"{texts.Count(t => t.Length == 0)} pages gave no text");
    }

    [RealPageSetFact("readability-pages")]
    public void Readability_pages_are_not_truncated_where_the_baseline_finds_the_body()
    {
        var folder = SetFolder("readability-pages");
        var (kind, pages) = ReadingSets.Load(folder!);

        var texts = pages.AsParallel().AsOrdered().Select(page => ReadOrEmpty(page.Html)).ToList();
        var truncated = pages.Where((page, i) => SetScorer.WordCount(texts[i]) * 2 < SetScorer.WordCount(page.Reference!)).Select(p => p.Id).ToList();

        Assert.True(SetScorer.Score(kind, pages, texts).F1 >= 0.955, $"shingle F1 {SetScorer.Score(kind, pages, texts).F1:F3} under 0.955");
        Assert.True(truncated.Count == 0, $"{truncated.Count} pages under half the words of expected.html: {string.Join(", ", truncated)}");
    }

    private static string ReadOrEmpty(string html)
    {
        try { return ArticleReader.Read(html).Text; }
        catch (ArticleReadException) { return ""; }
    }
}

/// <summary>A fact that is skipped, with the reason, when ../shared/reading/&lt;set&gt; is absent.</summary>
public sealed class RealPageSetFactAttribute : FactAttribute
{
    public RealPageSetFactAttribute(string set)
    {
        if (RealPageSetTests.SetFolder(set) is null)
            Skip = $"../shared/reading/{set} is absent: the public evaluation set is not part of the repository.";
    }
}

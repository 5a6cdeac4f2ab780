using Intelligence.Domain.Facts;
using Intelligence.Extraction.Text;

namespace Intelligence.Extraction.Summaries;

/// <summary>Up to three sentences of the article, in its language and order: the ones that carry the most facts,
/// favouring the lead; headings, table rows and very long or very short lines are skipped.</summary>
public static class ExtractiveSummary
{
    public static List<string> Select(IReadOnlyList<Sentence> sentences, IReadOnlyList<Fact> rawFacts, string originalText, int count = 3)
    {
        var factsBySentence = new Dictionary<int, double>();
        foreach (var f in rawFacts)
            if (f.Evidence is { } e) factsBySentence[e.Sentence] = factsBySentence.GetValueOrDefault(e.Sentence) + f.Confidence;

        var candidates = new List<(Sentence Sentence, double Score)>();
        foreach (var s in sentences)
        {
            if (s.IsTableRow || s.Length < 40 || s.Length > 500) continue;
            var last = s.Text[^1];
            if (last is not ('.' or '!' or '?' or '»' or '"' or ')')) continue;
            var score = factsBySentence.GetValueOrDefault(s.Index) * 2.0 + 1.5 / (1 + s.Index) + (s.Paragraph == 0 ? 0.5 : 0);
            candidates.Add((s, score));
        }
        return candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Sentence.Index).Take(count)
            .OrderBy(c => c.Sentence.Index)
            .Select(c => originalText[c.Sentence.Start..c.Sentence.End].Trim())
            .ToList();
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Evaluation;

namespace Intelligence.Extraction.Tests.Specs;

/// <summary>
/// The experts' spec files (<c>Specs/*.jsonl</c>): one real-looking sentence per line with the facts it must give. For
/// each type listed in <c>types</c>, the summarizer's facts of that type must be exactly the expected ones (matched by
/// the evaluation rules), so a spec with no facts says the sentence gives none of those types.
/// </summary>
public class SpecTests
{
    private static readonly Summarizer Summarizer = Summarizer.CreateDefault();

    public sealed record Spec(string File, string Name, string Text, IReadOnlyList<string> Types, IReadOnlyList<Fact> Facts)
    {
        public override string ToString() => $"{File}: {Name}";
    }

    public static TheoryData<Spec> All()
    {
        var data = new TheoryData<Spec>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Specs"), "*.jsonl").Order())
            foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                var node = JsonNode.Parse(line)!.AsObject();
                var facts = node["facts"]!.AsArray().Select(f => f.Deserialize<Fact>(FactJson.Options)!).ToList();
                data.Add(new Spec(Path.GetFileName(path), node["name"]!.GetValue<string>(), node["text"]!.GetValue<string>(),
                    node["types"]!.AsArray().Select(t => t!.GetValue<string>()).ToList(), facts));
            }
        return data;
    }

    [Fact]
    public void There_are_specs_to_check() => Assert.True(All().Count >= 20);

    [Theory]
    [MemberData(nameof(All))]
    public void Sentence_gives_the_expected_facts(Spec spec)
    {
        var facts = Summarizer.Analyze(spec.Text).Facts.Where(f => spec.Types.Contains(f.Type)).ToList();
        var (missed, spurious, _) = Evaluator.Compare(spec.Facts.Select(f => new GoldFact(f, false)).ToList(), facts, strict: false);
        Assert.True(missed.Count == 0 && spurious.Count == 0,
            $"{spec.Text}\nmissed:   {string.Join("; ", missed.Select(FactJson.Serialize))}\nspurious: {string.Join("; ", spurious.Select(f => FactJson.Serialize(f with { Evidence = null })))}");
    }
}

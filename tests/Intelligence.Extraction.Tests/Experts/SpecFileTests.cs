using System.Text.Json;
using System.Text.Json.Nodes;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Evaluation;

namespace Intelligence.Extraction.Tests.Experts;

/// <summary>
/// Each expert's spec file (<c>Experts/Specs/&lt;expert&gt;.json</c>; a case may narrow the file's <c>types</c>): real-looking sentences in French and English, each
/// given with the facts a perfect extractor draws from it. Every expected fact must come out (period, kind, change and
/// until too when the spec gives them), and nothing else of the expert's types: a case with no expected fact is a
/// distractor (a valuation, an analysts' figure, a hedged plan…).
/// </summary>
public class SpecFileTests
{
    private static readonly Summarizer Summarizer = Summarizer.CreateDefault();

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(SpecDirectory, "*.json").Order())
        {
            var count = JsonNode.Parse(File.ReadAllText(file))!["cases"]!.AsArray().Count;
            for (var i = 0; i < count; i++) data.Add(Path.GetFileNameWithoutExtension(file), i);
        }
        return data;
    }

    [Fact]
    public void There_are_specs_to_check() => Assert.True(Cases().Count >= 20);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_sentence_gives_exactly_the_expected_facts(string expert, int index)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(SpecDirectory, expert + ".json")))!;
        var @case = spec["cases"]![index]!;
        // A case may narrow the file's types: only those are checked for it.
        var types = (@case["types"] ?? spec["types"])!.AsArray().Select(t => (string)t!).ToHashSet();
        var given = (string)@case["given"]!;
        var expected = @case["expect"]!.AsArray().Select(f => f.Deserialize<Fact>(FactJson.Options)!).ToList();

        var facts = Summarizer.Analyze(given, (string?)@case["language"]).Facts.Where(f => types.Contains(f.Type)).ToList();

        var shown = string.Join("\n", facts.Select(f => JsonSerializer.Serialize(f with { Evidence = null }, FactJson.Options)));
        foreach (var e in expected)
            Assert.True(facts.Any(f => FactMatcher.Matches(e, f, strict: true)),
                $"{given}\nexpected {JsonSerializer.Serialize(e, FactJson.Options)}\ngot:\n{shown}");
        Assert.True(facts.Count == expected.Count, $"{given}\nexpected {expected.Count} fact(s), got:\n{shown}");
    }

    [Fact]
    public void Every_expert_of_issue_scope_has_a_spec_file_in_both_languages()
    {
        foreach (var expert in new[] { "financials", "capex", "dispute", "partnership", "launch", "personnel" })
        {
            var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(SpecDirectory, expert + ".json")))!;
            var languages = spec["cases"]!.AsArray().Select(c => (string?)c!["language"]).ToHashSet();
            Assert.Contains("fr", languages);
            Assert.Contains("en", languages);
        }
    }

    private static string SpecDirectory => Path.Combine(AppContext.BaseDirectory, "Experts", "Specs");
}

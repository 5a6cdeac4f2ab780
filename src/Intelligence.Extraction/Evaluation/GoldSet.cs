using System.Text.Json;
using System.Text.Json.Nodes;
using Intelligence.Domain.Facts;

namespace Intelligence.Extraction.Evaluation;

/// <summary>A gold fact: the fact plus whether it is optional (neither a miss when absent nor a false positive when found).</summary>
public sealed record GoldFact(Fact Fact, bool Optional);

public sealed record GoldArticle(string Id, string? Language, IReadOnlyList<GoldFact> Facts);

/// <summary>Reads gold JSON Lines: {"id": "...", "language": "fr", "facts": [{...fact..., "optional": true}]}.</summary>
public static class GoldSet
{
    public static List<GoldArticle> Load(string path) => Parse(File.ReadLines(path), path);

    public static List<GoldArticle> Parse(IEnumerable<string> lines, string source = "gold")
    {
        var articles = new List<GoldArticle>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                var node = JsonNode.Parse(line)!.AsObject();
                var id = node["id"]?.GetValue<string>() ?? throw new InvalidDataException("missing id");
                var facts = new List<GoldFact>();
                foreach (var f in node["facts"]?.AsArray() ?? [])
                {
                    if (f is not JsonObject o) continue;
                    var optional = o["optional"]?.GetValue<bool>() ?? false;
                    o.Remove("optional");
                    var fact = o.Deserialize<Fact>(FactJson.Options) ?? throw new InvalidDataException("empty fact");
                    facts.Add(new GoldFact(fact, optional));
                }
                articles.Add(new GoldArticle(id, node["language"]?.GetValue<string>(), facts));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{source}:{number}: {e.Message}", e);
            }
        }
        return articles;
    }
}

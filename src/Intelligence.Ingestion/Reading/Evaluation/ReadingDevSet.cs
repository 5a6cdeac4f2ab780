namespace Intelligence.Ingestion.Reading.Evaluation;

/// <summary>A page and the true text of its article body (see tests/Intelligence.Ingestion.Tests/ReadDevSet/README.md).</summary>
public sealed record GoldPage(string Id, string Html, string GoldBody);

/// <summary>Loads a reading dev set: <c>pages/&lt;id&gt;.html</c> with <c>gold/&lt;id&gt;.txt</c> (one paragraph per line).</summary>
public static class ReadingDevSet
{
    public static IReadOnlyList<GoldPage> Load(string directory)
    {
        var pages = Path.Combine(directory, "pages");
        var gold = Path.Combine(directory, "gold");
        if (!Directory.Exists(pages) || !Directory.Exists(gold))
            throw new DirectoryNotFoundException($"{directory} is not a reading dev set: it needs pages/ and gold/ folders.");
        var set = new List<GoldPage>();
        foreach (var html in Directory.EnumerateFiles(pages, "*.html").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(html);
            var body = Path.Combine(gold, id + ".txt");
            if (!File.Exists(body)) throw new FileNotFoundException($"No gold body for page {id}: expected {body}.", body);
            set.Add(new GoldPage(id, File.ReadAllText(html), File.ReadAllText(body)));
        }
        if (set.Count == 0) throw new InvalidOperationException($"No pages in {pages}.");
        return set;
    }
}

using System.IO.Compression;
using System.Text.Json;
using Intelligence.Ingestion.Fetching;

namespace Intelligence.Ingestion.Reading.Evaluation;

/// <summary>One page of an evaluation set: its HTML as a crawler decodes it, and what the set's scorer needs.</summary>
public sealed record SetPage(string Id, string Html)
{
    /// <summary>trafilatura-eval: snippets that must be in the main text.</summary>
    public IReadOnlyList<string> With { get; init; } = [];

    /// <summary>trafilatura-eval: snippets that must not be (menus, footers, related links, comments).</summary>
    public IReadOnlyList<string> Without { get; init; } = [];

    /// <summary>readability-pages and the dev set: the reference text of the article body.</summary>
    public string? Reference { get; init; }

    /// <summary>readability-pages: the reference metadata (expected-metadata.json).</summary>
    public ReferenceMetadata? Metadata { get; init; }
}

public sealed record ReferenceMetadata(string? Title, string? Byline, string? Language, string? Published);

/// <summary>The kinds of evaluation set `intel bench read` and the tests know, each scored by its own definition.</summary>
public enum SetKind
{
    /// <summary>The project's dev set: pages/&lt;id&gt;.html and gold/&lt;id&gt;.txt; mean per-page shingle F1.</summary>
    DevSet,

    /// <summary>trafilatura's evaluation set: pages/&lt;file&gt;.gz and evaldata.json; snippet F1 over all snippets.</summary>
    Snippets,

    /// <summary>Mozilla Readability's test pages: &lt;name&gt;/source.html(.gz) and expected.html; F1 of per-page mean P and R.</summary>
    Readability,
}

/// <summary>Loads an evaluation set of real pages (see ../shared/reading/README.md), telling its kind from its layout.</summary>
public static class ReadingSets
{
    public static (SetKind Kind, IReadOnlyList<SetPage> Pages) Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"No such folder: {Path.GetFullPath(directory)}");
        if (File.Exists(Path.Combine(directory, "evaldata.json"))) return (SetKind.Snippets, LoadSnippets(directory));
        if (Directory.Exists(Path.Combine(directory, "gold")))
            return (SetKind.DevSet, ReadingDevSet.Load(directory).Select(p => new SetPage(p.Id, p.Html) { Reference = p.GoldBody }).ToList());
        var readability = LoadReadability(directory);
        if (readability.Count > 0) return (SetKind.Readability, readability);
        throw new InvalidOperationException(
            $"{directory} is not a known reading set: expected evaldata.json with pages/ (trafilatura-eval), " +
            "<name>/source.html.gz with expected.html (readability-pages), or pages/ with gold/ (dev set).");
    }

    /// <summary>A page's bytes decoded as a crawler would without an HTTP charset; .gz files are decompressed first.</summary>
    public static string ReadPage(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
        }
        return Charset.Decode(bytes, headerCharset: null).Text;
    }

    private static List<SetPage> LoadSnippets(string directory)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "evaldata.json")));
        var pages = new List<SetPage>();
        foreach (var entry in json.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var file = Path.Combine(directory, "pages", entry.Name + ".gz");
            if (!File.Exists(file)) file = Path.Combine(directory, "pages", entry.Name);
            pages.Add(new SetPage(entry.Name, ReadPage(file))
            {
                With = Strings(entry.Value, "with"),
                Without = Strings(entry.Value, "without"),
            });
        }
        return pages;
    }

    private static List<string> Strings(JsonElement page, string name) =>
        page.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(s => s.GetString() ?? "").ToList()
            : [];

    private static List<SetPage> LoadReadability(string directory)
    {
        var pages = new List<SetPage>();
        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var expected = Path.Combine(folder, "expected.html");
            var source = new[] { "source.html.gz", "source.html" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);
            if (!File.Exists(expected) || source is null) continue;
            var reference = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(expected)).DocumentElement.TextContent;
            pages.Add(new SetPage(Path.GetFileName(folder), ReadPage(source))
            {
                Reference = reference,
                Metadata = LoadMetadata(Path.Combine(folder, "expected-metadata.json")),
            });
        }
        return pages;
    }

    private static ReferenceMetadata? LoadMetadata(string file)
    {
        if (!File.Exists(file)) return null;
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        string? Get(string name) =>
            json.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new ReferenceMetadata(Get("title"), Get("byline"), Get("lang"), Get("publishedTime"));
    }
}

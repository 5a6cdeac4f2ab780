using Intelligence.Cli.Hosting;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Reading;

namespace Intelligence.Cli.Extraction;

/// <summary>Article files the extraction commands read: .txt as is, .html through the ingestion ArticleReader.</summary>
internal static class ArticleFiles
{
    public static readonly string[] Extensions = [".txt", ".html", ".htm"];

    public static IReadOnlyList<string> InDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new CliException($"No such directory: {directory}");
        return Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The article text and the language the page declares (null when unknown).</summary>
    public static (string Text, string? Language) Read(string path)
    {
        if (!Path.GetExtension(path).StartsWith(".htm", StringComparison.OrdinalIgnoreCase)) return (File.ReadAllText(path), null);
        // A saved page is decoded as the crawler decodes one with no HTTP charset: BOM, meta charset, UTF-8 if valid, else windows-1252.
        var (content, _) = Charset.Decode(File.ReadAllBytes(path), headerCharset: null);
        var article = ArticleReader.Read(content);
        var text = string.IsNullOrWhiteSpace(article.Title) ? article.Text : article.Title + "\n\n" + article.Text;
        return (text, article.Language is "fr" or "en" ? article.Language : null);
    }

    /// <summary>The gold id of a file: its name without extension.</summary>
    public static string IdOf(string path) => Path.GetFileNameWithoutExtension(path);
}

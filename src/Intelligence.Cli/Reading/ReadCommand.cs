using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Intelligence.Cli.Hosting;
using Intelligence.Ingestion.Reading;

namespace Intelligence.Cli.Reading;

/// <summary>
/// `intel read &lt;file-or-directory&gt;`: what the reader takes from pages on disk (title, byline, dates, language,
/// main text), without a database. A directory is read recursively and gives one JSON line per page.
/// </summary>
public static class ReadCommand
{
    private static readonly string[] PageSuffixes = [".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static void AddTo(RootCommand root)
    {
        var path = new Argument<string>("path") { Description = "An HTML file (.html, .htm, or gzip-compressed .html.gz) or a folder of them." };
        var format = new Option<string>("--format") { Description = "text | json (JSON Lines for a folder).", DefaultValueFactory = _ => "text" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds allowed per page before it is given up.", DefaultValueFactory = _ => 10 };
        var command = new Command("read", "Read HTML pages as the ingest path does and print their metadata and main text.");
        command.Arguments.Add(path);
        command.Options.Add(format);
        command.Options.Add(timeout);
        command.SetAction((parse, ct) => CliErrors.Guard(() =>
        {
            var asJson = parse.GetValue(format) switch
            {
                "json" => true,
                "text" => false,
                var other => throw new CliException($"Unknown format '{other}': use text or json."),
            };
            var target = parse.GetValue(path)!;
            var limit = TimeSpan.FromSeconds(Math.Max(0.01, parse.GetValue(timeout)));
            if (File.Exists(target))
            {
                var page = ReadPage(target, Path.GetFileName(target), limit, ct);
                if (page.Error is not null) throw new CliException(page.Error, exitCode: 2);
                Console.WriteLine(asJson ? JsonSerializer.Serialize(page, Json) : AsText(page));
                return Task.FromResult(0);
            }
            if (!Directory.Exists(target)) throw new CliException($"No such file or folder: {Path.GetFullPath(target)}");
            return Task.FromResult(ReadFolder(target, asJson, limit, ct));
        }));
        root.Subcommands.Add(command);
    }

    /// <summary>One page as printed; <see cref="Error"/> is set (and the rest empty) when it could not be read.</summary>
    public sealed record PageOutput(
        string File, string? Url, string? Title, string? Byline, DateTimeOffset? Published, string? Language,
        bool Partial, string? Text)
    {
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Error { get; init; }
    }

    private static int ReadFolder(string folder, bool asJson, TimeSpan limit, CancellationToken ct)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(IsPage)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0) throw new CliException($"No .html, .htm or .html.gz files under {Path.GetFullPath(folder)}.");
        var failed = 0;
        // Pages are read in parallel and printed in file order as they complete.
        var pages = files.AsParallel().AsOrdered().WithCancellation(ct)
            .Select(file => ReadPage(file, Path.GetRelativePath(folder, file).Replace('\\', '/'), limit, ct));
        foreach (var page in pages)
        {
            if (page.Error is not null)
            {
                failed++;
                Console.Error.WriteLine($"error: {page.File}: {page.Error}");
                if (!asJson) continue;
            }
            Console.WriteLine(asJson ? JsonSerializer.Serialize(page, Json) : AsText(page) + "\n");
        }
        if (failed > 0) Console.Error.WriteLine($"{failed} of {files.Length} pages could not be read.");
        return failed > 0 ? 2 : 0;
    }

    private static bool IsPage(string file) =>
        PageSuffixes.Any(suffix => file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    private static PageOutput ReadPage(string file, string name, TimeSpan limit, CancellationToken ct)
    {
        try
        {
            var html = Intelligence.Ingestion.Reading.Evaluation.ReadingSets.ReadPage(file);
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(limit);
            var article = ArticleReader.Read(html, pageUrl: null, new ReadOptions { Cancellation = budget.Token });
            return new PageOutput(name, article.CanonicalUrl, article.Title, article.Byline, article.PublishedAt,
                article.Language, article.Partial, article.Text);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(name, $"gave up after {limit.TotalSeconds:0.##} s (--timeout).");
        }
        catch (Exception e) when (e is ArticleReadException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Failed(name, e.Message);
        }
    }

    private static PageOutput Failed(string name, string error) =>
        new(name, null, null, null, null, null, false, null) { Error = error };

    private static string AsText(PageOutput page)
    {
        var lines = new List<string> { $"# {page.Title}", $"file: {page.File}" };
        if (page.Url is not null) lines.Add($"url: {page.Url}");
        if (page.Byline is not null) lines.Add($"byline: {page.Byline}");
        if (page.Published is { } published) lines.Add($"published: {published:yyyy-MM-dd'T'HH:mm:ssK}");
        lines.Add($"language: {page.Language}");
        if (page.Partial) lines.Add("partial: true (only the public part of the article is on the page)");
        lines.Add("");
        lines.Add(page.Text ?? "");
        return string.Join('\n', lines);
    }
}

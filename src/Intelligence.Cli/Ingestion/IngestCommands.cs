using System.CommandLine;
using Intelligence.Cli.Hosting;
using Intelligence.Extraction;
using Intelligence.Ingestion.Fetching;
using Intelligence.Server.Articles.Analyzing;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Cli.Ingestion;

/// <summary>`intel ingest file|url|dir`: read pages and append ArticleIngested. Idempotent.</summary>
public static class IngestCommands
{
    public static void AddTo(RootCommand root)
    {
        var ingest = new Command("ingest", "Read news pages into the event store and analyse them.");

        var path = new Argument<FileInfo>("path") { Description = "An HTML file." };
        var file = new Command("file", "Ingest one local HTML file.");
        file.Arguments.Add(path);
        file.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, _) =>
        {
            var page = parse.GetValue(path)!;
            Print(Readable(await IngestFile(page, services, ct), page.FullName));
            return 0;
        }, ct)));

        var folderArg = new Argument<DirectoryInfo>("folder") { Description = "A folder of .html files." };
        var dir = new Command("dir", "Ingest every .html file of a folder.");
        dir.Arguments.Add(folderArg);
        dir.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, _) =>
        {
            await IngestFolder(parse.GetValue(folderArg)!, services, ct);
            return 0;
        }, ct)));

        var urlArg = new Argument<string>("url") { Description = "An http(s) URL." };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Allow this URL's host even if it is a loopback/private address (refused by default)." };
        var url = new Command("url", "Fetch one page and ingest it.");
        url.Arguments.Add(urlArg);
        url.Options.Add(allowPrivate);
        url.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, bus) =>
        {
            var text = parse.GetValue(urlArg)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var target)) throw new CliException($"'{text}' is not an absolute URL.");
            var (finalUrl, html, charset) = await PageDownloader.Download(services.GetRequiredService<Intelligence.Ingestion.Fetching.Fetcher>(), target, parse.GetValue(allowPrivate), ct);
            var result = await bus.InvokeAsync<IngestResult>(new IngestArticle(finalUrl.AbsoluteUri, html, Charset: charset), ct);
            await Analyze(result, services, ct);
            Print(Readable(result, target.ToString()));
            return 0;
        }, ct)));

        ingest.Subcommands.Add(file);
        ingest.Subcommands.Add(dir);
        ingest.Subcommands.Add(url);
        root.Subcommands.Add(ingest);
    }

    public static async Task<IngestResult> IngestFile(FileInfo page, IServiceProvider services, CancellationToken ct, bool analyzeInline = true)
    {
        if (!page.Exists) throw new CliException($"No such file: {page.FullName}");
        // Decoded as the crawler decodes a page with no HTTP header: BOM, meta charset, then UTF-8 if valid, else windows-1252.
        var (html, encoding) = Charset.Decode(await File.ReadAllBytesAsync(page.FullName, ct), headerCharset: null);
        var bus = services.GetRequiredService<IMessageBus>();
        var result = await bus.InvokeAsync<IngestResult>(
            new IngestArticle(new Uri(page.FullName).AbsoluteUri, html, SourceId: "file", Charset: encoding.WebName), ct);
        if (analyzeInline) await Analyze(result, services, ct);
        return result;
    }

    /// <param name="analyzeInline">False inside a running node: the ingest's queued analysis does the work, and analysing
    /// inline as well would race it for the same article (the loser's retry is harmless, but logged as a failure).</param>
    /// <returns>The articles newly ingested.</returns>
    public static async Task<List<Guid>> IngestFolder(DirectoryInfo folder, IServiceProvider services, CancellationToken ct, bool analyzeInline = true)
    {
        if (!folder.Exists) throw new CliException($"No such folder: {folder.FullName}");
        var ingested = new List<Guid>();
        foreach (var page in folder.EnumerateFiles("*.html").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var result = await IngestFile(page, services, ct, analyzeInline);
            if (result.Outcome == IngestOutcome.Unreadable) await Console.Error.WriteLineAsync($"skipped {page.Name}: {result.Problem}");
            else Print(result, page.Name);
            if (result.Outcome == IngestOutcome.Ingested) ingested.Add(result.ArticleId);
        }
        return ingested;
    }

    /// <summary>
    /// Waits until the node's queued analysis has brought every one of <paramref name="articles"/> to the running extractor
    /// version (read from the inline article view), printing progress; a clear error after <paramref name="timeout"/>.
    /// </summary>
    public static async Task AwaitAnalysis(IReadOnlyCollection<Guid> articles, IServiceProvider services, TimeSpan timeout, CancellationToken ct)
    {
        if (articles.Count == 0) return;
        var version = services.GetRequiredService<Summarizer>().ExtractorVersion;
        var store = services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow + timeout;
        var reported = -1;
        while (true)
        {
            await using var session = store.QuerySession();
            var views = await session.LoadManyAsync<ArticleView>(ct, articles);
            var done = views.Count(v => v.ExtractorVersion == version);
            if (done != reported) Console.WriteLine($"analysed {done} of {articles.Count} articles with {version}");
            reported = done;
            if (done == articles.Count) return;
            if (DateTime.UtcNow > deadline)
                throw new CliException($"{articles.Count - done} of {articles.Count} ingested articles were not analysed within {timeout.TotalSeconds:0} s; see the node's log.");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>
    /// Runs the analysis of what was ingested (AnalyzeArticle, inline) and awaits its outcome, so the command ends with the
    /// facts stored; what that cascades (alert evaluation) goes through the outbox to the servers' queues. Idempotent: when a
    /// server's queue analysed the article first (`intel run --ingest`), the outcome says so and nothing is appended twice.
    /// </summary>
    private static async Task Analyze(IngestResult result, IServiceProvider services, CancellationToken ct)
    {
        if (result.Outcome == IngestOutcome.Ingested)
            await services.GetRequiredService<IMessageBus>().InvokeAsync<AnalysisOutcome>(new AnalyzeArticle(result.ArticleId), ct);
    }

    private static IngestResult Readable(IngestResult result, string what) =>
        result.Outcome == IngestOutcome.Unreadable ? throw new CliException($"{what}: {result.Problem}", exitCode: 2) : result;

    private static void Print(IngestResult result, string? label = null) =>
        Console.WriteLine($"{(label is null ? "" : label + ": ")}{result.Outcome.ToString().ToLowerInvariant()} {result.ArticleId} {result.Title}");
}

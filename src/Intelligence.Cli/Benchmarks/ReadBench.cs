using System.CommandLine;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Intelligence.Cli.Hosting;
using Intelligence.Ingestion.Reading;
using Intelligence.Ingestion.Reading.Evaluation;

namespace Intelligence.Cli.Benchmarks;

/// <summary>
/// `intel bench read --set &lt;dir&gt;`: main-text quality, by the set's own scorer definition, and speed (MB/s of HTML,
/// one thread) of our ArticleReader next to SmartReader (the C# port of Mozilla Readability), in the same run on the
/// same pages. On readability-pages it also counts the truncated pages and the metadata accuracy of both readers.
/// </summary>
public static partial class ReadBench
{
    private const string DefaultSet = "../shared/reading/trafilatura-eval";

    private sealed record Extractor(string Name, Func<SetPage, Outcome> Read);

    /// <summary>What a reader returned for one page; an unreadable page is empty text.</summary>
    private sealed record Outcome(string Text, string? Title, string? Byline, string? Language, DateTimeOffset? Published);

    private static readonly Outcome Empty = new("", null, null, null, null);

    public static void AddTo(Command bench)
    {
        var set = new Option<string>("--set") { Description = $"A reading set: trafilatura-eval, readability-pages or a dev set with pages/ and gold/ (default: {DefaultSet}).", DefaultValueFactory = _ => DefaultSet };
        var limit = new Option<int>("--limit") { Description = "Read only the first N pages (0: all)." };
        var verbose = new Option<bool>("--verbose") { Description = "Print the pages where ours scores lowest (SmartReader beside it), the truncated pages and the metadata misses (readability-pages)." };
        var dump = new Option<string?>("--dump") { Description = "Write each reader's output as JSON Lines to <dir>/<reader>.jsonl ({\"file\", \"text\"}), for the set's Python scorer." };
        var command = new Command("read", "Main-text F1 (the set's scorer) and MB/s of our ArticleReader and of SmartReader, in the same run.");
        foreach (var option in new Option[] { set, limit, verbose, dump }) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var (kind, pages) = Load(parse.GetValue(set)!);
            if (parse.GetValue(limit) is > 0 and var n) pages = pages.Take(n).ToList();
            var extractors = new[]
            {
                new Extractor("ArticleReader (ours)", Ours),
                new Extractor("SmartReader 0.11.1", Smart),
            };
            var bytes = pages.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Html));
            Console.WriteLine($"set: {parse.GetValue(set)} ({kind}) — {pages.Count} pages, {bytes / 1e6:F1} MB of HTML; score: {Definition(kind)}");
            // Tiered JIT promotes hot code only after it has run a while: warm every reader up before timing any.
            foreach (var extractor in extractors)
                foreach (var page in pages.Take(40)) SafeRead(extractor, page);
            // Both readers read each page in turn (first one, then the other), so that a change of load on the machine
            // during the run weighs on both alike.
            var outcomes = extractors.Select(_ => new Outcome[pages.Count]).ToArray();
            var elapsed = new TimeSpan[extractors.Length];
            for (var i = 0; i < pages.Count; i++)
                for (var turn = 0; turn < extractors.Length; turn++)
                {
                    var e = (turn + i) % extractors.Length;
                    var started = Stopwatch.GetTimestamp();
                    outcomes[e][i] = SafeRead(extractors[e], pages[i]);
                    elapsed[e] += Stopwatch.GetElapsedTime(started);
                }
            var speeds = new List<double>();
            Console.WriteLine($"{"reader",-22} {"F1",6} {"P",6} {"R",6} {"MB/s",8} {"pages/s",8} {"empty",6}");
            for (var e = 0; e < extractors.Length; e++)
            {
                var (extractor, results, seconds) = (extractors[e], outcomes[e], elapsed[e].TotalSeconds);
                speeds.Add(bytes / 1e6 / seconds);
                var score = SetScorer.Score(kind, pages, results.Select(r => r.Text).ToList());
                Console.WriteLine($"{extractor.Name,-22} {score.F1,6:F3} {score.Precision,6:F3} {score.Recall,6:F3} {bytes / 1e6 / seconds,8:F2} {pages.Count / seconds,8:F0} {results.Count(r => r.Text.Length == 0),6}");
                if (parse.GetValue(dump) is { } folder) Dump(folder, extractor.Name.Split(' ')[0], pages, results);
            }
            Console.WriteLine($"speed ratio ours / SmartReader: {speeds[0] / speeds[1]:F2}x (one thread, same pages, same run, readers taking turns page by page)");
            if (parse.GetValue(verbose)) LowestPages(kind, pages, outcomes[0], outcomes[1]);
            if (kind == SetKind.Readability) ReadabilityReport(pages, outcomes[0], outcomes[1], parse.GetValue(verbose));
            return Task.FromResult(0);
        }));
        bench.Subcommands.Add(command);
    }

    private static Outcome Ours(SetPage page)
    {
        var article = ArticleReader.Read(page.Html);
        return new Outcome(article.Text, article.Title, article.Byline, article.Language, article.PublishedAt);
    }

    private static Outcome Smart(SetPage page)
    {
        var article = new SmartReader.Reader($"https://example.com/{page.Id}", page.Html).GetArticle();
        return new Outcome(article.TextContent ?? "", article.Title, article.Byline, article.Language,
            article.PublicationDate is { } date ? new DateTimeOffset(date.ToUniversalTime(), TimeSpan.Zero) : null);
    }

    private static string Definition(SetKind kind) => kind switch
    {
        SetKind.Snippets => "snippet F1 over all snippets (score_snippets.py)",
        SetKind.Readability => "4-token shingle F1 of per-page mean P and R (score_readability.py)",
        _ => "mean per-page 4-token shingle F1 against gold/",
    };

    /// <summary>How many of the pages where ours does worst --verbose lists.</summary>
    private const int Lowest = 20;

    /// <summary>
    /// The pages where ours does worst, SmartReader beside it: by shingle F1 (readability-pages, dev set), or by the
    /// expected snippets missed plus the unwanted ones found (trafilatura-eval).
    /// </summary>
    private static void LowestPages(SetKind kind, IReadOnlyList<SetPage> pages, Outcome[] ours, Outcome[] smart)
    {
        Console.WriteLine($"pages where ours does worst ({(kind == SetKind.Snippets ? "expected snippets missed + unwanted found" : "shingle F1")}), ours / SmartReader:");
        if (kind == SetKind.Snippets)
        {
            static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();
            static (int Missed, int Unwanted) Errors(SetPage page, string text)
            {
                var normalized = Normalize(text);
                return (page.With.Count(w => !normalized.Contains(Normalize(w), StringComparison.Ordinal)),
                        page.Without.Count(w => normalized.Contains(Normalize(w), StringComparison.Ordinal)));
            }
            var rows = pages.Select((page, i) => (page.Id, Ours: Errors(page, ours[i].Text), Smart: Errors(page, smart[i].Text)))
                .Where(r => r.Ours.Missed + r.Ours.Unwanted > 0)
                .OrderByDescending(r => r.Ours.Missed + r.Ours.Unwanted).ThenBy(r => r.Id, StringComparer.Ordinal).Take(Lowest);
            foreach (var (id, o, sr) in rows)
                Console.WriteLine($"    {id}: missed {o.Missed}, unwanted {o.Unwanted} / missed {sr.Missed}, unwanted {sr.Unwanted}");
            return;
        }
        double F1(SetPage page, string text)
        {
            var (p, r) = SetScorer.PageShingles(text, page.Reference ?? "");
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        var scored = pages.Select((page, i) => (page.Id, Ours: F1(page, ours[i].Text), Smart: F1(page, smart[i].Text)))
            .OrderBy(r => r.Ours).ThenBy(r => r.Id, StringComparer.Ordinal).Take(Lowest);
        foreach (var (id, o, sr) in scored) Console.WriteLine($"    {id}: {o:F3} / {sr:F3}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();

    /// <summary>Truncated pages (ours under half the words of expected.html while SmartReader has at least half) and metadata accuracy.</summary>
    private static void ReadabilityReport(IReadOnlyList<SetPage> pages, Outcome[] ours, Outcome[] smart, bool verbose)
    {
        var truncated = new List<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            var expected = SetScorer.WordCount(pages[i].Reference ?? "");
            if (SetScorer.WordCount(ours[i].Text) * 2 < expected && SetScorer.WordCount(smart[i].Text) * 2 >= expected)
                truncated.Add($"{pages[i].Id} ({SetScorer.WordCount(ours[i].Text)} of {expected} words)");
        }
        Console.WriteLine($"pages where ours has under half the words of expected.html while SmartReader has the body: {truncated.Count}");
        if (verbose) foreach (var page in truncated) Console.WriteLine($"    {page}");
        Console.WriteLine($"metadata accuracy against expected-metadata.json (pages where the field is given):");
        Console.WriteLine($"{"field",-10} {"pages",6} {"ours",7} {"SmartReader",12}");
        var fields = new (string Name, Func<ReferenceMetadata, string?> Expected, Func<string?, Outcome, bool> Matches)[]
        {
            ("title", m => m.Title, (e, o) => MetadataMatch.Title(e!, o.Title)),
            ("byline", m => m.Byline, (e, o) => MetadataMatch.Byline(e!, o.Byline)),
            ("language", m => m.Language, (e, o) => MetadataMatch.Language(e!, o.Language)),
            ("published", m => m.Published, (e, o) => MetadataMatch.Published(e!, o.Published)),
        };
        foreach (var (name, expected, matches) in fields)
        {
            var given = Enumerable.Range(0, pages.Count).Where(i => pages[i].Metadata is { } m && !string.IsNullOrWhiteSpace(expected(m))).ToList();
            if (given.Count == 0) continue;
            double Accuracy(Outcome[] outcomes) => given.Count(i => matches(expected(pages[i].Metadata!), outcomes[i])) / (double)given.Count;
            Console.WriteLine($"{name,-10} {given.Count,6} {Accuracy(ours),7:P0} {Accuracy(smart),12:P0}");
            if (verbose)
                foreach (var i in given.Where(i => !matches(expected(pages[i].Metadata!), ours[i])))
                    Console.WriteLine($"    {pages[i].Id}: expected \"{expected(pages[i].Metadata!)}\", ours \"{Field(name, ours[i])}\"");
        }
    }

    private static string? Field(string name, Outcome o) => name switch
    {
        "title" => o.Title,
        "byline" => o.Byline,
        "language" => o.Language,
        _ => o.Published?.ToString("O"),
    };

    private static (SetKind, IReadOnlyList<SetPage>) Load(string directory)
    {
        try { return ReadingSets.Load(directory); }
        catch (Exception e) when (e is IOException or InvalidOperationException or JsonException) { throw new CliException(e.Message); }
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Dump(string folder, string reader, IReadOnlyList<SetPage> pages, Outcome[] outcomes)
    {
        Directory.CreateDirectory(folder);
        using var writer = new StreamWriter(Path.Combine(folder, reader + ".jsonl"));
        for (var i = 0; i < pages.Count; i++)
            writer.WriteLine(JsonSerializer.Serialize(new { file = pages[i].Id, text = outcomes[i].Text, title = outcomes[i].Title }, Json));
    }

    /// <summary>A page a reader cannot read scores as empty text instead of ending the run.</summary>
    private static Outcome SafeRead(Extractor extractor, SetPage page)
    {
        try { return extractor.Read(page); }
        catch (Exception e) when (e is ArticleReadException or InvalidOperationException or NullReferenceException or ArgumentException) { return Empty; }
    }
}

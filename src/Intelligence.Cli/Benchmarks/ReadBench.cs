using System.CommandLine;
using System.Diagnostics;
using Intelligence.Cli.Hosting;
using Intelligence.Ingestion.Reading;
using Intelligence.Ingestion.Reading.Evaluation;

namespace Intelligence.Cli.Benchmarks;

/// <summary>
/// `intel bench read`: main-text quality (4-token shingle F1 against gold bodies) and speed (MB/s of HTML, one thread)
/// of our ArticleReader next to SmartReader (the C# port of Mozilla Readability), in the same run on the same pages.
/// </summary>
public static class ReadBench
{
    private const string DefaultSet = "tests/Intelligence.Ingestion.Tests/ReadDevSet";

    private sealed record Extractor(string Name, Func<GoldPage, string> Read);

    public static void AddTo(Command bench)
    {
        var set = new Option<string>("--set") { Description = $"Dev set folder with pages/ and gold/ (default: {DefaultSet}).", DefaultValueFactory = _ => DefaultSet };
        var seconds = new Option<double>("--seconds") { Description = "Minimum measuring time per reader.", DefaultValueFactory = _ => 3 };
        var verbose = new Option<bool>("--verbose") { Description = "Print the F1 of every page." };
        var dump = new Option<string?>("--dump") { Description = "Write each reader's text per page to <dir>/<reader>/<id>.txt, to compare with gold/." };
        var command = new Command("read", "Main-text F1 and MB/s of our ArticleReader and of SmartReader on a dev set of pages with gold bodies.");
        foreach (var option in new Option[] { set, seconds, verbose, dump }) command.Options.Add(option);
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var pages = Load(parse.GetValue(set)!);
            var extractors = new[]
            {
                new Extractor("ArticleReader (ours)", page => ArticleReader.Read(page.Html).Text),
                new Extractor("SmartReader 0.11.1", page => new SmartReader.Reader($"https://example.com/{page.Id}", page.Html).GetArticle().TextContent ?? ""),
            };
            var bytes = pages.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Html));
            Console.WriteLine($"dev set: {parse.GetValue(set)} — {pages.Count} pages, {bytes / 1e6:F2} MB of HTML");
            Console.WriteLine($"{"reader",-22} {"F1",6} {"P",6} {"R",6} {"min F1",7} {"MB/s",8} {"pages/s",8}");
            var speeds = new List<double>();
            var minimum = TimeSpan.FromSeconds(Math.Max(0.5, parse.GetValue(seconds)));
            // Tiered JIT promotes hot code only after it has run a while: warm every reader up before timing any,
            // so the reader measured first does not pay for the warm-up that the others then enjoy.
            foreach (var extractor in extractors) PassesPerSecond(pages, extractor, minimum);
            foreach (var extractor in extractors)
            {
                var texts = pages.Select(page => SafeRead(extractor, page)).ToList();
                var scores = pages.Select((page, i) => (page.Id, Score: ShingleF1.Compare(texts[i], page.GoldBody))).ToList();
                if (parse.GetValue(dump) is { } folder) Dump(Path.Combine(folder, extractor.Name.Split(' ')[0]), pages, texts);
                var passes = PassesPerSecond(pages, extractor, minimum);
                speeds.Add(passes * bytes / 1e6);
                Console.WriteLine($"{extractor.Name,-22} {scores.Average(s => s.Score.F1),6:F3} {scores.Average(s => s.Score.Precision),6:F3} " +
                                  $"{scores.Average(s => s.Score.Recall),6:F3} {scores.Min(s => s.Score.F1),7:F3} {passes * bytes / 1e6,8:F2} {passes * pages.Count,8:F0}");
                if (parse.GetValue(verbose))
                    foreach (var (id, score) in scores.OrderBy(s => s.Score.F1))
                        Console.WriteLine($"    {id,-40} F1 {score.F1:F3}  P {score.Precision:F3}  R {score.Recall:F3}");
            }
            Console.WriteLine($"speed ratio ours / SmartReader: {speeds[0] / speeds[1]:F1}x (F1 is the mean over pages)");
            return Task.FromResult(0);
        }));
        bench.Subcommands.Add(command);
    }

    private static IReadOnlyList<GoldPage> Load(string directory)
    {
        try { return ReadingDevSet.Load(directory); }
        catch (Exception e) when (e is IOException or InvalidOperationException) { throw new CliException(e.Message); }
    }

    private static void Dump(string folder, IReadOnlyList<GoldPage> pages, List<string> texts)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < pages.Count; i++) File.WriteAllText(Path.Combine(folder, pages[i].Id + ".txt"), texts[i]);
    }

    /// <summary>A page a reader cannot read scores as empty text (F1 0) instead of ending the run.</summary>
    private static string SafeRead(Extractor extractor, GoldPage page)
    {
        try { return extractor.Read(page); }
        catch (ArticleReadException) { return ""; }
    }

    /// <summary>Whole passes over the set until <paramref name="minimum"/> has elapsed.</summary>
    private static double PassesPerSecond(IReadOnlyList<GoldPage> pages, Extractor extractor, TimeSpan minimum)
    {
        var passes = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            foreach (var page in pages) SafeRead(extractor, page);
            passes++;
        } while (watch.Elapsed < minimum);
        return passes / watch.Elapsed.TotalSeconds;
    }
}

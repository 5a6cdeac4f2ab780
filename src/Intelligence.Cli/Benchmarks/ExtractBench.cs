using System.CommandLine;
using System.Diagnostics;
using Intelligence.Cli.Extraction;
using Intelligence.Cli.Hosting;
using Intelligence.Extraction;
using Intelligence.Extraction.Text;

namespace Intelligence.Cli.Benchmarks;

/// <summary>`intel bench extract`: throughput of the CPU experts, single-threaded and on all cores, next to sentence
/// splitting alone (the baseline) measured in the same run.</summary>
internal static class ExtractBench
{
    public static void AddTo(Command bench)
    {
        var corpus = new Option<string?>("--corpus") { Description = "Directory of .txt/.html articles (default: samples/corpus, else the extraction dev set)." };
        var seconds = new Option<double>("--seconds") { Description = "Minimum measuring time per figure.", DefaultValueFactory = _ => 3 };
        var command = new Command("extract", "Benchmark the CPU experts (MB/s, sentences/s) against sentence splitting alone.");
        command.Options.Add(corpus);
        command.Options.Add(seconds);
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var dir = parse.GetValue(corpus) ?? DefaultCorpus() ?? throw new CliException("No corpus: pass --corpus <dir>.");
            var texts = ArticleFiles.InDirectory(dir).Select(f => ArticleFiles.Read(f).Text).Where(t => t.Length > 0).ToArray();
            if (texts.Length == 0) throw new CliException($"No .txt/.html articles in {dir}.");
            var minimum = TimeSpan.FromSeconds(Math.Max(0.5, parse.GetValue(seconds)));
            var summarizer = Summarizer.CreateDefault();
            var bytes = texts.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t));
            var sentences = texts.Sum(t => (long)SentenceSplitter.Count(TextNormalizer.Normalize(t)));
            // Warm-up as long as one measurement: tiered JIT only promotes the regex matchers after they run a while.
            Measure(texts, minimum, 1, t => summarizer.Analyze(t).Facts.Count);

            Console.WriteLine($"corpus: {dir} — {texts.Length} articles, {bytes / 1e6:F2} MB, {sentences} sentences; {Environment.ProcessorCount} cores");
            var split = Measure(texts, minimum, 1, t => SentenceSplitter.Count(TextNormalizer.Normalize(t)));
            var single = Measure(texts, minimum, 1, t => summarizer.Analyze(t).Facts.Count);
            var parallel = Measure(texts, minimum, Environment.ProcessorCount, t => summarizer.Analyze(t).Facts.Count);
            Print("sentence splitting (baseline), 1 thread", split, bytes, sentences, cpu: true);
            Print("CPU experts, 1 thread", single, bytes, sentences, cpu: true);
            Print($"CPU experts, {Environment.ProcessorCount} threads", parallel, bytes, sentences);
            Console.WriteLine($"ratio baseline / CPU experts (1 thread): {split.PassesPerSecond / single.PassesPerSecond:F1}x" +
                              $" (of CPU time: {split.PassesPerCpuSecond / single.PassesPerCpuSecond:F1}x)");
            return Task.FromResult(0);
        }));
        bench.Subcommands.Add(command);
    }

    /// <summary>Passes per second of each run, of wall-clock time and of the process's CPU time; the figure printed is
    /// their median, so that a burst of load on a shared machine moves one run, not the result. On one thread the CPU-time
    /// figure is what the work costs whatever the machine's load (a busy machine stretches wall-clock time, not CPU time).</summary>
    private sealed record Result(double[] Runs, double[] CpuRuns)
    {
        public double PassesPerSecond => Median(Runs);
        public double PassesPerCpuSecond => Median(CpuRuns);
        private static double Median(double[] runs) => runs.Order().ElementAt(runs.Length / 2);
    }

    private const int Runs = 5;

    /// <summary><see cref="Runs"/> runs sharing <paramref name="minimum"/>, each whole passes over the corpus.</summary>
    private static Result Measure(string[] texts, TimeSpan minimum, int threads, Func<string, int> work)
    {
        var runs = Enumerable.Range(0, Runs).Select(_ => MeasureRun(texts, minimum / Runs, threads, work)).ToArray();
        return new(runs.Select(r => r.Wall).ToArray(), runs.Select(r => r.Cpu).ToArray());
    }

    /// <summary>Whole passes over the corpus until <paramref name="minimum"/> has elapsed; passes per second of wall-clock
    /// time and of CPU time.</summary>
    private static (double Wall, double Cpu) MeasureRun(string[] texts, TimeSpan minimum, int threads, Func<string, int> work)
    {
        var passes = 0;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        do
        {
            if (threads == 1) foreach (var t in texts) work(t);
            else Parallel.ForEach(Enumerable.Range(0, threads).SelectMany(_ => texts), new ParallelOptions { MaxDegreeOfParallelism = threads }, t => work(t));
            passes += threads;
        } while (watch.Elapsed < minimum);
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (passes / wall, passes / (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void Print(string label, Result r, long bytes, long sentences, bool cpu = false) =>
        Console.WriteLine($"{label,-42} {r.PassesPerSecond * bytes / 1e6,9:F2} MB/s {r.PassesPerSecond * sentences,12:N0} sentences/s" +
                          $"   (median of {Runs} runs: {r.Runs.Min() * bytes / 1e6:F2}–{r.Runs.Max() * bytes / 1e6:F2} MB/s)" +
                          (cpu ? $"; {r.PassesPerCpuSecond * bytes / 1e6:F2} MB per CPU-second" : ""));

    private static string? DefaultCorpus()
    {
        foreach (var candidate in new[] { "samples/corpus", "tests/Intelligence.Extraction.Tests/DevSet/passages" })
            if (Directory.Exists(candidate)) return candidate;
        return null;
    }
}

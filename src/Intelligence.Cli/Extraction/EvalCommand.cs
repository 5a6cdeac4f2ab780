using System.CommandLine;
using Intelligence.Cli.Hosting;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Evaluation;

namespace Intelligence.Cli.Extraction;

/// <summary>`intel eval --gold gold.jsonl --corpus dir [--test-every 3]`: precision, recall, F1 per fact type (rules in
/// docs/eval.md); with a split, the training and the test part each get their table, and only the training part's
/// errors are listed.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var gold = new Option<string>("--gold") { Description = "Gold JSON Lines file.", Required = true };
        var corpus = new Option<string>("--corpus") { Description = "Directory of <id>.txt / <id>.html articles.", Required = true };
        var strict = new Option<bool>("--strict") { Description = "Also require period, kind, change and until when gold gives them." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every missed and spurious fact (of the training part when split)." };
        var testEvery = new Option<int?>("--test-every") { Description = "Split the gold: articles whose id number is a multiple of N are the test part, the others the training part (news-dev: 3)." };
        var command = new Command("eval", "Score the summarizer against a gold file.");
        foreach (var o in new Option[] { gold, corpus, strict, verbose, testEvery }) command.Options.Add(o);
        ExtractionCommands.AddSummarizerOptions(command);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var goldPath = parse.GetValue(gold)!;
            var corpusDir = parse.GetValue(corpus)!;
            if (!File.Exists(goldPath)) throw new CliException($"No such gold file: {goldPath}");
            List<GoldArticle> articles;
            try { articles = GoldSet.Load(goldPath); }
            catch (InvalidDataException e) { throw new CliException(e.Message); }
            var files = ArticleFiles.InDirectory(corpusDir).GroupBy(ArticleFiles.IdOf).ToDictionary(g => g.Key, g => g.First());
            var summarizer = ExtractionCommands.CreateSummarizer(parse);
            var hint = parse.GetValue(ExtractionCommands.LanguageOption);

            var predictions = new Dictionary<string, IReadOnlyList<Fact>>();
            foreach (var article in articles)
            {
                if (!files.TryGetValue(article.Id, out var file)) continue;
                var (text, declared) = ArticleFiles.Read(file);
                predictions[article.Id] = (await summarizer.AnalyzeAsync(text, hint ?? declared ?? article.Language, ct)).Facts;
            }
            var isStrict = parse.GetValue(strict);
            if (parse.GetValue(testEvery) is not { } every)
            {
                var report = Evaluator.Evaluate(articles, a => predictions.GetValueOrDefault(a.Id), isStrict);
                Print(report, parse.GetValue(verbose));
                return report.Articles == 0 ? 2 : 0;
            }
            if (every < 2) throw new CliException("--test-every must be 2 or more.");
            var train = Evaluator.Evaluate(articles.Where(a => !Evaluator.IsTestArticle(a.Id, every)), a => predictions.GetValueOrDefault(a.Id), isStrict);
            var test = Evaluator.Evaluate(articles.Where(a => Evaluator.IsTestArticle(a.Id, every)), a => predictions.GetValueOrDefault(a.Id), isStrict);
            Console.WriteLine($"train (ids not a multiple of {every})");
            Print(train, parse.GetValue(verbose));
            Console.WriteLine();
            Console.WriteLine($"test (ids a multiple of {every}; errors not listed)");
            Print(test, verbose: false);
            return train.Articles + test.Articles == 0 ? 2 : 0;
        }));
        return command;
    }

    private static void Print(EvaluationReport report, bool verbose)
    {
        Console.WriteLine($"{"type",-12} {"P",6} {"R",6} {"F1",6} {"tp",5} {"fp",5} {"fn",5}");
        foreach (var t in report.ByType.Append(report.Overall))
            Console.WriteLine($"{t.Type,-12} {t.Precision,6:F3} {t.Recall,6:F3} {t.F1,6:F3} {t.TruePositives,5} {t.FalsePositives,5} {t.FalseNegatives,5}");
        Console.WriteLine($"articles scored: {report.Articles}; gold articles without a corpus file: {report.MissingArticles}");
        if (!verbose) return;
        foreach (var e in report.Errors)
        {
            foreach (var f in e.Missed) Console.WriteLine($"missed   {e.Id}: {FactJson.Serialize(f)}");
            foreach (var f in e.Spurious) Console.WriteLine($"spurious {e.Id}: {FactJson.Serialize(f with { Evidence = null, ExtractorVersion = null })}");
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using Intelligence.Cli.Hosting;
using Intelligence.Domain.Facts;
using Intelligence.Extraction;
using Intelligence.Extraction.Gpu;
using Intelligence.Extraction.Routing;

namespace Intelligence.Cli.Extraction;

/// <summary>`intel extract`, `intel eval`.</summary>
public static class ExtractionCommands
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(ExtractCommand());
        root.Subcommands.Add(EvalCommand.Create());
    }

    internal static readonly Option<string?> LanguageOption = new("--language") { Description = "Language hint (fr|en); detected when absent." };
    internal static readonly Option<string[]> EntitiesOption = new("--entities") { Description = "Extra entity files (JSON, same shape as the embedded table).", AllowMultipleArgumentsPerToken = true };
    internal static readonly Option<int> TopKOption = new("--top-k") { Description = "Experts per sentence.", DefaultValueFactory = _ => new RouterOptions().TopK };
    internal static readonly Option<double> ThresholdOption = new("--threshold") { Description = "Router gate threshold.", DefaultValueFactory = _ => new RouterOptions().Threshold };
    internal static readonly Option<string> GpuModeOption = new("--gpu") { Description = "GPU expert: none | low-confidence | all.", DefaultValueFactory = _ => "none" };
    internal static readonly Option<string?> GpuEndpointOption = new("--gpu-endpoint") { Description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (or INTELLIGENCE_GPU_ENDPOINT)." };
    internal static readonly Option<string?> GpuModelOption = new("--gpu-model") { Description = "Model name served by the endpoint (or INTELLIGENCE_GPU_MODEL)." };
    internal static readonly Option<int> GpuTimeoutOption = new("--gpu-timeout") { Description = "Seconds per GPU request.", DefaultValueFactory = _ => 30 };
    internal static readonly Option<int> GpuConcurrencyOption = new("--gpu-concurrency") { Description = "Concurrent GPU requests.", DefaultValueFactory = _ => 4 };

    internal static void AddSummarizerOptions(Command command)
    {
        foreach (var o in new Option[] { LanguageOption, EntitiesOption, TopKOption, ThresholdOption, GpuModeOption, GpuEndpointOption, GpuModelOption, GpuTimeoutOption, GpuConcurrencyOption })
            command.Options.Add(o);
    }

    internal static Summarizer CreateSummarizer(ParseResult parse)
    {
        GpuMode mode;
        try { mode = GpuExpertOptions.ParseMode(parse.GetValue(GpuModeOption)); }
        catch (ArgumentException e) { throw new CliException(e.Message); }
        var endpoint = parse.GetValue(GpuEndpointOption) ?? Environment.GetEnvironmentVariable("INTELLIGENCE_GPU_ENDPOINT");
        if (mode != GpuMode.None && string.IsNullOrWhiteSpace(endpoint))
            throw new CliException("--gpu needs --gpu-endpoint (or INTELLIGENCE_GPU_ENDPOINT).");
        var entities = parse.GetValue(EntitiesOption) ?? [];
        foreach (var file in entities)
            if (!File.Exists(file)) throw new CliException($"No such entity file: {file}");
        var gpu = new GpuExpertOptions
        {
            Mode = mode,
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? null : new Uri(endpoint),
            Model = parse.GetValue(GpuModelOption) ?? Environment.GetEnvironmentVariable("INTELLIGENCE_GPU_MODEL") ?? new GpuExpertOptions().Model,
            ApiKey = Environment.GetEnvironmentVariable("INTELLIGENCE_GPU_KEY"),
            Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(GpuTimeoutOption))),
            MaxConcurrency = Math.Max(1, parse.GetValue(GpuConcurrencyOption)),
        };
        try
        {
            return Summarizer.CreateDefault(Intelligence.Server.Articles.ArticlesModule.GuardedGpu(new SummarizerOptions
            {
                Router = new RouterOptions { TopK = Math.Max(1, parse.GetValue(TopKOption)), Threshold = parse.GetValue(ThresholdOption) },
                EntityFiles = entities,
                Gpu = gpu,
            }));
        }
        catch (InvalidDataException e) { throw new CliException(e.Message); }
    }

    private static Command ExtractCommand()
    {
        var path = new Argument<string>("path") { Description = "An article (.txt or .html) or a directory of them." };
        var format = new Option<string>("--format") { Description = "Output format: json (a file gives one object, a directory JSON Lines).", DefaultValueFactory = _ => "json" };
        var command = new Command("extract", "Extract facts and a summary from articles with the mixture-of-experts summarizer.");
        command.Arguments.Add(path);
        command.Options.Add(format);
        AddSummarizerOptions(command);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            if (parse.GetValue(format) is not "json") throw new CliException("Only --format json is supported.");
            var target = parse.GetValue(path)!;
            var summarizer = CreateSummarizer(parse);
            var hint = parse.GetValue(LanguageOption);
            if (File.Exists(target))
            {
                var line = await AnalyzeFileAsync(summarizer, target, hint, indented: true, ct);
                Console.WriteLine(line);
                return 0;
            }
            var failures = 0;
            foreach (var file in ArticleFiles.InDirectory(target))
            {
                try
                {
                    Console.WriteLine(await AnalyzeFileAsync(summarizer, file, hint, indented: false, ct));
                }
                catch (Exception e) when (e is IOException or Intelligence.Ingestion.Reading.ArticleReadException or UnauthorizedAccessException)
                {
                    // One unreadable file does not lose the others.
                    failures++;
                    await Console.Error.WriteLineAsync($"error: {Path.GetFileName(file)}: {e.Message}");
                }
            }
            return failures == 0 ? 0 : 2;
        }));
        return command;
    }

    private static async Task<string> AnalyzeFileAsync(Summarizer summarizer, string file, string? hint, bool indented, CancellationToken ct)
    {
        var (text, declared) = ArticleFiles.Read(file);
        var analysis = await summarizer.AnalyzeAsync(text, hint ?? declared, ct);
        var output = new
        {
            file = Path.GetFileName(file),
            language = analysis.Language,
            summary = analysis.Summary,
            facts = analysis.Facts,
            routing = analysis.Routing,
            extractorVersion = analysis.ExtractorVersion,
        };
        return JsonSerializer.Serialize(output, indented ? IndentedOptions : FactJson.Options);
    }

    private static readonly JsonSerializerOptions IndentedOptions = new(FactJson.Options) { WriteIndented = true };
}

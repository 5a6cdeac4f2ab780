using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Experts;
using Intelligence.Extraction.Experts.Capex;
using Intelligence.Extraction.Experts.Dispute;
using Intelligence.Extraction.Experts.Financials;
using Intelligence.Extraction.Experts.Investment;
using Intelligence.Extraction.Experts.Launch;
using Intelligence.Extraction.Experts.Partnership;
using Intelligence.Extraction.Experts.Personnel;
using Intelligence.Extraction.Experts.Stake;
using Intelligence.Extraction.Gpu;
using Intelligence.Extraction.Merging;
using Intelligence.Extraction.Pipeline;
using Intelligence.Extraction.Routing;
using Intelligence.Extraction.Summaries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intelligence.Extraction;

/// <summary>
/// The mixture-of-experts summarizer: a router gates each sentence to its top-k CPU experts, their facts are merged
/// within the article, and an extractive summary is chosen. <see cref="AnalyzeAsync"/> may also ask the GPU expert,
/// whose failures always fall back to the CPU result. Thread-safe: one instance serves concurrent calls.
/// </summary>
public sealed class Summarizer
{
    public const string CpuVersion = "cpu-moe/1.11.0";

    private readonly ArticlePipeline _pipeline;
    private readonly Router _router;
    private readonly SummarizerOptions _options;
    private readonly GpuExpert? _gpu;

    public string ExtractorVersion { get; }
    public IReadOnlyList<IExpert> Experts => _router.Experts;

    private Summarizer(SummarizerOptions options, EntityCatalog catalog, GpuExpert? gpu)
    {
        _options = options;
        _pipeline = new ArticlePipeline(new MentionFinder(new EntityMatcher(catalog)));
        _router = new Router(DefaultExperts(), options.Router);
        _gpu = gpu;
        ExtractorVersion = gpu is null ? CpuVersion : $"{CpuVersion}+gpu:{options.Gpu.Model}";
    }

    public static Summarizer CreateDefault(SummarizerOptions? options = null)
    {
        options ??= new SummarizerOptions();
        var catalog = EntityCatalog.LoadDefault(options.EntityFiles);
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<GpuExpert>();
        var gpu = options.Gpu.IsEnabled ? new GpuExpert(options.Gpu, logger) : null;
        return new Summarizer(options, catalog, gpu);
    }

    public static IReadOnlyList<IExpert> DefaultExperts() =>
    [
        new StakeExpert(), new InvestmentExpert(), new FinancialsExpert(), new CapexExpert(),
        new DisputeExpert(), new PartnershipExpert(), new LaunchExpert(), new PersonnelExpert(),
    ];

    /// <summary>Analyses an article. <paramref name="published"/>, when known, dates an article whose text names no date:
    /// "third-quarter revenue" is then the last third quarter ended by it.</summary>
    public ArticleAnalysis Analyze(string text, string? languageHint = null, DateOnly? published = null)
    {
        var run = RunCpu(text ?? "", languageHint, published);
        return Finish(run, run.Facts, null);
    }

    public Task<ArticleAnalysis> AnalyzeAsync(string text, string? languageHint = null, CancellationToken ct = default) =>
        AnalyzeAsync(text, languageHint, null, ct);

    public async Task<ArticleAnalysis> AnalyzeAsync(string text, string? languageHint, DateOnly? published, CancellationToken ct = default)
    {
        var run = RunCpu(text ?? "", languageHint, published);
        if (_gpu is null || _options.Gpu.Mode == GpuMode.None) return Finish(run, run.Facts, null);

        var chosen = run.Units.Where(u => _options.Gpu.Mode == GpuMode.All || u.LowConfidence).Select(u => u.View).ToList();
        var result = await _gpu.ExtractAsync(chosen, run.Context, ct).ConfigureAwait(false);
        return Finish(run, run.Facts.Concat(result.Facts).ToList(), result.Stats);
    }

    private sealed record UnitRun(SentenceView View, bool LowConfidence);

    private sealed record CpuRun(
        List<Text.Sentence> Sentences, List<UnitRun> Units, List<Fact> Facts, ArticleContext Context, RoutingStatsBuilder Stats);

    private CpuRun RunCpu(string text, string? languageHint, DateOnly? published)
    {
        var (sentences, views, context) = _pipeline.Build(text, languageHint, published);
        var stats = new RoutingStatsBuilder(_router.Experts.Select(e => e.Name)) { Sentences = sentences.Count, Units = views.Count };
        var facts = new List<Fact>();
        var units = new List<UnitRun>(views.Count);
        foreach (var view in views)
        {
            var (selected, bestScore) = _router.Route(view);
            if (selected.Count == 0) stats.Unrouted++;
            var best = 0.0;
            foreach (var expert in selected)
            {
                var before = facts.Count;
                facts.AddRange(expert.Extract(view, context));
                stats.Routed(expert.Name, facts.Count - before);
                for (var i = before; i < facts.Count; i++) best = Math.Max(best, facts[i].Confidence);
            }
            // Worth a second opinion: the gate saw something but the experts were unsure or found nothing.
            var low = bestScore >= _options.Router.Threshold && best < _options.Router.LowConfidence;
            units.Add(new UnitRun(view, low));
        }
        return new CpuRun(sentences, units, facts, context, stats);
    }

    private ArticleAnalysis Finish(CpuRun run, List<Fact> facts, GpuRouting? gpu)
    {
        var merged = FactMerger.Merge(facts).Select(f => f with { ExtractorVersion = ExtractorVersion }).ToList();
        var summary = ExtractiveSummary.Select(run.Sentences, facts, run.Context.OriginalText, _options.SummarySentences);
        return new ArticleAnalysis(run.Context.Language, summary, merged, run.Stats.Build(gpu), ExtractorVersion);
    }
}

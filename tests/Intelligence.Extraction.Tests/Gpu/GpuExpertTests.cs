using Intelligence.Domain.Facts;
using Intelligence.Extraction.Gpu;

namespace Intelligence.Extraction.Tests.Gpu;

public class GpuExpertTests
{
    private const string Article = "Microsoft holds a 27% stake in OpenAI. The two companies restructured their partnership in October 2025.";

    private static Summarizer WithGpu(Uri endpoint, GpuMode mode = GpuMode.All, double timeoutSeconds = 10) =>
        Summarizer.CreateDefault(new SummarizerOptions
        {
            Gpu = new GpuExpertOptions { Mode = mode, Endpoint = endpoint, Model = "test-moe", Timeout = TimeSpan.FromSeconds(timeoutSeconds), MaxConcurrency = 2 },
        });

    private static void KeepsCpuFacts(ArticleAnalysis analysis) =>
        Assert.Contains(analysis.Facts, f => f.Type == FactTypes.Stake && f.Holder == "Microsoft" && f.Target == "OpenAI");

    [Fact]
    public async Task Valid_output_adds_facts_and_agreement_raises_confidence()
    {
        const string reply = """{"facts":[{"type":"stake","holder":"Microsoft","target":"OpenAI","percent":27,"evidence":{"sentence":0}},{"type":"launch","company":"OpenAI","product":"Sora 2","kind":"model","evidence":{"sentence":1}}]}""";
        await using var server = await FakeChatServer.StartAsync(FakeChatServer.Completion(reply));
        var summarizer = WithGpu(server.Endpoint);
        var cpu = Summarizer.CreateDefault().Analyze(Article);
        var analysis = await summarizer.AnalyzeAsync(Article);

        Assert.Equal("cpu-moe/1.11.0+gpu:test-moe", analysis.ExtractorVersion);
        Assert.True(server.Requests >= 1);
        Assert.Equal(0, analysis.Routing.Gpu!.Failures);
        var launch = Assert.Single(analysis.Facts, f => f.Type == FactTypes.Launch);
        Assert.Equal(GpuExpert.ExpertName, launch.Expert);
        Assert.Equal(Article[launch.Evidence!.Start..launch.Evidence.End], launch.Evidence.Quote);
        var stake = Assert.Single(analysis.Facts, f => f.Type == FactTypes.Stake);
        Assert.Contains("gpu", stake.Expert);
        Assert.True(stake.Confidence > cpu.Facts.Single(f => f.Type == FactTypes.Stake).Confidence);
    }

    [Theory]
    [InlineData("this is not JSON at all")]
    [InlineData("""{"facts": [{"type": "stake", "holder": "Microsoft"]}""")]
    [InlineData("""{"facts": [{"type": "stake", "percent": "lots"}]}""")]
    [InlineData("""{"facts": [{"type": "merger", "parties": ["A", "B"]}]}""")]
    [InlineData("""{"answer": 42}""")]
    public async Task Invalid_output_falls_back_to_cpu_facts(string reply)
    {
        await using var server = await FakeChatServer.StartAsync(FakeChatServer.Completion(reply));
        var analysis = await WithGpu(server.Endpoint).AnalyzeAsync(Article);
        KeepsCpuFacts(analysis);
        Assert.DoesNotContain(analysis.Facts, f => f.Expert == GpuExpert.ExpertName);
        Assert.True(analysis.Routing.Gpu!.Failures >= 1);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Http_errors_fall_back_to_cpu_facts(int status)
    {
        await using var server = await FakeChatServer.StartAsync(FakeChatServer.Status(status));
        var analysis = await WithGpu(server.Endpoint).AnalyzeAsync(Article);
        KeepsCpuFacts(analysis);
        Assert.True(analysis.Routing.Gpu!.Failures >= 1);
        if (status == 429) Assert.Contains(analysis.Routing.Gpu.Errors, e => e.Contains("429"));
        Assert.Equal(1, server.Requests); // no retry storm against a failing server
    }

    [Fact]
    public async Task A_slow_server_times_out_and_falls_back()
    {
        await using var server = await FakeChatServer.StartAsync(FakeChatServer.Completion("""{"facts":[]}""", delay: TimeSpan.FromSeconds(20)));
        var analysis = await WithGpu(server.Endpoint, timeoutSeconds: 0.5).AnalyzeAsync(Article);
        KeepsCpuFacts(analysis);
        Assert.Contains(analysis.Routing.Gpu!.Errors, e => e.Contains("timeout"));
    }

    [Fact]
    public async Task An_unreachable_endpoint_falls_back()
    {
        var analysis = await WithGpu(new Uri("http://127.0.0.1:1/v1"), timeoutSeconds: 5).AnalyzeAsync(Article);
        KeepsCpuFacts(analysis);
        Assert.True(analysis.Routing.Gpu!.Failures >= 1);
    }

    [Fact]
    public async Task Low_confidence_mode_only_sends_sentences_the_cpu_was_unsure_about()
    {
        await using var server = await FakeChatServer.StartAsync(FakeChatServer.Completion("""{"facts":[]}"""));
        var analysis = await WithGpu(server.Endpoint, GpuMode.LowConfidence).AnalyzeAsync("The weather was nice. Microsoft holds a 27% stake in OpenAI.");
        Assert.Equal(0, analysis.Routing.Gpu!.Sentences);
        KeepsCpuFacts(analysis);
    }

    [Fact]
    public void The_gpu_expert_is_off_by_default()
    {
        var summarizer = Summarizer.CreateDefault();
        Assert.Equal("cpu-moe/1.11.0", summarizer.ExtractorVersion);
        Assert.Null(summarizer.Analyze(Article).Routing.Gpu);
    }

    [Fact]
    public void The_schema_accepts_the_design_examples()
    {
        const string examples = """
        {"facts":[
          {"type":"stake","holder":"Microsoft","target":"OpenAI","percent":27.0},
          {"type":"investment","investor":"Microsoft","target":"OpenAI","amountUsd":13000000000},
          {"type":"loss","company":"OpenAI","amountUsd":14000000000,"period":"2026","kind":"projected"},
          {"type":"revenue","company":"OpenAI","amountUsd":20000000000,"period":"annualized"},
          {"type":"capex","company":"Microsoft","amountUsd":37500000000,"period":"quarter"},
          {"type":"dispute","parties":["US Department of Defense","Anthropic"],"subject":"..."},
          {"type":"partnership","parties":["Microsoft","OpenAI"],"change":"restructured","until":"2032"},
          {"type":"launch","company":"Microsoft","product":"Maia 200","kind":"chip"},
          {"type":"personnel","person":"Zoë Hitzig","company":"OpenAI","change":"left"}
        ]}
        """;
        Assert.Empty(FactSchema.Validate(examples));
    }

    [Fact]
    public void The_cpu_output_conforms_to_the_schema()
    {
        var text = string.Join("\n\n", Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DevSet", "passages"), "*.txt")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText));
        var facts = Summarizer.CreateDefault().Analyze(text).Facts;
        Assert.NotEmpty(facts);
        Assert.Empty(FactSchema.Validate(FactJson.Serialize(new { facts })));
    }
}

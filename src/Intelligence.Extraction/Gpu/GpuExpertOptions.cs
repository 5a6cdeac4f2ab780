namespace Intelligence.Extraction.Gpu;

/// <summary>Which sentences go to the GPU expert: none (off), the ones the CPU experts were unsure about, or all routed ones.</summary>
public enum GpuMode { None, LowConfidence, All }

/// <summary>An OpenAI-compatible chat-completions endpoint (vLLM, SGLang) serving an MoE model. Off by default.</summary>
public sealed record GpuExpertOptions
{
    public GpuMode Mode { get; init; } = GpuMode.None;
    /// <summary>Base URL of the OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1.</summary>
    public Uri? Endpoint { get; init; }
    public string Model { get; init; } = "Qwen/Qwen3-30B-A3B";
    public string? ApiKey { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxConcurrency { get; init; } = 4;
    /// <summary>Sentences sent in one request (the article is chunked).</summary>
    public int SentencesPerRequest { get; init; } = 24;
    public int MaxOutputTokens { get; init; } = 2048;
    /// <summary>
    /// The HTTP handler requests go through. The server and the CLI pass their egress guard here (connect-time address
    /// check, no redirects, no proxy); null uses the OpenAI client's own transport.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    public bool IsEnabled => Mode != GpuMode.None && Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    public static GpuMode ParseMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" or "off" => GpuMode.None,
        "low-confidence" or "lowconfidence" or "low" => GpuMode.LowConfidence,
        "all" => GpuMode.All,
        _ => throw new ArgumentException($"Unknown GPU mode '{value}' (expected none, low-confidence or all)."),
    };
}

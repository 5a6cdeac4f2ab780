using Intelligence.Extraction.Gpu;
using Intelligence.Extraction.Routing;
using Microsoft.Extensions.Logging;

namespace Intelligence.Extraction;

public sealed record SummarizerOptions
{
    public RouterOptions Router { get; init; } = new();
    /// <summary>Extra entity files (same JSON shape as the embedded Entities/entities.json) that extend or override it.</summary>
    public IReadOnlyList<string> EntityFiles { get; init; } = [];
    public GpuExpertOptions Gpu { get; init; } = new();
    public ILoggerFactory? LoggerFactory { get; init; }
    public int SummarySentences { get; init; } = 3;
}

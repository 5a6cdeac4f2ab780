using Intelligence.Domain.Facts;
using Intelligence.Extraction.Routing;

namespace Intelligence.Extraction;

public sealed record ArticleAnalysis(string Language, IReadOnlyList<string> Summary, IReadOnlyList<Fact> Facts, RoutingStats Routing, string ExtractorVersion);

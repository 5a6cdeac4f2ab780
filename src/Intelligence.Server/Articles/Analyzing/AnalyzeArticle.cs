using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Extraction;
using Intelligence.Server.Articles.Viewing;
using Marten;
using Microsoft.Extensions.Logging;

namespace Intelligence.Server.Articles.Analyzing;

/// <summary>Run the summarizer over an article. Idempotent per extractor version.</summary>
public sealed record AnalyzeArticle(Guid ArticleId);

public sealed record AnalysisOutcome(Guid ArticleId, bool Analyzed, int FactsAdded, int FactsRetracted, string ExtractorVersion);

public static class AnalyzeArticleHandler
{
    public static async Task<AnalysisOutcome> Handle(AnalyzeArticle command, IDocumentSession session, Summarizer summarizer,
        TimeProvider time, ILogger<AnalyzeArticle> log, CancellationToken ct)
    {
        var article = await session.LoadAsync<ArticleView>(command.ArticleId, ct);
        if (article is null)
        {
            log.LogWarning("AnalyzeArticle: no article {ArticleId}", command.ArticleId);
            return new AnalysisOutcome(command.ArticleId, false, 0, 0, summarizer.ExtractorVersion);
        }
        if (article.ExtractorVersion == summarizer.ExtractorVersion)
            return new AnalysisOutcome(article.Id, false, 0, 0, summarizer.ExtractorVersion);

        var analysis = await summarizer.AnalyzeAsync(article.Text, article.Language, ct);
        var events = Decide(article, analysis, time.GetUtcNow());
        // Expected version guards against two nodes analysing the same article at once: the loser retries and finds it done.
        session.Events.Append(article.Id, article.Version + events.Count, events);
        var added = events.Count(e => e is FactExtracted);
        var retracted = events.Count(e => e is FactRetracted);
        log.LogInformation("Analyzed {ArticleId} with {Version}: {Added} facts added, {Retracted} retracted", article.Id, analysis.ExtractorVersion, added, retracted);
        return new AnalysisOutcome(article.Id, true, added, retracted, analysis.ExtractorVersion);
    }

    /// <summary>Pure decision: the events that bring the article's facts from what it has to what this analysis found.</summary>
    public static List<object> Decide(ArticleView article, ArticleAnalysis analysis, DateTimeOffset now)
    {
        var found = new Dictionary<string, Fact>(StringComparer.Ordinal);
        foreach (var fact in analysis.Facts) found.TryAdd(FactKey.Of(fact), fact);

        var events = new List<object>
        {
            new ArticleAnalyzed(article.Id, analysis.ExtractorVersion, analysis.Language, analysis.Summary,
                RoutingOf(analysis), found.Count, now),
        };
        var known = article.Facts.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, fact) in found.Where(f => !known.Contains(f.Key)))
            events.Add(new FactExtracted(article.Id, key, fact, analysis.ExtractorVersion, article.PublishedAt, article.Outlet, now));
        foreach (var gone in article.Facts.Where(f => !found.ContainsKey(f.Key)))
            events.Add(new FactRetracted(article.Id, gone.Key, gone.Companies, analysis.ExtractorVersion, now));
        return events;
    }

    private static IReadOnlyDictionary<string, ExpertRouting> RoutingOf(ArticleAnalysis analysis) =>
        analysis.Routing.Experts.ToDictionary(e => e.Key, e => new ExpertRouting(e.Value.Sentences, e.Value.Facts));
}

using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Extraction;
using Intelligence.Server.Alerts.Raising;
using Marten;
using JasperFx.Events;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Intelligence.Server.Articles.Analyzing;

/// <summary>Run the summarizer over an article now and answer with the outcome. Idempotent per extractor version.</summary>
public sealed record AnalyzeArticle(Guid ArticleId);

/// <summary>
/// The pipeline's request, queued by an ingest through the outbox: handled in batches, one transaction per batch,
/// so a crawl of many pages pays for one commit (and one round of inline projections) per batch instead of per page.
/// </summary>
public sealed record AnalyzeIngestedArticle(Guid ArticleId);

public sealed record AnalysisOutcome(Guid ArticleId, bool Analyzed, int FactsAdded, int FactsRetracted, string ExtractorVersion);

public static class AnalyzeArticleHandler
{
    public static async Task<(AnalysisOutcome, OutgoingMessages)> Handle(AnalyzeArticle command, IDocumentSession session, Summarizer summarizer,
        TimeProvider time, ILogger<AnalyzeArticle> log, CancellationToken ct)
    {
        var article = await session.Events.FetchForWriting<Article>(command.ArticleId, ct);
        if (article.Aggregate is null)
        {
            log.LogWarning("AnalyzeArticle: no article {ArticleId}", command.ArticleId);
            return (new AnalysisOutcome(command.ArticleId, false, 0, 0, summarizer.ExtractorVersion), []);
        }
        var (outcome, alerts) = await AnalyzeInto(article, summarizer, time.GetUtcNow(), ct);
        if (outcome.Analyzed)
            log.LogInformation("Analyzed {ArticleId} with {Version}: {Added} facts added, {Retracted} retracted",
                command.ArticleId, outcome.ExtractorVersion, outcome.FactsAdded, outcome.FactsRetracted);
        return (outcome, alerts is null ? [] : [alerts]);
    }

    public static async Task<OutgoingMessages> Handle(AnalyzeIngestedArticle[] batch, IDocumentSession session, Summarizer summarizer,
        TimeProvider time, ILogger<AnalyzeIngestedArticle> log, CancellationToken ct)
    {
        var ids = batch.Select(m => m.ArticleId).Distinct().ToArray();
        // One round trip for the whole batch.
        var fetches = session.CreateBatchQuery();
        var fetching = ids.Select(id => fetches.Events.FetchForWriting<Article>(id)).ToList();
        await fetches.Execute(ct);
        var articles = (await Task.WhenAll(fetching)).Where(a => a.Aggregate is not null).ToList();
        if (articles.Count < ids.Length)
            log.LogWarning("AnalyzeIngestedArticle: {Missing} of {Count} articles not found", ids.Length - articles.Count, ids.Length);
        var now = time.GetUtcNow();
        var outgoing = new OutgoingMessages();
        int analyzed = 0, added = 0, retracted = 0;
        foreach (var article in articles)
        {
            var (outcome, alerts) = await AnalyzeInto(article, summarizer, now, ct);
            if (alerts is not null) outgoing.Add(alerts);
            if (!outcome.Analyzed) continue;
            analyzed++;
            added += outcome.FactsAdded;
            retracted += outcome.FactsRetracted;
        }
        if (analyzed > 0)
            log.LogInformation("Analyzed {Count} ingested articles with {Version}: {Added} facts added, {Retracted} retracted",
                analyzed, summarizer.ExtractorVersion, added, retracted);
        return outgoing;
    }

    /// <summary>
    /// Appends to the article's stream the events of its analysis, unless it is already analysed by this extractor version,
    /// and answers with the alert evaluation of the facts it changed (one per article), to go out with the same commit.
    /// The stream's version, read by FetchForWriting, guards against two nodes analysing the same article at once: the
    /// loser retries and finds it done.
    /// </summary>
    private static async Task<(AnalysisOutcome, EvaluateFactAlerts?)> AnalyzeInto(IEventStream<Article> stream, Summarizer summarizer,
        DateTimeOffset now, CancellationToken ct)
    {
        var article = stream.Aggregate!;
        if (article.ExtractorVersion == summarizer.ExtractorVersion)
            return (new AnalysisOutcome(article.Id, false, 0, 0, summarizer.ExtractorVersion), null);

        var published = article.PublishedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
        var analysis = await summarizer.AnalyzeAsync(article.Text, article.Language, published, ct);
        var events = Decide(article, analysis, now);
        stream.AppendMany(events);
        return (new AnalysisOutcome(article.Id, true, events.Count(e => e is FactExtracted), events.Count(e => e is FactRetracted),
            analysis.ExtractorVersion), EvaluateFactAlerts.For(events));
    }

    /// <summary>Pure decision: the events that bring the article's facts from what it has to what this analysis found.</summary>
    public static List<object> Decide(Article article, ArticleAnalysis analysis, DateTimeOffset now)
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

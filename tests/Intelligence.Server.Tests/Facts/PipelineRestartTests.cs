using Intelligence.Domain.Facts;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Tests.Facts;

/// <summary>A server stopped between ingest and analysis: the next one finishes the work from the outbox, each fact exactly once.</summary>
public sealed class PipelineRestartTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly string[] Pages =
    [
        "01-ledger-microsoft-openai-stake.html", "02-quotidien-eco-microsoft-openai-participation.html",
        "05-pulse-big-tech-capex.html", "07-mondedulogiciel-openai-publicite-pertes.html", "09-quotidien-eco-xai-levee-plainte.html",
    ];

    [Fact]
    public async Task Stopping_the_server_between_ingest_and_analysis_ends_with_each_fact_exactly_once()
    {
        var ids = new List<Guid>();
        var first = await RunningServer.Start(db.ConnectionString);
        foreach (var page in Pages)
        {
            var path = Path.Combine(RepoPaths.SampleCorpus, page);
            var result = await first.Bus.InvokeAsync<IngestResult>(new IngestArticle(new Uri(path).AbsoluteUri, await File.ReadAllTextAsync(path)));
            ids.Add(result.ArticleId);
        }
        // Stop at once: the AnalyzeArticle messages committed with the ingests are, for the most part, not handled yet.
        await first.DisposeAsync();

        await using var second = await RunningServer.Start(db.ConnectionString);
        foreach (var id in ids) await second.WaitForAnalysis(id);
        // Let any duplicate deliveries of AnalyzeArticle run too before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));

        await using var session = second.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        foreach (var id in ids)
        {
            var events = await session.Events.FetchStreamAsync(id);
            Assert.Single(events, e => e.EventTypeName == "article_ingested");
            Assert.Single(events, e => e.EventTypeName == "article_analyzed");
            var keys = events.Select(e => e.Data).OfType<FactExtracted>().Select(f => f.FactKey).ToList();
            Assert.NotEmpty(keys);
            Assert.Equal(keys.Count, keys.Distinct().Count());
        }
    }
}

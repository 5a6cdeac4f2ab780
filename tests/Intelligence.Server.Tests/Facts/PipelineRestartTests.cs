using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Articles.Analyzing;
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
        // Stop at once: the AnalyzeIngestedArticle messages committed with the ingests are, for the most part, not handled yet.
        await first.DisposeAsync();

        await using var second = await RunningServer.Start(db.ConnectionString);
        foreach (var id in ids) await second.WaitForAnalysis(id);
        // Let any duplicate deliveries of AnalyzeIngestedArticle run too before counting.
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

    [Fact]
    public async Task A_batch_of_analyses_appends_only_for_articles_not_yet_analysed()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var analysed = await Ingest(server, Pages[0]);
        await server.WaitForAnalysis(analysed);
        // Appended directly (no outbox message): ingested, never analysed.
        var pending = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        const string text = "Microsoft a pris une participation de 27 % dans OpenAI. L'entreprise a investi 13 milliards de dollars.";
        var store = server.App.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<ArticleView>(pending, new ArticleIngested(pending, $"https://batch.example/{pending:N}", $"https://batch.example/{pending:N}",
                "batch.example", "Batch", null, now, "fr", text, pending.ToString("N"), "0000000000000000", null, now));
            await session.SaveChangesAsync();
        }
        long before;
        await using (var session = store.QuerySession())
            before = (await session.Events.FetchStreamStateAsync(analysed))!.Version;

        // A redelivered message for an analysed article, an unknown id and a pending article, handled as one batch.
        await server.Bus.InvokeAsync(new[] { new AnalyzeIngestedArticle(analysed), new AnalyzeIngestedArticle(Guid.NewGuid()), new AnalyzeIngestedArticle(pending) });

        await using (var session = store.QuerySession())
        {
            Assert.Equal(before, (await session.Events.FetchStreamStateAsync(analysed))!.Version);
            var events = await session.Events.FetchStreamAsync(pending);
            Assert.Single(events, e => e.EventTypeName == "article_analyzed");
            Assert.Contains(events.Select(e => e.Data).OfType<FactExtracted>(), f => f.Fact.Type == FactTypes.Stake && f.Fact.Percent == 27);
        }
    }

    private static async Task<Guid> Ingest(RunningServer server, string page)
    {
        var path = Path.Combine(RepoPaths.SampleCorpus, page);
        var result = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle(new Uri(path).AbsoluteUri, await File.ReadAllTextAsync(path)));
        return result.ArticleId;
    }
}

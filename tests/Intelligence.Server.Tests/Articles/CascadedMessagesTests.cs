using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Extraction;
using Intelligence.Ingestion.Reading;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Articles.Analyzing;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wolverine.Tracking;

namespace Intelligence.Server.Tests.Articles;

/// <summary>What the article's handlers return for Wolverine to send: the analysis request, then the alert evaluation.</summary>
public sealed class CascadedMessagesTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Ingesting_a_page_cascades_its_analysis()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var path = Path.Combine(RepoPaths.SampleCorpus, "01-ledger-microsoft-openai-stake.html");

        var tracked = await server.App.TrackActivity(TimeSpan.FromSeconds(60))
            .InvokeMessageAndWaitAsync(new IngestArticle(new Uri(path).AbsoluteUri, await File.ReadAllTextAsync(path)));

        var analysis = Assert.IsType<AnalyzeIngestedArticle>(tracked.Sent.SingleEnvelope<AnalyzeIngestedArticle>().Message);
        await using var session = server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.NotNull(await session.Events.FetchStreamStateAsync(analysis.ArticleId));
    }

    [Fact]
    public async Task The_analysis_returns_the_evaluation_of_the_facts_it_appended()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        var store = server.App.Services.GetRequiredService<IDocumentStore>();
        var articleId = Guid.NewGuid();
        var url = $"https://ledger.example/{articleId:N}";
        var read = ArticleReader.Read(await File.ReadAllTextAsync(Path.Combine(RepoPaths.SampleCorpus, "01-ledger-microsoft-openai-stake.html")), new Uri(url));
        await using (var given = store.LightweightSession())
        {
            // Appended directly rather than ingested, so no queued analysis runs beside the one under test.
            given.Events.StartStream(articleId, new ArticleIngested(articleId, url, url, "The Meridian Ledger", read.Title, null, read.PublishedAt,
                read.Language, read.Text, "hash", "0000000000000000", null, DateTimeOffset.UtcNow));
            await given.SaveChangesAsync();
        }

        await using var session = store.LightweightSession();
        var (outcome, outgoing) = await AnalyzeArticleHandler.Handle(new AnalyzeArticle(articleId), session,
            server.App.Services.GetRequiredService<Summarizer>(), TimeProvider.System, NullLogger<AnalyzeArticle>.Instance, CancellationToken.None);
        await session.SaveChangesAsync();

        Assert.True(outcome.FactsAdded > 0, "the sample states a stake");
        var evaluation = Assert.IsType<EvaluateFactAlerts>(Assert.Single(outgoing));
        var stream = await session.Events.FetchStreamAsync(articleId);
        var extracted = stream.Select(e => e.Data).OfType<FactExtracted>().Select(e => e.FactKey).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(extracted, evaluation.FactKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_evaluation_names_each_fact_an_analysis_changed_once_and_none_when_it_changed_none()
    {
        var article = Guid.NewGuid();
        var now = DateTimeOffset.UnixEpoch;
        var stake = new Fact { Type = FactTypes.Stake, Holder = "Microsoft", Target = "OpenAI", Percent = 27 };
        object[] events =
        [
            new ArticleAnalyzed(article, "v2", "en", [], new Dictionary<string, ExpertRouting>(), 1, now),
            new FactExtracted(article, "stake|a", stake, "v2", null, null, now),
            new FactRetracted(article, "loss|b", ["Acme"], "v2", now),
            new FactExtracted(article, "stake|a", stake, "v2", null, null, now),
        ];

        Assert.Equal(["stake|a", "loss|b"], EvaluateFactAlerts.For(events)!.FactKeys);
        Assert.Null(EvaluateFactAlerts.For(events.Take(1)));
    }
}

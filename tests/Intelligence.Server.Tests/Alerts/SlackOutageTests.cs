using Intelligence.Server.Alerts;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>Slack answers 500 for a whole minute: ingestion and analysis go on, no alert is lost, all arrive once it recovers.</summary>
public sealed class SlackOutageTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_minute_long_slack_outage_loses_no_alert_and_does_not_stall_the_pipeline()
    {
        var outage = AlertTestKit.FastOptions();
        outage.MaxAttempts = 40;
        outage.RetryMaxDelay = TimeSpan.FromSeconds(4);
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString, outage);
        var (slack, server) = given;
        slack.Otherwise = SlackAnswer.ServerError;
        await AlertTestKit.DefineRule(server, "Every loss", slack.WebhookUrl, new { factTypes = new[] { "LOSS" } });
        var outageEnds = DateTime.UtcNow.AddSeconds(60);

        // Facts keep coming during the outage, and real pages keep being ingested and analysed.
        var companies = new[] { "OpenAI", "Anthropic", "xAI", "Mistral AI", "Meta", "Nvidia", "Amazon", "Google" };
        var bus = server.Services.GetRequiredService<IMessageBus>();
        var pages = new[] { "01-ledger-microsoft-openai-stake.html", "05-pulse-big-tech-capex.html", "08-ledger-meta-superintelligence-hires.html" };
        for (var i = 0; i < companies.Length; i++)
        {
            await AlertTestKit.Report(server, AlertTestKit.Loss(companies[i], 1_000_000_000m * (i + 2), $"{companies[i]} expects a loss."), $"outlet{i}.example");
            if (i < pages.Length)
            {
                var path = Path.Combine(RepoPaths.SampleCorpus, pages[i]);
                var ingested = await bus.InvokeAsync<IngestResult>(new IngestArticle(new Uri(path).AbsoluteUri, await File.ReadAllTextAsync(path)));
                await server.WaitForAnalysis(ingested.ArticleId);
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        Assert.All(slack.Received, r => Assert.Equal(500, r.AnsweredWith));
        Assert.NotEmpty(slack.Received);

        var remaining = outageEnds - DateTime.UtcNow;
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
        slack.Otherwise = SlackAnswer.Ok;

        var delivered = await WaitForAll(server, companies.Length, TimeSpan.FromSeconds(60));
        Assert.True(delivered.Count >= companies.Length, $"{delivered.Count} alerts delivered");
        var okBodies = slack.Received.Where(r => r.AnsweredWith == 200).Select(r => r.Body).ToList();
        Assert.All(companies, c => Assert.Contains(okBodies, b => b.Contains(c)));
    }

    private static async Task<List<AlertView>> WaitForAll(Microsoft.AspNetCore.Builder.WebApplication app, int count, TimeSpan timeout)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow + timeout;
        List<AlertView> delivered = [];
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            var alerts = await session.Query<AlertView>().ToListAsync();
            Assert.DoesNotContain(alerts, a => a.Delivery.State == DeliveryState.Failed);
            delivered = [.. alerts.Where(a => a.Delivery.State == DeliveryState.Delivered)];
            if (delivered.Count >= count) return delivered;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"Only {delivered.Count} of {count} alerts delivered after Slack recovered.");
    }
}

using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>End to end: facts committed -> alert raised once -> Block Kit posted to a local Slack stand-in, with Slack's failure modes.</summary>
public sealed class SlackDeliveryTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private sealed record ListedAlert(string RuleName, int OutletCount, string? Headline, DeliveryRow Delivery, DeliveryRow? FollowUp);

    private sealed record DeliveryRow(string State, int Attempts);

    private sealed record RuleRow(string Name, bool Failing, string? FailingReason, string? Webhook);

    [Fact]
    public async Task The_same_fact_from_two_outlets_gives_one_message_and_at_most_one_follow_up()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        var ruleId = await AlertTestKit.DefineRule(server, "Big losses", slack.WebhookUrl,
            new { factTypes = new[] { "LOSS" }, companies = new[] { "OpenAI" }, minAmountUsd = 10_000_000_000m });
        var fact = AlertTestKit.Loss();

        await AlertTestKit.Report(server, fact, "lemonde.fr");
        var first = (await slack.WaitFor(1))[0];
        BlockKit.AssertValid(first.Json);
        var text = first.Json.ToJsonString();
        Assert.Contains("$14 billion", text);
        Assert.Contains("https://lemonde.fr/articles/", text);
        Assert.Contains("lemonde.fr", text);
        Assert.Equal("/services/T000TEST/B000TEST/s3cr3tT0ken", first.Path);
        await AlertTestKit.WaitForAlert(server, a => a.Delivery.State == DeliveryState.Delivered);

        // The same fact, worded as another outlet would ("14 Md$" buckets to the same key), from a second outlet.
        await AlertTestKit.Report(server, fact with { AmountUsd = 14_000_000_001m }, "lesechos.fr");
        var followUp = (await slack.WaitFor(2))[1];
        BlockKit.AssertValid(followUp.Json);
        Assert.Contains("Follow-up", followUp.Json["text"]!.GetValue<string>());
        Assert.Contains("lesechos.fr", followUp.Json.ToJsonString());

        // A third outlet corroborates again: the alert counts it, Slack hears nothing more.
        await AlertTestKit.Report(server, fact, "ft.com");
        var alert = await AlertTestKit.WaitForAlert(server, a => a.OutletCount == 3);
        await Task.Delay(1000);
        Assert.Equal(2, slack.Received.Count);
        Assert.Equal(DeliveryState.Delivered, alert.FollowUp!.State);

        var listed = await AlertTestKit.GraphQL(server, "query($rule: ID) { alerts(first: 10, filter: { ruleId: $rule }) { totalCount edges { node { ruleName outletCount headline delivery { state attempts } followUp { state } } } } }", new { rule = ruleId });
        var alerts = listed.DataAt<Connection<ListedAlert>>("alerts");
        Assert.Equal(1, alerts.TotalCount);
        var node = alerts.Edges[0].Node;
        Assert.Equal(3, node.OutletCount);
        Assert.Equal("DELIVERED", node.Delivery.State);
        var types = await AlertTestKit.EventTypes(server, alert.Id);
        Assert.Single(types, t => t == "alert_raised");
    }

    [Fact]
    public async Task Every_matching_fact_of_one_article_raises_its_own_alert()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        await AlertTestKit.DefineRule(server, "Acme losses", slack.WebhookUrl, new { factTypes = new[] { "LOSS" }, companies = new[] { "AcmeMulti" } });
        // One commit, three facts: the trigger asks the rules once for the article, naming all three; two match.
        var articleId = await AlertTestKit.ReportAll(server, "multi.example", null,
            AlertTestKit.Loss("AcmeMulti", 1_000_000_000m, "AcmeMulti expects a loss of $1 billion in 2026."),
            AlertTestKit.Loss("AcmeMulti", 3_000_000_000m, "AcmeMulti expects a loss of $3 billion in 2026.") with { Period = "2027" },
            AlertTestKit.Loss("OtherCo", 5_000_000_000m, "OtherCo expects a loss of $5 billion in 2026."));

        var messages = await slack.WaitFor(2);
        var texts = messages.Select(m => m.Json.ToJsonString()).ToList();
        Assert.Contains(texts, t => t.Contains("$1 billion"));
        Assert.Contains(texts, t => t.Contains("$3 billion"));
        await using var session = server.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var alerts = await session.Query<AlertView>().ToListAsync();
        Assert.Equal(2, alerts.Count(a => a.RuleName == "Acme losses"));
        Assert.All(alerts.Where(a => a.RuleName == "Acme losses"), a => Assert.Equal(articleId, Assert.Single(a.Sources).ArticleId));
        await Task.Delay(500);
        Assert.Equal(2, slack.Received.Count);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_it_gives()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        slack.Then(SlackAnswer.RateLimited(1));
        await AlertTestKit.DefineRule(server, "Rate limited", slack.WebhookUrl, new { companies = new[] { "Acme429" } });
        await AlertTestKit.Report(server, AlertTestKit.Loss("Acme429"), "a.example");
        var requests = await slack.WaitFor(2);
        Assert.Equal(429, requests[0].AnsweredWith);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), "Retry-After: 1 was not honoured");
        var alert = await AlertTestKit.WaitForAlert(server, a => a.RuleName == "Rate limited" && a.Delivery.State == DeliveryState.Delivered);
        Assert.Equal(2, alert.Delivery.Attempts);
    }

    [Fact]
    public async Task A_5xx_or_a_slow_answer_is_retried_with_backoff_until_delivered()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        slack.Then(SlackAnswer.ServerError, SlackAnswer.Slow(TimeSpan.FromSeconds(3)));
        await AlertTestKit.DefineRule(server, "Flaky", slack.WebhookUrl, new { companies = new[] { "AcmeFlaky" } });
        await AlertTestKit.Report(server, AlertTestKit.Loss("AcmeFlaky"), "a.example");
        var alert = await AlertTestKit.WaitForAlert(server, a => a.RuleName == "Flaky" && a.Delivery.State == DeliveryState.Delivered);
        Assert.Equal(3, alert.Delivery.Attempts);
        var types = await AlertTestKit.EventTypes(server, alert.Id);
        Assert.Equal(2, types.Count(t => t == "alert_delivery_deferred"));
        Assert.Single(types, t => t == "alert_delivered");
    }

    [Fact]
    public async Task A_404_no_service_is_not_retried_and_marks_the_rule_failing()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        slack.Otherwise = SlackAnswer.NoService;
        await AlertTestKit.DefineRule(server, "Gone channel", slack.WebhookUrl, new { companies = new[] { "AcmeGone" } });
        await AlertTestKit.Report(server, AlertTestKit.Loss("AcmeGone"), "a.example");
        var alert = await AlertTestKit.WaitForAlert(server, a => a.RuleName == "Gone channel" && a.Delivery.State == DeliveryState.Failed);
        Assert.Contains("no_service", alert.Delivery.LastError);
        await Task.Delay(1000);
        Assert.Single(slack.Received);

        var rules = await AlertTestKit.GraphQL(server, "{ alertRules { name failing failingReason webhook } }");
        var rule = rules.DataAt<List<RuleRow>>("alertRules").Single(r => r.Name == "Gone channel");
        Assert.True(rule.Failing);
        Assert.Contains("404", rule.FailingReason);
        Assert.DoesNotContain("s3cr3t", rules.ToJsonString());
    }

    [Fact]
    public async Task After_the_last_attempt_the_message_is_dead_lettered_and_redeliver_replays_it()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        slack.Otherwise = SlackAnswer.ServerError;
        await AlertTestKit.DefineRule(server, "Outage", slack.WebhookUrl, new { companies = new[] { "AcmeOutage" } });
        await AlertTestKit.Report(server, AlertTestKit.Loss("AcmeOutage"), "a.example");
        var failed = await AlertTestKit.WaitForAlert(server, a => a.RuleName == "Outage" && a.Delivery.State == DeliveryState.Failed);
        Assert.Equal(3, failed.Delivery.Attempts);
        Assert.Contains("alert_delivery_failed", await AlertTestKit.EventTypes(server, failed.Id));

        slack.Otherwise = SlackAnswer.Ok;
        var run = await IntelCli.Invoke(db.ConnectionString, "alerts", "redeliver", "--alert", failed.Id.ToString());
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var delivered = await AlertTestKit.WaitForAlert(server, a => a.Id == failed.Id && a.Delivery.State == DeliveryState.Delivered);
        Assert.Equal(200, slack.Received[^1].AnsweredWith);
        Assert.Contains("alert_redelivery_requested", await AlertTestKit.EventTypes(server, delivered.Id));
    }
}

/// <summary>Its own database: a server is stopped with a message pending and another one started over the same database.</summary>
public sealed class SlackDeliveryRestartTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task An_alert_committed_before_a_stop_is_delivered_by_the_next_server()
    {
        var port = SlackReceiver.FreePort();
        var webhook = $"http://127.0.0.1:{port}/services/T000TEST/B000TEST/s3cr3tT0ken";
        var slow = AlertTestKit.FastOptions();
        slow.RetryBaseDelay = TimeSpan.FromSeconds(4);
        slow.RetryMaxDelay = TimeSpan.FromSeconds(4);
        slow.MaxAttempts = 10;

        // Slack is down: the alert is raised and committed, its message waits in the durable outbox for a retry.
        var first = await AlertTestKit.StartServer(db.ConnectionString, slow);
        Guid alertId;
        try
        {
            await AlertTestKit.DefineRule(first, "Restart", webhook, new { companies = new[] { "AcmeRestart" } });
            await AlertTestKit.Report(first, AlertTestKit.Loss("AcmeRestart"), "a.example");
            var pending = await AlertTestKit.WaitForAlert(first, a => a.Delivery.State == DeliveryState.Retrying);
            alertId = pending.Id;
        }
        finally
        {
            await AlertTestKit.Stop(first);
        }

        await using var slack = await SlackReceiver.Start(port);
        var second = await AlertTestKit.StartServer(db.ConnectionString, slow);
        try
        {
            var requests = await slack.WaitFor(1, TimeSpan.FromSeconds(60));
            BlockKit.AssertValid(requests[0].Json);
            var alert = await AlertTestKit.WaitForAlert(second, a => a.Id == alertId && a.Delivery.State == DeliveryState.Delivered, TimeSpan.FromSeconds(30));
            Assert.Equal(2, alert.Delivery.Attempts);
            await Task.Delay(500);
            Assert.Single(slack.Received);
        }
        finally
        {
            await AlertTestKit.Stop(second);
        }
    }
}

using System.Net;
using Intelligence.Ingestion.Fetching;
using Intelligence.Server.Alerts;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Tests.Alerts;
using Intelligence.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Security;

/// <summary>Alert webhooks: https to Slack's hosts (or a receiver the operator listed), through the egress guard, with no read-back channel.</summary>
public sealed class WebhookGuardTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static async Task<string?> DefineCode(Microsoft.AspNetCore.Builder.WebApplication server, string name, string webhook)
    {
        var result = await AlertTestKit.GraphQL(server, """
            mutation($input: DefineAlertRuleInput!) { defineAlertRule(input: $input) { rule { ruleId } userErrors { field message code } } }
            """, new { input = new { name, webhookUrl = webhook } });
        var errors = result.DataAt<List<UserError>>("defineAlertRule", "userErrors");
        Assert.DoesNotContain(webhook, result.ToJsonString()); // a refusal never repeats the secret
        return errors.Count == 0 ? null : errors[0].Code;
    }

    [Fact]
    public async Task Define_alert_rule_refuses_private_metadata_and_non_https_webhooks()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString, Strict(AlertTestKit.FastOptions()));
        var (slack, server) = given;
        var refused = new[]
        {
            "https://169.254.169.254/latest/meta-data",
            "https://10.0.0.1/",
            "https://[::ffff:a9fe:a9fe]/",
            "https://[64:ff9b::a00:1]/",
            "https://127.0.0.1:6379/",
            "http://127.0.0.1:8080/services/x",
            "https://localhost:9200/",
            slack.WebhookUrl, // a loopback stand-in not listed by the operator
            "http://hooks.slack.com/services/T0/B0/x",
            "https://hooks.slack.com:8443/services/T0/B0/x",
            "https://hooks.slack.com.evil.example/services/T0/B0/x",
            "https://user:pw@hooks.slack.com/services/T0/B0/x",
            "ftp://hooks.slack.com/services/T0/B0/x",
        };
        for (var i = 0; i < refused.Length; i++)
            Assert.True(await DefineCode(server, $"refused {i}", refused[i]) == "INVALID_WEBHOOK", refused[i]);
        Assert.Null(await DefineCode(server, "slack", "https://hooks.slack.com/services/T0/B0/abcdef"));
    }

    [Fact]
    public async Task The_slack_client_dials_through_the_egress_guard()
    {
        var server = await AlertTestKit.StartServer(db.ConnectionString);
        try
        {
            // 127.0.0.2 is loopback but no configured receiver: the connect-time check refuses it, whatever the URL policy said.
            var http = server.Services.GetRequiredService<IHttpClientFactory>().CreateClient(SlackWebhookClient.HttpClientName);
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("http://127.0.0.2:9/services/x", new StringContent("{}")));
            Assert.IsType<FetchRefusedException>(error.InnerException);
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Last_error_holds_a_status_and_a_classified_reason_never_the_remote_body()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        slack.Otherwise = new SlackAnswer(403, "<html>root:x:0:0 internal admin console, token=abc</html>");
        await AlertTestKit.DefineRule(server, "Body leak", slack.WebhookUrl, new { companies = new[] { "AcmeLeak" } });
        await AlertTestKit.Report(server, AlertTestKit.Loss("AcmeLeak"), "leak.example");
        var failed = await AlertTestKit.WaitForAlert(server, a => a.Delivery.State == DeliveryState.Failed);
        Assert.Equal("HTTP 403 forbidden", failed.Delivery.LastError);

        Assert.Equal("HTTP 404 no_service", ((SlackOutcome.Permanent)SlackWebhookClient.Classify(HttpStatusCode.NotFound, "no_service", null)).Reason);
        Assert.Equal("HTTP 500 internal server error", ((SlackOutcome.Transient)SlackWebhookClient.Classify(HttpStatusCode.InternalServerError, "secret stack trace", null)).Reason);
        Assert.Equal("HTTP 302 redirect (not followed)", ((SlackOutcome.Permanent)SlackWebhookClient.Classify(HttpStatusCode.Found, "", null)).Reason);
    }

    private static AlertOptions Strict(AlertOptions options)
    {
        options.WebhookReceivers = [];
        return options;
    }
}

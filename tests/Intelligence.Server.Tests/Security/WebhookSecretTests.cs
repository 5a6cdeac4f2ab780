using System.Text.Json.Nodes;
using Intelligence.Server.Alerts;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Events;
using Intelligence.Server.Live;
using Intelligence.Server.Tests.Alerts;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intelligence.Server.Tests.Security;

/// <summary>A webhook URL is a secret: no query, subscription or export shows it, to readers nor to anonymous dev callers.</summary>
public sealed class WebhookSecretTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const string Token = "s3cr3tT0ken";

    [Fact]
    public async Task No_event_type_subscription_or_export_carries_a_webhook()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        await server.Services.GetRequiredService<LiveListener>().WhenListening.WaitAsync(TimeSpan.FromSeconds(30));
        var reader = await server.CreateKey("reader");
        var address = AlertTestKit.Address(server);
        await using var socket = await GqlSocket.Ready(new Uri($"ws://{address.Authority}/graphql"), reader);
        await socket.Subscribe("1", "subscription { alertRaised { alertId ruleName rule { webhook } delivery { lastError } } }");
        await Task.Delay(500); // a subscribe has no acknowledgement

        await AlertTestKit.DefineRule(server, "Secret losses", slack.WebhookUrl, new { factTypes = new[] { "LOSS" } });
        // Changed twice: criteria only (destination kept), then a new webhook.
        await AlertTestKit.DefineRule(server, "Secret losses", slack.WebhookUrl, new { factTypes = new[] { "LOSS" }, minConfidence = 0.5 });
        var second = slack.WebhookUrl.Replace(Token, Token + "Two");
        await AlertTestKit.DefineRule(server, "Secret losses", second, new { factTypes = new[] { "LOSS" }, minConfidence = 0.5 });
        slack.Then(SlackAnswer.ServerError);
        await AlertTestKit.Report(server, AlertTestKit.Loss("AcmeSecret"), "secret.example");
        await slack.WaitFor(2);
        await AlertTestKit.WaitForAlert(server, a => a.Delivery.State == DeliveryState.Delivered);
        Assert.Contains(Token + "Two", slack.Received.Last().Path); // the stored secret is what is posted to

        var outputs = new List<string> { (await socket.Receive()).ToJsonString() };
        using var http = new HttpClient { BaseAddress = address };
        foreach (var bearer in new[] { reader, null }) // a reader key, and the anonymous dev-mode caller
        {
            outputs.Add(await Post(http, "{ events(first: 100) { nodes { type data } } }", bearer));
            foreach (var type in EventTypeNames.All.Values.Where(name => name.StartsWith("alert_")))
                outputs.Add(await Post(http, $$"""{ events(first: 100, types: ["{{type}}"]) { nodes { type data } } }""", bearer));
            outputs.Add(await Post(http, "{ alertRules { name webhook } alerts(first: 10) { nodes { delivery { lastError } rule { webhook } } } }", bearer));
        }
        Assert.Contains(outputs, o => o.Contains("alert_rule_changed")); // the scan did see the rule's events
        Assert.Contains(outputs, o => o.Contains("alert_delivery_deferred"));
        foreach (var format in new[] { "jsonl", "csv" })
        {
            var export = await IntelCli.Invoke(db.ConnectionString, "events", "export", "--format", format, "--out", "-");
            Assert.True(export.ExitCode == 0, export.Stderr);
            Assert.Contains("alert_rule_defined", export.Stdout);
            outputs.Add(export.Stdout + export.Stderr);
        }
        foreach (var output in outputs)
        {
            Assert.DoesNotContain(Token, output);
            Assert.DoesNotContain("/services/T000TEST", output);
        }
        Assert.Contains(outputs, o => o.Contains("http://127.0.0.1:" + slack.Port + "/****"));
    }

    [Fact]
    public async Task Events_stored_before_the_secret_store_are_masked_on_read_then_moved_at_start()
    {
        await using var slack = await SlackReceiver.Start();
        var server = await AlertTestKit.StartServer(db.ConnectionString);
        string ruleId;
        try
        {
            ruleId = await AlertTestKit.DefineRule(server, "Legacy rule", slack.WebhookUrl, new { companies = new[] { "AcmeLegacy" } });
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }

        // What an older version wrote: the URL inside the event and the view, and no secret document.
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var legacy = new NpgsqlCommand("""
                update intel.mt_events set data = jsonb_set(data, '{destination}', jsonb_build_object('webhookUrl', @url::text)) where stream_id = @rule::uuid;
                update intel.mt_doc_alertruleview set data = jsonb_set(data, '{destination}', jsonb_build_object('webhookUrl', @url::text)) where id = @rule::uuid;
                delete from intel.mt_doc_alertwebhooksecret where id = @rule::uuid;
                """, connection);
            legacy.Parameters.AddWithValue("url", slack.WebhookUrl);
            legacy.Parameters.AddWithValue("rule", ruleId);
            await legacy.ExecuteNonQueryAsync();
        }
        var legacyData = new JsonObject { ["ruleId"] = ruleId, ["destination"] = new JsonObject { ["webhookUrl"] = slack.WebhookUrl } }.ToJsonString();
        var masked = LegacyWebhookMigration.Redact("alert_rule_defined", legacyData);
        Assert.DoesNotContain(Token, masked);
        Assert.True(masked.Contains("****0ken"), masked);
        var export = await IntelCli.Invoke(db.ConnectionString, "events", "export", "--types", "alert_rule_defined", "--out", "-");
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Contains("****0ken", export.Stdout);
        Assert.DoesNotContain(Token, export.Stdout);

        // The next start moves the URL to the secret store; the rule still delivers.
        server = await AlertTestKit.StartServer(db.ConnectionString);
        try
        {
            await using (var connection = new NpgsqlConnection(db.ConnectionString))
            {
                await connection.OpenAsync();
                await using var count = new NpgsqlCommand("select count(*) from intel.mt_events where data::text like '%' || @token || '%'", connection);
                count.Parameters.AddWithValue("token", Token);
                Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
            }
            await using (var session = server.Services.GetRequiredService<IDocumentStore>().QuerySession())
            {
                var secret = await session.LoadAsync<AlertWebhookSecret>(Guid.Parse(ruleId));
                Assert.Equal(slack.WebhookUrl, secret?.WebhookUrl);
                var view = await session.LoadAsync<AlertRuleView>(Guid.Parse(ruleId));
                Assert.Equal(secret!.Reference, view!.Destination.Reference);
            }
            await AlertTestKit.Report(server, AlertTestKit.Loss("AcmeLegacy"), "legacy.example");
            Assert.Single(await slack.WaitFor(1));
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }

    private static async Task<string> Post(HttpClient http, string query, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query }) };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}

using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.GraphQL.Limits;
using Intelligence.Server.Hosting;
using Intelligence.Server.Live;
using Intelligence.Server.Tests.Alerts;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Intelligence.Server.Tests.Live;

/// <summary>100 sockets × 100 subscriptions from one key: the caps answer with the protocol's codes, and nothing is lost.</summary>
public sealed class SubscriptionCapTests(PostgresDatabase db, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private sealed record FactWithArticle(System.Text.Json.Nodes.JsonObject? Article);

    private const string Subscription = """
        subscription { factExtracted(filter: { types: [LOSS] }) { factKey type companies fact { key sourceCount } article { id title } } }
        """;

    [Fact]
    public async Task A_hundred_sockets_of_a_hundred_subscriptions_are_capped_with_the_protocol_s_error_and_no_alert_is_lost()
    {
        const int socketsPerKey = 40, subscriptionsPerKey = 1_500;
        await using var slack = await SlackReceiver.Start();
        var options = new IntelligenceOptions { ConnectionString = db.ConnectionString, Port = 0 };
        var app = IntelligenceHost.Build(options, builder =>
        {
            builder.Services.PostConfigure<GraphQLLimits>(l =>
            {
                l.MaxSocketsPerKey = socketsPerKey;
                l.MaxSubscriptionsPerKey = subscriptionsPerKey;
            });
            // The local Slack stand-in listens on loopback: listed as a self-hosted receiver, as an operator would.
            builder.Services.PostConfigure<Intelligence.Server.Alerts.AlertOptions>(o => o.WebhookReceivers = AlertTestKit.FastOptions().WebhookReceivers);
        });
        await app.StartAsync();
        var sockets = new List<GqlSocket>();
        try
        {
            await app.Services.GetRequiredService<LiveListener>().WhenListening.WaitAsync(TimeSpan.FromSeconds(30));
            await AlertTestKit.DefineRule(app, "Every loss while crowded", slack.WebhookUrl, new { factTypes = new[] { "LOSS" } });
            var key = await app.CreateKey("reader");
            var uri = new Uri($"ws://{new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Authority}/graphql");

            int refusedSockets = 0;
            var inbox = new System.Collections.Concurrent.ConcurrentQueue<System.Text.Json.Nodes.JsonObject>();
            var readers = new List<Task>();
            for (var s = 0; s < 100; s++)
            {
                var socket = await GqlSocket.Connect(uri);
                await socket.Send(new { type = "connection_init", payload = new { authorization = "Bearer " + key } });
                System.Text.Json.Nodes.JsonObject? first;
                try
                {
                    first = await socket.Receive(patience: TimeSpan.FromSeconds(10));
                }
                catch (Xunit.Sdk.XunitException)
                {
                    first = null;
                }
                if (first is null || (string?)first["type"] != "connection_ack")
                {
                    Assert.Equal(SocketLimits.TryAgainLater, (int?)socket.CloseStatus);
                    refusedSockets++;
                    await socket.DisposeAsync();
                    continue;
                }
                sockets.Add(socket);
                readers.Add(Task.Run(async () =>
                {
                    try
                    {
                        while (true) inbox.Enqueue(await socket.Receive(patience: TimeSpan.FromMinutes(5)));
                    }
                    catch (Exception) { }
                }));
                for (var i = 0; i < 100; i++) await socket.Subscribe($"s{i}", Subscription);
            }
            Assert.Equal(100 - socketsPerKey, refusedSockets);

            // Every subscription over the key's cap gets `error` with its id; the others are running.
            var hub = app.Services.GetRequiredService<LiveHub>();
            var expectedRefusals = socketsPerKey * 100 - subscriptionsPerKey;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((hub.SubscriberCount < subscriptionsPerKey || inbox.Count < expectedRefusals) && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.Equal(subscriptionsPerKey, hub.SubscriberCount);
            var refusals = inbox.ToArray();
            Assert.Equal(expectedRefusals, refusals.Length);
            Assert.All(refusals, m =>
            {
                Assert.Equal("error", (string?)m["type"]);
                Assert.Equal("TOO_MANY_OPERATIONS", (string?)m["payload"]![0]!["extensions"]!["code"]);
            });
            inbox.Clear();

            // Four facts arrive: every running subscription gets all four with their nested fields, and four alerts go out.
            var companies = new[] { "OpenAI", "Anthropic", "xAI", "Mistral AI" };
            foreach (var company in companies) await AlertTestKit.Report(app, AlertTestKit.Loss(company, 3_000_000_000m, $"{company} crowded loss."), $"{company}.example");
            deadline = DateTime.UtcNow.AddSeconds(90);
            while (inbox.Count < subscriptionsPerKey * companies.Length && DateTime.UtcNow < deadline) await Task.Delay(100);
            await Task.Delay(500);
            var events = inbox.ToArray();
            output.WriteLine($"{refusedSockets} sockets closed 1013, {refusals.Length} subscriptions refused, {events.Length} events delivered to {subscriptionsPerKey} subscriptions");
            Assert.All(events, m => Assert.NotNull(m.NextAt<FactWithArticle>("factExtracted").Article));
            Assert.Equal(subscriptionsPerKey * companies.Length, events.Length);

            var store = app.Services.GetRequiredService<IDocumentStore>();
            var alertsDeadline = DateTime.UtcNow.AddSeconds(30);
            List<AlertView> alerts;
            do
            {
                await Task.Delay(200);
                await using var session = store.QuerySession();
                alerts = [.. await session.Query<AlertView>().Where(a => a.RuleName == "Every loss while crowded").ToListAsync()];
            } while (DateTime.UtcNow < alertsDeadline && (alerts.Count < companies.Length || alerts.Any(a => a.Delivery.State != DeliveryState.Delivered)));
            Assert.Equal(companies.Length, alerts.Count(a => a.Delivery.State == DeliveryState.Delivered));
        }
        finally
        {
            foreach (var socket in sockets) await socket.DisposeAsync();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

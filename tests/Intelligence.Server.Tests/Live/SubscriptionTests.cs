using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intelligence.Server.Tests.Live;

/// <summary>Subscriptions end to end: events committed on one node reach WebSocket subscribers on another (LISTEN/NOTIFY).</summary>
public sealed class SubscriptionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const string FactSubscription = """
        subscription($filter: FactExtractedFilter) {
          factExtracted(filter: $filter) { sequence factKey type companies confidence outlet fact { key sourceCount } article { id } }
        }
        """;

    private static Fact Loss(string company, double confidence = 0.9) => new()
    {
        Type = FactTypes.Loss, Company = company, AmountUsd = 14_000_000_000m, Period = "2026", Kind = "projected", Confidence = confidence, Expert = "financials",
        Evidence = new Evidence(0, 0, 10, $"{company} loses"),
    };

    private static Fact Stake(string holder, string target) => new()
    {
        Type = FactTypes.Stake, Holder = holder, Target = target, Percent = 27, Confidence = 0.9, Expert = "stake",
        Evidence = new Evidence(0, 0, 10, $"{holder} holds {target}"),
    };

    /// <summary>Appends an article and a fact it states, in one transaction, as the pipeline does.</summary>
    private static async Task<Guid> Report(TestNode node, Fact fact, string outlet = "ft.com")
    {
        var store = node.App.Services.GetRequiredService<IDocumentStore>();
        var articleId = Guid.NewGuid();
        var url = $"https://{outlet}/a/{articleId:N}";
        var now = DateTimeOffset.UtcNow;
        await using var session = store.LightweightSession();
        session.Events.StartStream(articleId,
            new ArticleIngested(articleId, url, url, outlet, "A report", null, now.AddHours(-1), "en", "text", articleId.ToString("N"), "0", null, now),
            new FactExtracted(articleId, FactKey.Of(fact), fact, "test-1", now.AddHours(-1), outlet, now));
        await session.SaveChangesAsync();
        return articleId;
    }

    [Fact]
    public async Task A_fact_appended_on_node_A_reaches_a_subscriber_on_node_B_with_filters()
    {
        await using var a = await TestNode.Start(db.ConnectionString);
        await using var b = await TestNode.Start(db.ConnectionString);
        var key = await a.App.CreateKey("reader");

        await using var socket = await GqlSocket.Ready(b.WebSocketUri, key);
        await socket.Subscribe("losses", FactSubscription, new { filter = new { types = new[] { "LOSS" }, companies = new[] { "OpenAI" }, minConfidence = 0.5 } });
        await socket.Subscribe("all", FactSubscription);
        await b.WaitForSubscribers(2);

        await Report(a, Stake("Microsoft", "OpenAI"));      // not a loss
        await Report(a, Loss("Anthropic"));                 // another company
        await Report(a, Loss("OpenAI", confidence: 0.2));   // below minConfidence
        var articleId = await Report(a, Loss("OpenAI"));

        var byId = new Dictionary<string, List<System.Text.Json.Nodes.JsonObject>>();
        while (byId.GetValueOrDefault("losses") is not { Count: 1 } || byId.GetValueOrDefault("all") is not { Count: 4 })
        {
            var message = await socket.Receive();
            Assert.Equal("next", (string?)message["type"]);
            Assert.Null(message["payload"]!["errors"]);
            var id = (string)message["id"]!;
            (byId.TryGetValue(id, out var list) ? list : byId[id] = []).Add(message);
        }
        var loss = byId["losses"][0]["payload"]!["data"]!["factExtracted"]!;
        Assert.Equal("LOSS", (string?)loss["type"]);
        Assert.Equal("OpenAI", (string?)loss["companies"]![0]);
        Assert.Equal(0.9, (double)loss["confidence"]!);
        Assert.Equal("ft.com", (string?)loss["outlet"]);
        Assert.True((int)loss["fact"]!["sourceCount"]! >= 1);
        Assert.NotNull(loss["article"]);
        // The unfiltered stream saw them in commit order.
        var sequences = byId["all"].Select(m => long.Parse((string)m["payload"]!["data"]!["factExtracted"]!["sequence"]!)).ToList();
        Assert.Equal(sequences.Order().ToList(), sequences);

        // The client completes one stream: no more `next` for it; the other stream goes on.
        await socket.Send(new { id = "losses", type = "complete" });
        await b.WaitForSubscribers(1).ContinueWith(_ => { });
        await Report(a, Loss("OpenAI", confidence: 0.95), outlet: "axios.com");
        var after = await socket.Receive();
        Assert.Equal("all", (string?)after["id"]);
        Assert.Null(await socket.ReceiveOrNothing(TimeSpan.FromMilliseconds(500)));
        _ = articleId;
    }

    [Fact]
    public async Task AlertRaised_reaches_subscribers_of_its_rule_on_another_node()
    {
        await using var a = await TestNode.Start(db.ConnectionString);
        await using var b = await TestNode.Start(db.ConnectionString);
        var key = await a.App.CreateKey("reader");
        var rule = Guid.NewGuid();
        var otherRule = Guid.NewGuid();

        await using var socket = await GqlSocket.Ready(b.WebSocketUri, key);
        await socket.Subscribe("mine", "subscription($rule: ID) { alertRaised(filter: { ruleId: $rule }) { alertId ruleName headline outletCount } }", new { rule = rule.ToString() });
        await socket.Subscribe("bad", """subscription { alertRaised(filter: { ruleId: "not-a-rule" }) { alertId } }""");
        var bad = await socket.Receive();
        Assert.Equal("bad", (string?)bad["id"]);
        Assert.Equal("next", (string?)bad["type"]);
        Assert.Equal("BAD_USER_INPUT", (string?)bad["payload"]!["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal("complete", (string?)(await socket.Receive())["type"]);
        await b.WaitForSubscribers(1);

        var store = a.App.Services.GetRequiredService<IDocumentStore>();
        var fact = Loss("OpenAI");
        async Task<Guid> Raise(Guid ruleId, string name)
        {
            var alertId = Guid.NewGuid();
            await using var session = store.LightweightSession();
            session.Events.StartStream(alertId, new AlertRaised(alertId, ruleId, name, FactKey.Of(fact), fact,
                [new AlertSource(Guid.NewGuid(), "ft.com", "https://ft.com/x", "X", DateTimeOffset.UtcNow, 0.9)], 1, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
            return alertId;
        }
        await Raise(otherRule, "someone else's");
        var mine = await Raise(rule, "big losses");

        JsonNodeAssert(await socket.Receive(), mine);

        static void JsonNodeAssert(System.Text.Json.Nodes.JsonObject message, Guid expected)
        {
            Assert.Equal("next", (string?)message["type"]);
            Assert.Equal("mine", (string?)message["id"]);
            var alert = message["payload"]!["data"]!["alertRaised"]!;
            Assert.Equal(expected.ToString(), (string?)alert["alertId"]);
            Assert.Equal("big losses", (string?)alert["ruleName"]);
            Assert.Equal(1, (int)alert["outletCount"]!);
        }
    }

    [Fact]
    public async Task The_listener_reconnects_and_catches_up_after_its_connection_dies()
    {
        await using var node = await TestNode.Start(db.ConnectionString);
        var key = await node.App.CreateKey("reader");
        await using var socket = await GqlSocket.Ready(node.WebSocketUri, key);
        await socket.Subscribe("s", FactSubscription);
        await node.WaitForSubscribers(1);
        await Report(node, Loss("OpenAI"));
        Assert.Equal("next", (string?)(await socket.Receive())["type"]);

        var before = node.Listener.Connections;
        await using (var admin = new NpgsqlConnection(db.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'intelligence-live' and datname = current_database()", admin);
            await kill.ExecuteNonQueryAsync();
        }
        // Committed while the node may not be listening: delivered by the catch-up or by the new LISTEN.
        await Report(node, Loss("Anthropic"));
        var next = await socket.Receive(patience: TimeSpan.FromSeconds(30));
        Assert.Equal("Anthropic", (string?)next["payload"]!["data"]!["factExtracted"]!["companies"]![0]);
        Assert.True(node.Listener.Connections > before);
    }

    [Fact]
    public async Task Streams_complete_when_the_server_shuts_down()
    {
        var node = await TestNode.Start(db.ConnectionString);
        var key = await node.App.CreateKey("reader");
        await using var socket = await GqlSocket.Ready(node.WebSocketUri, key);
        await socket.Subscribe("s", FactSubscription);
        await node.WaitForSubscribers(1);
        await Report(node, Loss("OpenAI"));
        Assert.Equal("next", (string?)(await socket.Receive())["type"]);

        var stopping = node.DisposeAsync().AsTask();
        var complete = await socket.Receive();
        Assert.Equal("complete", (string?)complete["type"]);
        Assert.Equal("s", (string?)complete["id"]);
        Assert.Equal(1001, (await socket.ExpectClose()).Code);
        await stopping;
    }
}

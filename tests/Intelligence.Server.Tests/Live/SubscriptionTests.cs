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

    private sealed record FactEvent(string Sequence, string FactKey, string Type, List<string> Companies, double Confidence, string Outlet,
        FactSources Fact, ArticleRef? Article);

    private sealed record FactSources(string Key, int SourceCount);

    private sealed record ArticleRef(string Id);

    private sealed record AlertEvent(string AlertId, string RuleName, string? Headline, int OutletCount);

    /// <summary>Given node B with a socket subscribed to OpenAI losses of confidence 0.5 or more ("losses") and to every
    /// fact ("all"), when node A reports a stake, a loss of another company, a loss below the confidence and a loss that
    /// matches: the facts each stream received, in the order received.</summary>
    private sealed class GivenFourFactsOnNodeA : IAsyncDisposable
    {
        public required TestNode A { get; init; }
        public required TestNode B { get; init; }
        public required GqlSocket Socket { get; init; }
        public List<FactEvent> Losses { get; } = [];
        public List<FactEvent> All { get; } = [];

        public static async Task<GivenFourFactsOnNodeA> Start(string connectionString)
        {
            var a = await TestNode.Start(connectionString);
            var b = await TestNode.Start(connectionString);
            var key = await a.App.CreateKey("reader");
            var socket = await GqlSocket.Ready(b.WebSocketUri, key);
            var given = new GivenFourFactsOnNodeA { A = a, B = b, Socket = socket };
            await socket.Subscribe("losses", FactSubscription, new { filter = new { types = new[] { "LOSS" }, companies = new[] { "OpenAI" }, minConfidence = 0.5 } });
            await socket.Subscribe("all", FactSubscription);
            await b.WaitForSubscribers(2);

            await Report(a, Stake("Microsoft", "OpenAI"));      // not a loss
            await Report(a, Loss("Anthropic"));                 // another company
            await Report(a, Loss("OpenAI", confidence: 0.2));   // below minConfidence
            await Report(a, Loss("OpenAI"));

            while (given.Losses.Count < 1 || given.All.Count < 4)
            {
                var message = await socket.Receive();
                (message["id"]?.GetValue<string>() == "losses" ? given.Losses : given.All).Add(message.NextAt<FactEvent>("factExtracted"));
            }
            return given;
        }

        public async ValueTask DisposeAsync()
        {
            await Socket.DisposeAsync();
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_fact_appended_on_node_A_reaches_a_subscriber_on_node_B_with_filters()
    {
        await using var given = await GivenFourFactsOnNodeA.Start(db.ConnectionString);

        var loss = Assert.Single(given.Losses);
        Assert.Equal("LOSS", loss.Type);
        Assert.Equal("OpenAI", loss.Companies[0]);
        Assert.Equal(0.9, loss.Confidence);
        Assert.Equal("ft.com", loss.Outlet);
        Assert.True(loss.Fact.SourceCount >= 1);
        Assert.NotNull(loss.Article);
    }

    [Fact]
    public async Task An_unfiltered_subscription_sees_facts_in_commit_order()
    {
        await using var given = await GivenFourFactsOnNodeA.Start(db.ConnectionString);

        var sequences = given.All.Select(f => long.Parse(f.Sequence)).ToList();
        Assert.Equal(sequences.Order().ToList(), sequences);
    }

    [Fact]
    public async Task A_completed_stream_gets_no_more_facts_while_the_other_goes_on()
    {
        await using var given = await GivenFourFactsOnNodeA.Start(db.ConnectionString);

        await given.Socket.Send(new { id = "losses", type = "complete" });
        await given.B.WaitForSubscribers(1).ContinueWith(_ => { });
        await Report(given.A, Loss("OpenAI", confidence: 0.95), outlet: "axios.com");
        var after = await given.Socket.Receive();
        Assert.Equal("all", (string?)after["id"]);
        Assert.Null(await given.Socket.ReceiveOrNothing(TimeSpan.FromMilliseconds(500)));
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
        Assert.Equal("BAD_USER_INPUT", bad["payload"]!.AsObject().ErrorCodes()[0]);
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

        var message = await socket.Receive();
        Assert.Equal("mine", (string?)message["id"]);
        var alert = message.NextAt<AlertEvent>("alertRaised");
        Assert.Equal(mine.ToString(), alert.AlertId);
        Assert.Equal("big losses", alert.RuleName);
        Assert.Equal(1, alert.OutletCount);
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
        Assert.Equal("Anthropic", next.NextAt<FactEvent>("factExtracted").Companies[0]);
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

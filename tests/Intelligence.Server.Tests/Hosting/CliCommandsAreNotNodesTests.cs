using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Tests.Alerts;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intelligence.Server.Tests.Hosting;

/// <summary>
/// One-off `intel` commands beside a running server on the same database: they never become Wolverine nodes, never
/// touch the server's leadership or node row, never own (so never handle) a queued message, and what they ingest is
/// analysed, and alerted on, by the server alone.
/// </summary>
public sealed class CliCommandsAreNotNodesTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const string Messages = "intel_messages";

    [Fact]
    public async Task Ten_cli_commands_leave_the_servers_node_and_leadership_alone_and_deliver_no_alert()
    {
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString);
        var (slack, server) = given;
        await AlertTestKit.DefineRule(server, "OpenAI watch", slack.WebhookUrl, new { companies = new[] { "OpenAI" } });
        await using var sql = NpgsqlDataSource.Create(db.ConnectionString);
        var (serverNode, serverNumber) = await Single<(Guid, int)>(sql, $"select id, node_number from {Messages}.wolverine_nodes", r => (r.GetGuid(0), r.GetInt32(1)));
        // The server assigns itself the leadership and its durability agent shortly after it starts.
        await WaitUntil(async () => await Assignments(sql) is var rows
            && rows.Any(a => a.Agent == "wolverine://leader/" && a.Node == serverNode)
            && rows.Any(a => a.Agent.StartsWith("wolverinedb://", StringComparison.Ordinal) && a.Node == serverNode), "the server to lead");
        var assignmentsBefore = await Assignments(sql);

        // Watch the node tables and the owners of queued messages while the commands run.
        using var stop = new CancellationTokenSource();
        var seen = new HashSet<string>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var node in await Column(sql, $"select node_number from {Messages}.wolverine_nodes where node_number <> {serverNumber}")) seen.Add("node " + node);
                foreach (var owner in await Column(sql, $"select distinct owner_id from {Messages}.wolverine_incoming_envelopes where owner_id not in (0, {serverNumber})")) seen.Add("inbox owner " + owner);
                foreach (var owner in await Column(sql, $"select distinct owner_id from {Messages}.wolverine_outgoing_envelopes where owner_id not in (0, {serverNumber})")) seen.Add("outbox owner " + owner);
                await Task.Delay(50);
            }
        });

        string Sample(string name) => Path.Combine(RepoPaths.SampleCorpus, name);
        string[][] commands =
        [
            ["ingest", "file", Sample("07-mondedulogiciel-openai-publicite-pertes.html")],
            ["keys", "create", "--role", "reader", "--name", "cli-neighbour"],
            ["alerts", "rules", "list"],
            ["ingest", "file", Sample("01-ledger-microsoft-openai-stake.html")],
            ["keys", "list"],
            ["crawl"],
            ["ingest", "file", Sample("07-mondedulogiciel-openai-publicite-pertes.html")],
            ["events", "export", "--types", "fact_extracted", "--format", "jsonl", "--out", Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.jsonl")],
            ["alerts", "rules", "list"],
            ["ingest", "file", Sample("05-pulse-big-tech-capex.html")],
        ];
        foreach (var command in commands)
        {
            var run = await IntelCli.Invoke(db.ConnectionString, command);
            Assert.True(run.ExitCode == 0, $"intel {string.Join(' ', command)}: {run.Stderr}");
        }

        // The commands analysed what they ingested; the server evaluated the rules and delivered the alerts.
        var store = server.Services.GetRequiredService<IDocumentStore>();
        await WaitUntil(async () =>
        {
            await using var session = store.QuerySession();
            return await session.Query<ArticleView>().CountAsync() == 3 && !await session.Query<ArticleView>().AnyAsync(a => a.ExtractorVersion == null);
        }, "the server to analyse the three ingested articles");
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await WaitUntil(async () =>
        {
            await using var session = store.QuerySession();
            var alerts = await session.Query<AlertView>().ToListAsync();
            return alerts.Count > 0 && alerts.All(a => a.Delivery.State == DeliveryState.Delivered);
        }, "every alert to be delivered");
        await stop.CancelAsync();
        await watcher;

        Assert.Empty(seen);
        Assert.Equal(assignmentsBefore, await Assignments(sql));
        Assert.Equal(0, (await Column(sql, $"select count(*) from {Messages}.wolverine_node_records where node_number <> {serverNumber}")).Single());
        var (nodeAfter, numberAfter) = await Single<(Guid, int)>(sql, $"select id, node_number from {Messages}.wolverine_nodes", r => (r.GetGuid(0), r.GetInt32(1)));
        Assert.Equal((serverNode, serverNumber), (nodeAfter, numberAfter));
        // Each Slack message once: no process posted the same alert twice.
        Assert.NotEmpty(slack.Received);
        Assert.Equal(slack.Received.Count, slack.Received.Select(r => r.Body).Distinct().Count());
    }

    private static async Task<List<(string Agent, Guid Node)>> Assignments(NpgsqlDataSource sql)
    {
        var rows = new List<(string, Guid)>();
        await using var command = sql.CreateCommand($"select id, node_id from {Messages}.wolverine_node_assignments order by id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetGuid(1)));
        return rows;
    }

    private static async Task<List<long>> Column(NpgsqlDataSource sql, string text)
    {
        var values = new List<long>();
        await using var command = sql.CreateCommand(text);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(Convert.ToInt64(reader.GetValue(0)));
        return values;
    }

    private static async Task<T> Single<T>(NpgsqlDataSource sql, string text, Func<NpgsqlDataReader, T> read)
    {
        await using var command = sql.CreateCommand(text);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no row: " + text);
        var value = read(reader);
        Assert.False(await reader.ReadAsync(), "more than one row: " + text);
        return value;
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }
}

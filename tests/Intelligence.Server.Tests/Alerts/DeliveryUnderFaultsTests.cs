using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>
/// The faults of a real deployment while alerts are being delivered: the database going away for 20 s, and Slack
/// rate-limiting every post for 45 s. Every alert ends delivered; none is dead-lettered or left pending.
/// </summary>
public sealed class DeliveryUnderFaultsTests(PostgresDatabase db, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private static readonly string[] Companies = ["OpenAI", "Anthropic", "xAI", "Mistral AI", "Meta", "Nvidia", "Amazon", "Google"];

    [Fact]
    public async Task A_20_s_database_outage_during_delivery_loses_no_alert()
    {
        await using var outage = DatabaseOutage.Start(db.ConnectionString);
        // Slack itself is healthy here: no cap on failed posts, and time enough for a loaded machine to get its answer.
        var options = AlertTestKit.FastOptions();
        options.MaxAttempts = 0;
        options.RequestTimeout = TimeSpan.FromSeconds(5);
        await using var given = await GivenSlackAndServer.Start(outage.ConnectionString, options);
        var (slack, server) = given;
        slack.Otherwise = SlackAnswer.Slow(TimeSpan.FromMilliseconds(700));
        var rule = await AlertTestKit.DefineRule(server, "Losses during an outage", slack.WebhookUrl, new { factTypes = new[] { "LOSS" }, keywords = new[] { "Outage loss" } });
        const int count = 40;
        for (var i = 0; i < count; i++)
            await AlertTestKit.Report(server, AlertTestKit.Loss(Companies[i % Companies.Length], 1_000_000_000m * (i + 2), $"Outage loss number {i}."), $"outage{i}.example");

        // Delivery is under way (Slack answers in 0.7 s, 8 at a time): the database goes away while posts are in flight.
        await slack.WaitFor(10, TimeSpan.FromSeconds(60));
        var before = slack.Received.Count(r => r.AnsweredWith == 200);
        outage.Cut();
        var cutAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(20));
        outage.Restore();
        output.WriteLine($"database cut for {(DateTime.UtcNow - cutAt).TotalSeconds:0.0} s after {before} of {count} posts");
        Assert.True(before < count, $"All {before} posts went out before the outage: the test did not cut delivery midway.");

        var views = await WaitUntilDelivered(db.ConnectionString, "Losses during an outage", count, TimeSpan.FromSeconds(120));
        Assert.All(views, v => Assert.Equal(DeliveryState.Delivered, v.Delivery.State));
        // A message names its source by URL (the quote is not part of it): every alert's own post reached Slack.
        var posted = slack.Received.Where(r => r.AnsweredWith == 200).Select(r => r.Body).ToList();
        for (var i = 0; i < count; i++) Assert.Contains(posted, b => b.Contains($"https://outage{i}.example/articles/"));
        output.WriteLine($"{views.Count} alerts delivered, {posted.Count} posts (duplicates: {posted.Count - count}), dead letters: {await DeadLetters(db.ConnectionString)}");
        Assert.Equal(0, await DeadLetters(db.ConnectionString));
        // The node survived the outage: a post Slack accepted before the cut is recorded from memory, not posted again.
        Assert.Equal(count, posted.Count);
    }

    [Fact]
    public async Task A_45_s_burst_of_429_with_Retry_After_1_ends_with_every_alert_delivered()
    {
        // Three failed attempts would dead-letter a message; 429s must not count as attempts.
        var fast = AlertTestKit.FastOptions();
        fast.RequestTimeout = TimeSpan.FromSeconds(5);
        await using var given = await GivenSlackAndServer.Start(db.ConnectionString, fast);
        var (slack, server) = given;
        slack.Otherwise = SlackAnswer.RateLimited(1);
        await AlertTestKit.DefineRule(server, "Losses under rate limiting", slack.WebhookUrl, new { factTypes = new[] { "LOSS" }, keywords = new[] { "Burst" } });
        const int count = 40;
        var burstEnds = DateTime.UtcNow.AddSeconds(45);
        for (var i = 0; i < count; i++)
            await AlertTestKit.Report(server, AlertTestKit.Loss(Companies[i % Companies.Length], 1_000_000_000m * (i + 100), $"Burst loss {i}.") with { Period = $"{1980 + i}" }, $"burst{i}.example");
        await Task.Delay(burstEnds - DateTime.UtcNow);
        slack.Otherwise = SlackAnswer.Ok;
        var limited = slack.Received.Count(r => r.AnsweredWith == 429);
        output.WriteLine($"{limited} posts answered 429 during the 45 s burst");
        Assert.True(limited >= count, $"Only {limited} posts were rate-limited");

        var store = server.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<AlertView> alerts;
        do
        {
            await Task.Delay(250);
            await using var session = store.QuerySession();
            alerts = [.. await session.Query<AlertView>().Where(a => a.RuleName == "Losses under rate limiting").ToListAsync()];
            Assert.DoesNotContain(alerts, a => a.Delivery.State == DeliveryState.Failed);
        } while (DateTime.UtcNow < deadline && (alerts.Count < count || alerts.Any(a => a.Delivery.State != DeliveryState.Delivered)));
        Assert.Equal(count, alerts.Count(a => a.Delivery.State == DeliveryState.Delivered));
        // Far more tries than MaxAttempts (3) allows failures: the 429s were not counted against it.
        Assert.All(alerts, a => Assert.True(a.Delivery.Attempts > fast.MaxAttempts, $"{a.Delivery.Attempts} attempts"));
        output.WriteLine($"all {count} delivered; attempts per alert {alerts.Min(a => a.Delivery.Attempts)}..{alerts.Max(a => a.Delivery.Attempts)}");
    }

    /// <summary>Read straight from PostgreSQL (not through the server's relay), until every alert is delivered.</summary>
    private static async Task<List<AlertView>> WaitUntilDelivered(string connectionString, string rule, int count, TimeSpan timeout)
    {
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = "intel";
            options.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase);
            options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        });
        var deadline = DateTime.UtcNow + timeout;
        List<AlertView> views = [];
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            views = [.. await session.Query<AlertView>().Where(a => a.RuleName == rule).ToListAsync()];
            Assert.DoesNotContain(views, v => v.Delivery.State == DeliveryState.Failed);
            if (views.Count >= count && views.All(v => v.Delivery.State == DeliveryState.Delivered)) return views;
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException(
            $"{views.Count(v => v.Delivery.State == DeliveryState.Delivered)} of {count} alerts delivered ({views.Count} raised; " +
            $"states: {string.Join(", ", views.GroupBy(v => v.Delivery.State).Select(g => $"{g.Key} {g.Count()}"))}); " +
            $"inbox: {await Inbox(connectionString)}; dead letters: {await DeadLetters(connectionString)}.");
    }

    /// <summary>The messages still in Wolverine's inbox, by type, status and owner: where a lost message sits.</summary>
    private static async Task<string> Inbox(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(string_agg(message_type || ' ' || status || ' owner ' || owner_id || ' attempts ' || attempts, '; '), 'empty') " +
            "from intel_messages.wolverine_incoming_envelopes where status <> 'Handled'", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> DeadLetters(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from intel_messages.wolverine_dead_letters", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

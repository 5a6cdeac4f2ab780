using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Intelligence.Server.Hosting;

namespace Intelligence.Server.Alerts.Rules;

/// <summary>
/// The secret store for webhook URLs: one document per rule (its own table, never part of the event stream, so the
/// `events` API, subscriptions and `intel events export` cannot reach it). Events carry <see cref="Reference"/> only.
/// </summary>
public sealed class AlertWebhookSecret
{
    /// <summary>The rule's id.</summary>
    public Guid Id { get; set; }
    public string Reference { get; set; } = "";
    public string WebhookUrl { get; set; } = "";
    public DateTimeOffset StoredAt { get; set; }

    /// <summary>The URL to post a rule's messages to, or null when none is stored.</summary>
    public static async Task<string?> UrlOf(IQuerySession session, AlertRuleView rule, CancellationToken ct) =>
        (await session.LoadAsync<AlertWebhookSecret>(rule.Id, ct))?.WebhookUrl;
}

/// <summary>
/// Events written before webhook URLs moved to the secret store carry `destination.webhookUrl`. They are rewritten once,
/// at start: each URL goes to the secret store (the latest per rule), the event keeps a reference and the masked form,
/// and the rule's view is updated, all in one transaction. Until then (and for any copy of old data) readers see them
/// through <see cref="Redact"/>.
/// </summary>
public sealed class LegacyWebhookMigration(IDocumentStore store, NpgsqlDataSource db, IntelligenceOptions options,
    ILogger<LegacyWebhookMigration> log) : IHostedService
{
    public static readonly IReadOnlySet<string> SecretBearingTypes = new HashSet<string>(StringComparer.Ordinal) { "alert_rule_defined", "alert_rule_changed" };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var moved = await Run(store, db, options.Schema, cancellationToken);
            if (moved > 0) log.LogInformation("Moved {Count} webhook URLs from stored events to the secret store", moved);
        }
        catch (Exception e) when (e is not OperationCanceledException) // never keep the server from starting
        {
            log.LogError("Webhook URLs in old events were not moved to the secret store: {Error}; readers still see them masked", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task<int> Run(IDocumentStore store, NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        await using (var exists = db.CreateCommand("select to_regclass(@table) is not null"))
        {
            exists.Parameters.AddWithValue("table", $"{schema}.mt_events");
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return 0;
        }
        var legacy = new List<(Guid Id, Guid Rule, JsonObject Data)>();
        await using (var find = db.CreateCommand(
            $"select id, stream_id, data::text from {schema}.mt_events where type = any(@types) and data->'destination' ? 'webhookUrl' order by seq_id"))
        {
            find.Parameters.AddWithValue("types", SecretBearingTypes.ToArray());
            await using var reader = await find.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                legacy.Add((reader.GetGuid(0), reader.GetGuid(1), JsonNode.Parse(reader.GetString(2))!.AsObject()));
        }
        if (legacy.Count == 0) return 0;

        await using var session = store.LightweightSession();
        var latest = new Dictionary<Guid, (string Url, SlackDestination Destination)>();
        foreach (var (id, rule, data) in legacy)
        {
            var url = (string?)data["destination"]?["webhookUrl"] ?? "";
            var destination = SlackDestination.For(url);
            data["destination"] = new JsonObject { ["reference"] = destination.Reference, ["masked"] = destination.Masked };
            session.QueueSqlCommand($"update {schema}.mt_events set data = ?::jsonb where id = ?", data.ToJsonString(), id);
            latest[rule] = (url, destination);
        }
        foreach (var (rule, (url, destination)) in latest)
        {
            session.Store(new AlertWebhookSecret { Id = rule, Reference = destination.Reference, WebhookUrl = url, StoredAt = DateTimeOffset.UtcNow });
            if (await session.LoadAsync<AlertRuleView>(rule, ct) is { } view)
            {
                view.Destination = destination;
                session.Store(view);
            }
        }
        await session.SaveChangesAsync(ct);
        return legacy.Count;
    }

    /// <summary>
    /// Event data as readers may see it: a legacy `destination.webhookUrl` is replaced by its masked form. Cheap for every
    /// other event (a type check, then a substring check).
    /// </summary>
    public static string Redact(string type, string data)
    {
        if (!SecretBearingTypes.Contains(type) || !data.Contains("\"webhookUrl\"", StringComparison.Ordinal)) return data;
        var node = JsonNode.Parse(data)!.AsObject();
        if (node["destination"] is JsonObject destination && (string?)destination["webhookUrl"] is { } url)
            node["destination"] = new JsonObject { ["masked"] = SlackDestination.Mask(url) };
        return node.ToJsonString();
    }
}

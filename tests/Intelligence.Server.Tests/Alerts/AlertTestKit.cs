using System.Text.Json.Nodes;
using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Hosting;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Marten;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>Starts the real server with fast alert retry delays, appends facts as the pipeline would, and waits for outcomes.</summary>
public static class AlertTestKit
{
    public static AlertOptions FastOptions() => new()
    {
        MaxAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(1),
        // The local Slack stand-in listens on loopback: listed as a self-hosted receiver, as an operator would.
        WebhookReceivers = ["http://127.0.0.1"],
    };

    public static async Task<WebApplication> StartServer(string connectionString, AlertOptions? alerts = null, Func<IntelligenceOptions, IntelligenceOptions>? tweak = null)
    {
        var options = new IntelligenceOptions { ConnectionString = connectionString, Port = 0, DevMode = true };
        options = tweak?.Invoke(options) ?? options;
        var chosen = alerts ?? FastOptions();
        var app = IntelligenceHost.Build(options, builder => builder.Services.PostConfigure<AlertOptions>(o =>
        {
            o.MaxAttempts = chosen.MaxAttempts;
            o.RetryHorizon = chosen.RetryHorizon;
            o.StalledAfter = chosen.StalledAfter;
            o.RetryBaseDelay = chosen.RetryBaseDelay;
            o.RetryMaxDelay = chosen.RetryMaxDelay;
            o.MaxRetryAfter = chosen.MaxRetryAfter;
            o.RequestTimeout = chosen.RequestTimeout;
            o.RulesFile = chosen.RulesFile;
            o.WebhookReceivers = chosen.WebhookReceivers;
        }));
        await app.StartAsync();
        return app;
    }

    public static Uri Address(WebApplication app) => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<JsonObject> GraphQL(WebApplication app, string query, object? variables = null)
    {
        using var http = new HttpClient { BaseAddress = Address(app) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateKey("editor", "alert tests"));
        using var response = await http.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new { query, variables }));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static async Task<string> DefineRule(WebApplication app, string name, string webhook, object? criteria = null)
    {
        var result = await GraphQL(app, """
            mutation($input: DefineAlertRuleInput!) { defineAlertRule(input: $input) { rule { ruleId webhook } userErrors { field message code } } }
            """, new { input = new { name, webhookUrl = webhook, criteria } });
        var payload = result["data"]?["defineAlertRule"] ?? throw new Xunit.Sdk.XunitException(result.ToJsonString());
        Assert.True(payload["userErrors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload["rule"]!["ruleId"]!.GetValue<string>();
    }

    public static Fact Loss(string company = "OpenAI", decimal amount = 14_000_000_000m, string quote = "OpenAI prévoit une perte de 14 milliards de dollars en 2026.") => new()
    {
        Type = FactTypes.Loss, Company = company, AmountUsd = amount, Period = "2026", Kind = "projected", Confidence = 0.9, Expert = "financials",
        Evidence = new Evidence(0, 0, quote.Length, quote),
    };

    /// <summary>Appends an article stating the fact, as ingestion + analysis would (ArticleIngested then FactExtracted), in one transaction.</summary>
    public static Task<Guid> Report(WebApplication app, Fact fact, string outlet, string? url = null) => ReportAll(app, outlet, url, fact);

    /// <summary>
    /// Appends an article stating all these facts (one FactExtracted each) and, as the analysis does, their alert evaluation
    /// through the outbox, in one transaction.
    /// </summary>
    public static async Task<Guid> ReportAll(WebApplication app, string outlet, string? url, params Fact[] facts)
    {
        var articleId = Guid.NewGuid();
        url ??= $"https://{outlet}/articles/{articleId:N}";
        var now = DateTimeOffset.UtcNow;
        object[] events =
        [
            new ArticleIngested(articleId, url, url, outlet, $"{outlet} reports a fact", null, now.AddHours(-1), "fr", "text", articleId.ToString("N"), "0000000000000000", null, now),
            .. facts.Select(fact => new FactExtracted(articleId, FactKey.Of(fact), fact, "test-1", now.AddHours(-1), outlet, now)),
        ];
        using var scope = app.Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        outbox.Enroll(session);
        session.Events.StartStream(articleId, events);
        if (EvaluateFactAlerts.For(events) is { } evaluation) await outbox.PublishAsync(evaluation);
        await session.SaveChangesAsync();
        return articleId;
    }

    public static async Task<AlertView> WaitForAlert(WebApplication app, Func<AlertView, bool> until, TimeSpan? timeout = null)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        AlertView? last = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            var alerts = await session.Query<AlertView>().ToListAsync();
            last = alerts.FirstOrDefault(until);
            if (last is not null) return last;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("No alert reached the expected state in time.");
    }

    public static async Task<IReadOnlyList<string>> EventTypes(WebApplication app, Guid streamId)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(streamId)).Select(e => e.EventTypeName).ToList();
    }

    public static async Task Stop(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Given a Slack stand-in and a server (dev mode, fast alert retries unless told otherwise) whose rules can post to
/// it: `await using var given = await GivenSlackAndServer.Start(db.ConnectionString); var (slack, server) = given;`.
/// Disposing stops the server, then the stand-in.</summary>
public sealed class GivenSlackAndServer : IAsyncDisposable
{
    private GivenSlackAndServer(SlackReceiver slack, WebApplication server) => (Slack, Server) = (slack, server);

    public SlackReceiver Slack { get; }
    public WebApplication Server { get; }

    public static async Task<GivenSlackAndServer> Start(string connectionString, AlertOptions? alerts = null, Func<IntelligenceOptions, IntelligenceOptions>? tweak = null)
    {
        var slack = await SlackReceiver.Start();
        try
        {
            return new GivenSlackAndServer(slack, await AlertTestKit.StartServer(connectionString, alerts, tweak));
        }
        catch
        {
            await slack.DisposeAsync();
            throw;
        }
    }

    public void Deconstruct(out SlackReceiver slack, out WebApplication server) => (slack, server) = (Slack, Server);

    public async ValueTask DisposeAsync()
    {
        await AlertTestKit.Stop(Server);
        await Slack.DisposeAsync();
    }
}

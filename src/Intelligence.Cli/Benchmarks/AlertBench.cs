using System.CommandLine;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Intelligence.Cli.Hosting;
using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Hosting;
using Intelligence.Server.Security;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Marten;

namespace Intelligence.Cli.Benchmarks;

/// <summary>
/// `intel bench alerts`: commits N loss facts at a steady rate and measures, per fact, the time from its FactExtracted
/// commit to the webhook request arriving at a local Slack stand-in (rule evaluation, AlertRaised, outbox, delivery).
/// </summary>
public static partial class AlertBench
{
    private const string BenchSchema = "intel_bench_alerts";

    public static void AddTo(Command bench)
    {
        var alerts = new Option<int>("--alerts") { Description = "Facts (and so alerts) to send.", DefaultValueFactory = _ => 500 };
        var rate = new Option<int>("--rate") { Description = "Facts committed per second.", DefaultValueFactory = _ => 25 };
        var command = new Command("alerts", "Latency from FactExtracted committed to the Slack webhook request received: p50/p95/p99.");
        command.Options.Add(alerts);
        command.Options.Add(rate);
        command.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var n = parse.GetValue(alerts);
            var received = new ConcurrentDictionary<int, long>();
            var receiver = await StartReceiver(received, ct);
            var app = IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = CliHost.ConnectionString(parse), Schema = BenchSchema, Port = 0, DevMode = true });
            await app.StartAsync(ct);
            try
            {
                var store = app.Services.GetRequiredService<IDocumentStore>();
                await store.Advanced.Clean.DeleteAllEventDataAsync(ct);
                await store.Advanced.Clean.DeleteAllDocumentsAsync(ct);
                await DefineRule(app, Address(receiver) + "/services/BENCH/BENCH/bench", ct);

                var committed = new long[n];
                var interval = TimeSpan.FromSeconds(1.0 / parse.GetValue(rate));
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < n; i++)
                {
                    var due = interval * i;
                    if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed, ct);
                    await Commit(app.Services, i, ct);
                    committed[i] = Stopwatch.GetTimestamp();
                }
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (received.Count < n && DateTime.UtcNow < deadline) await Task.Delay(100, ct);

                var latencies = received.Where(r => r.Key < n).Select(r => Stopwatch.GetElapsedTime(committed[r.Key], r.Value).TotalMilliseconds).Order().ToArray();
                double At(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
                Console.WriteLine($"alerts: {n} committed at {parse.GetValue(rate)}/s, {latencies.Length} delivered");
                Console.WriteLine($"FactExtracted committed -> webhook received: p50 {At(0.5):F0} ms, p95 {At(0.95):F0} ms, p99 {At(0.99):F0} ms, max {latencies.LastOrDefault():F0} ms");
                return latencies.Length == n ? 0 : 1;
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
                await receiver.DisposeAsync();
            }
        }));
        bench.Subcommands.Add(command);
    }

    /// <summary>Commits an article stating one fact and, as the analysis does, its alert evaluation (outbox, same transaction).</summary>
    private static async Task Commit(IServiceProvider services, int i, CancellationToken ct)
    {
        var article = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var quote = $"Bench Co {i} expects a loss of $2 billion (bench-fact-{i}).";
        var fact = new Fact
        {
            Type = FactTypes.Loss, Company = $"Bench Co {i}", AmountUsd = 2_000_000_000m, Period = "2026", Kind = "projected",
            Confidence = 0.9, Expert = "financials", Evidence = new Evidence(0, 0, quote.Length, quote),
        };
        var url = $"https://bench.example/{article:N}";
        var extracted = new FactExtracted(article, FactKey.Of(fact), fact, "bench/1", now, "bench.example", now);
        using var scope = services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        outbox.Enroll(session);
        session.Events.StartStream(article,
            new ArticleIngested(article, url, url, "bench.example", $"Bench {i}", null, now, "en", quote, article.ToString("N"), "0000000000000000", "bench", now),
            extracted);
        await outbox.PublishAsync(EvaluateFactAlerts.For([extracted])!);
        await session.SaveChangesAsync(ct);
    }

    private static async Task DefineRule(WebApplication app, string webhook, CancellationToken ct)
    {
        using var scope = app.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<CreateApiKeyResult>(new CreateApiKey(ApiRole.Editor, "bench alerts"), ct);
        var key = created.Created!;
        using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key.Secret);
        var response = await http.PostAsJsonAsync("/graphql", new
        {
            query = "mutation($input: DefineAlertRuleInput!) { defineAlertRule(input: $input) { userErrors { message } } }",
            variables = new { input = new { name = "Bench losses", webhookUrl = webhook, criteria = new { factTypes = new[] { "LOSS" } } } },
        }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode || body.Contains("\"message\"")) throw new CliException("Could not define the bench rule: " + body);
    }

    private static async Task<WebApplication> StartReceiver(ConcurrentDictionary<int, long> received, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = builder.Build();
        receiver.MapPost("/services/{a}/{b}/{c}", async (HttpContext http) =>
        {
            var at = Stopwatch.GetTimestamp();
            using var reader = new StreamReader(http.Request.Body);
            var match = BenchFact().Match(await reader.ReadToEndAsync());
            if (match.Success) received.TryAdd(int.Parse(match.Groups[1].Value), at);
            return Results.Text("ok");
        });
        await receiver.StartAsync(ct);
        return receiver;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    [GeneratedRegex(@"Bench Co (\d+)")]
    private static partial Regex BenchFact();
}

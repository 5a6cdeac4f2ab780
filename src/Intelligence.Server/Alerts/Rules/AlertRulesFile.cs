using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Intelligence.Server.Alerts.Rules;

/// <summary>
/// Rules as a file, for configuration as code: <c>{"rules":[{"name":"Big losses","criteria":{"factTypes":["loss"],"minAmountUsd":1e10},
/// "webhookUrlEnv":"SLACK_WEBHOOK_DEALS"}]}</c>. <c>webhookUrlEnv</c> names an environment variable so the secret stays out of the file.
/// </summary>
public static class AlertRulesFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record FileRule(string Name, AlertCriteria? Criteria, string? WebhookUrl, string? WebhookUrlEnv);
    private sealed record RulesFile(List<FileRule> Rules);

    /// <summary>The commands the file asks for; a FormatException names the file and what is wrong (never a webhook).</summary>
    public static IReadOnlyList<DefineAlertRule> Read(string path, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        RulesFile? file;
        try
        {
            file = JsonSerializer.Deserialize<RulesFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a rules file ({e.Message})", e);
        }
        if (file?.Rules is null) throw new FormatException($"{path}: expected {{\"rules\": [...]}}");
        return file.Rules.Select((r, i) =>
        {
            var url = r.WebhookUrl;
            if (r.WebhookUrlEnv is { } variable)
                url = environment(variable) ?? throw new FormatException($"{path}: rule {i + 1} ('{r.Name}') names environment variable {variable}, which is not set");
            return new DefineAlertRule(r.Name ?? "", r.Criteria ?? new AlertCriteria(), url);
        }).ToList();
    }
}

/// <summary>Defines the rules of <see cref="AlertOptions.RulesFile"/> once the host has started (idempotent: unchanged rules append nothing).</summary>
public sealed class AlertRulesFileLoader(IOptions<AlertOptions> options, IHostApplicationLifetime lifetime, IServiceProvider services,
    ILogger<AlertRulesFileLoader> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RulesFile is not { Length: > 0 } path) return Task.CompletedTask;
        lifetime.ApplicationStarted.Register(() => _ = Load(path));
        return Task.CompletedTask;
    }

    private async Task Load(string path)
    {
        try
        {
            using var scope = services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            foreach (var command in AlertRulesFile.Read(path))
            {
                var result = await bus.InvokeAsync<AlertRuleResult>(command, lifetime.ApplicationStopping);
                if (result.Errors.Count > 0)
                    log.LogError("Alert rules file {Path}: rule '{Rule}' refused: {Errors}", path, command.Name, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
            }
            log.LogInformation("Alert rules loaded from {Path}", path);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("Alert rules file {Path} not loaded: {Error}", path, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

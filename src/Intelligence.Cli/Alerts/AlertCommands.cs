using System.CommandLine;
using System.Globalization;
using Intelligence.Cli.Hosting;
using Intelligence.Server.Alerts;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.GraphQL;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Cli.Alerts;

/// <summary>`intel alerts rules add|list|delete|load`, `intel alerts test &lt;rule&gt;`, `intel alerts redeliver`.</summary>
public static class AlertCommands
{
    public static void AddTo(RootCommand root)
    {
        var alerts = new Command("alerts", "Alert rules and Slack delivery.");
        var rules = new Command("rules", "Define, list and delete alert rules.");

        var name = new Argument<string>("name") { Description = "Rule name (rules are identified by name: adding an existing name changes it)." };
        var types = new Option<string[]>("--type") { Description = "Fact type (repeatable): " + string.Join(", ", Intelligence.Domain.Facts.FactTypes.All), AllowMultipleArgumentsPerToken = true };
        var companies = new Option<string[]>("--company") { Description = "Company name or alias (repeatable).", AllowMultipleArgumentsPerToken = true };
        var minAmount = new Option<decimal?>("--min-amount-usd") { Description = "amountUsd at least this, e.g. 10e9." };
        var minPercent = new Option<double?>("--min-percent") { Description = "Stake percent at least this." };
        var minChange = new Option<double?>("--min-percent-change") { Description = "Stake changed by at least this many points." };
        var minConfidence = new Option<double>("--min-confidence") { Description = "0..1", DefaultValueFactory = _ => 0 };
        var minSources = new Option<int>("--min-sources") { Description = "Distinct outlets reporting the fact.", DefaultValueFactory = _ => 1 };
        var keywords = new Option<string[]>("--keyword") { Description = "Word that must appear in a quote (repeatable; any of them).", AllowMultipleArgumentsPerToken = true };
        var digest = new Option<int>("--digest-minutes") { Description = "0: immediate; N: one digest every N minutes.", DefaultValueFactory = _ => 0 };
        var quiet = new Option<string?>("--quiet-hours") { Description = "HH:mm-HH:mm[@Time/Zone], e.g. 22:00-07:00@Europe/Paris." };
        var webhookEnv = new Option<string?>("--webhook-env") { Description = "Environment variable holding the Slack incoming-webhook URL (keeps it out of shell history).", DefaultValueFactory = _ => "SLACK_WEBHOOK_URL" };

        var add = new Command("add", "Define (or redefine) a rule. The webhook URL is read from $SLACK_WEBHOOK_URL (or --webhook-env).");
        add.Arguments.Add(name);
        foreach (var option in new Option[] { types, companies, minAmount, minPercent, minChange, minConfidence, minSources, keywords, digest, quiet, webhookEnv })
            add.Options.Add(option);
        add.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (_, bus) =>
        {
            var webhook = parse.GetValue(webhookEnv) is { Length: > 0 } variable ? Environment.GetEnvironmentVariable(variable) : null;
            var criteria = new AlertCriteria
            {
                FactTypes = parse.GetValue(types) ?? [],
                Companies = parse.GetValue(companies) ?? [],
                MinAmountUsd = parse.GetValue(minAmount),
                MinPercent = parse.GetValue(minPercent),
                MinPercentChange = parse.GetValue(minChange),
                MinConfidence = parse.GetValue(minConfidence),
                MinSources = parse.GetValue(minSources),
                Keywords = parse.GetValue(keywords) ?? [],
                DigestMinutes = parse.GetValue(digest),
                QuietHours = ParseQuietHours(parse.GetValue(quiet)),
            };
            var result = await bus.InvokeAsync<AlertRuleResult>(new DefineAlertRule(parse.GetValue(name)!, criteria, webhook), ct);
            ThrowOnErrors(result.Errors);
            Console.WriteLine($"{(result.Changed ? "defined" : "unchanged")} {result.RuleId} {parse.GetValue(name)}");
            return 0;
        }, ct)));

        var file = new Argument<FileInfo>("file") { Description = "A JSON rules file: {\"rules\":[{\"name\":...,\"criteria\":{...},\"webhookUrlEnv\":\"SLACK_X\"}]}" };
        var load = new Command("load", "Define every rule of a file (idempotent).");
        load.Arguments.Add(file);
        load.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (_, bus) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new CliException($"No such file: {path.FullName}");
            IReadOnlyList<DefineAlertRule> commands;
            try { commands = AlertRulesFile.Read(path.FullName); }
            catch (FormatException e) { throw new CliException(e.Message); }
            var failures = 0;
            foreach (var command in commands)
            {
                var result = await bus.InvokeAsync<AlertRuleResult>(command, ct);
                if (result.Errors.Count > 0)
                {
                    failures++;
                    await Console.Error.WriteLineAsync($"rule '{command.Name}': {string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
                }
                else Console.WriteLine($"{(result.Changed ? "defined" : "unchanged")} {result.RuleId} {command.Name}");
            }
            return failures == 0 ? 0 : 1;
        }, ct)));

        var list = new Command("list", "List rules (webhooks masked).");
        list.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, _) =>
        {
            var session = services.GetRequiredService<IQuerySession>();
            foreach (var rule in await session.Query<AlertRuleView>().Where(r => !r.Deleted).OrderBy(r => r.Name).ToListAsync(ct))
                Console.WriteLine($"{rule.Id}\t{rule.Name}\t{Describe(rule.Criteria)}\t{rule.Destination.Masked}{(rule.Failing ? $"\tFAILING: {rule.FailingReason}" : "")}");
            return 0;
        }, ct)));

        var ruleRef = new Argument<string>("rule") { Description = "Rule id or name." };
        var delete = new Command("delete", "Delete a rule (its alerts are kept).");
        delete.Arguments.Add(ruleRef);
        delete.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, bus) =>
        {
            var rule = await FindRule(services, parse.GetValue(ruleRef)!, ct);
            var result = await bus.InvokeAsync<AlertRuleResult>(new DeleteAlertRule(rule.Id), ct);
            ThrowOnErrors(result.Errors);
            Console.WriteLine($"deleted {rule.Id} {rule.Name}");
            return 0;
        }, ct)));

        rules.Subcommands.Add(add);
        rules.Subcommands.Add(load);
        rules.Subcommands.Add(list);
        rules.Subcommands.Add(delete);

        var test = new Command("test", "Post a sample message to a rule's Slack webhook and say what Slack answered.");
        var testRule = new Argument<string>("rule") { Description = "Rule id or name." };
        test.Arguments.Add(testRule);
        test.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, _) =>
        {
            var rule = await FindRule(services, parse.GetValue(testRule)!, ct);
            await using var session = services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            var webhook = await AlertWebhookSecret.UrlOf(session, rule, ct);
            var outcome = await services.GetRequiredService<SlackWebhookClient>().PostAsync(webhook, SlackMessage.Sample(rule.Name), ct);
            switch (outcome)
            {
                case SlackOutcome.Delivered:
                    Console.WriteLine($"delivered to {rule.Destination.Masked}");
                    return 0;
                case SlackOutcome.RateLimited r:
                    throw new CliException($"Slack rate-limited the request (Retry-After {r.RetryAfter?.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) ?? "?"} s).");
                case SlackOutcome.Transient t:
                    throw new CliException($"Slack did not take the message: {t.Reason} (worth retrying).");
                case SlackOutcome.Permanent p:
                    throw new CliException($"Slack refused the webhook: {p.Reason} (fix the rule's webhook).");
                default:
                    return 70;
            }
        }, ct)));

        var redeliver = new Command("redeliver", "Replay dead-lettered Slack messages, and wait for the outcome.");
        var alertOption = new Option<Guid?>("--alert") { Description = "Only this alert." };
        var ruleOption = new Option<string?>("--rule") { Description = "Only this rule's alerts (id or name)." };
        var waitOption = new Option<int>("--wait-seconds") { Description = "How long to wait for the replayed messages.", DefaultValueFactory = _ => 60 };
        redeliver.Options.Add(alertOption);
        redeliver.Options.Add(ruleOption);
        redeliver.Options.Add(waitOption);
        redeliver.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, bus) =>
        {
            Guid? ruleId = parse.GetValue(ruleOption) is { } r ? (await FindRule(services, r, ct)).Id : null;
            var result = await bus.InvokeAsync<RedeliveryResult>(new RedeliverAlerts(parse.GetValue(alertOption), ruleId), ct);
            Console.WriteLine($"requeued {result.AlertIds.Count} alert(s)" + (result.DeadLettersReplayed > 0 ? $", replayed {result.DeadLettersReplayed} dead-lettered message(s)" : ""));
            if (result.AlertIds.Count == 0) return 0;
            // The messages sit in this process's durable queue: wait until each is delivered or dead-lettered again.
            var store = services.GetRequiredService<IDocumentStore>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(parse.GetValue(waitOption));
            List<AlertView> views;
            do
            {
                await Task.Delay(200, ct);
                await using var session = store.QuerySession();
                views = (await session.LoadManyAsync<AlertView>(ct, result.AlertIds)).ToList();
            } while (DateTime.UtcNow < deadline && views.Any(v => Waiting(v.Delivery) || (v.FollowUp is { } f && Waiting(f))));
            foreach (var view in views)
                Console.WriteLine($"{view.Id}\t{view.Delivery.State.ToString().ToLowerInvariant()}{(view.Delivery.LastError is { } e && view.Delivery.State != DeliveryState.Delivered ? "\t" + e : "")}");
            return views.All(v => v.Delivery.State == DeliveryState.Delivered) ? 0 : 1;
        }, ct)));

        alerts.Subcommands.Add(rules);
        alerts.Subcommands.Add(test);
        alerts.Subcommands.Add(redeliver);
        root.Subcommands.Add(alerts);
    }

    private static bool Waiting(MessageDelivery delivery) => delivery.State is DeliveryState.Pending or DeliveryState.Retrying;

    private static async Task<AlertRuleView> FindRule(IServiceProvider services, string idOrName, CancellationToken ct)
    {
        var session = services.GetRequiredService<IQuerySession>();
        var id = Guid.TryParse(idOrName, out var guid) ? guid : AlertIds.Rule(idOrName);
        var rule = await session.LoadAsync<AlertRuleView>(id, ct);
        return rule is { Deleted: false } ? rule : throw new CliException($"No alert rule '{idOrName}' (see `intel alerts rules list`).");
    }

    private static void ThrowOnErrors(IReadOnlyList<UserError> errors)
    {
        if (errors.Count > 0) throw new CliException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    private static QuietHours? ParseQuietHours(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var (range, zone) = text.Split('@') is [var r, var z] ? (r, z) : (text, "UTC");
        var parts = range.Split('-');
        if (parts.Length == 2
            && TimeOnly.TryParseExact(parts[0].Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && TimeOnly.TryParseExact(parts[1].Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            return new QuietHours(start, end, zone.Trim());
        throw new CliException($"--quiet-hours '{text}': expected HH:mm-HH:mm[@Time/Zone].");
    }

    private static string Describe(AlertCriteria c)
    {
        var parts = new List<string>();
        if (c.FactTypes.Count > 0) parts.Add("types=" + string.Join(",", c.FactTypes));
        if (c.Companies.Count > 0) parts.Add("companies=" + string.Join(",", c.Companies));
        if (c.MinAmountUsd is { } a) parts.Add($"amountUsd>={a.ToString(CultureInfo.InvariantCulture)}");
        if (c.MinPercent is { } p) parts.Add($"percent>={p.ToString(CultureInfo.InvariantCulture)}");
        if (c.MinPercentChange is { } pc) parts.Add($"percentChange>={pc.ToString(CultureInfo.InvariantCulture)}");
        if (c.MinConfidence > 0) parts.Add($"confidence>={c.MinConfidence.ToString(CultureInfo.InvariantCulture)}");
        if (c.MinSources > 1) parts.Add($"sources>={c.MinSources}");
        if (c.Keywords.Count > 0) parts.Add("keywords=" + string.Join(",", c.Keywords));
        if (c.DigestMinutes > 0) parts.Add($"digest={c.DigestMinutes}m");
        if (c.QuietHours is { } q) parts.Add($"quiet={q.Start:HH\\:mm}-{q.End:HH\\:mm}@{q.TimeZone}");
        return parts.Count == 0 ? "(every fact)" : string.Join(" ", parts);
    }
}

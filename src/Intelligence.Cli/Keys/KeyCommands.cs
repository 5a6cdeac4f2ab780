using System.CommandLine;
using Intelligence.Cli.Hosting;
using Intelligence.Server.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Cli.Keys;

/// <summary>`intel keys create --role reader|editor|admin [--name x]`, `intel keys list`, `intel keys revoke &lt;id|prefix&gt;`.</summary>
public static class KeyCommands
{
    public static void AddTo(RootCommand root)
    {
        var keys = new Command("keys", "API keys for the GraphQL API (sent as `Authorization: Bearer <key>`).");

        var role = new Option<string>("--role")
        {
            Description = "reader: queries and subscriptions; editor: also mutations; admin: also key management.",
            Required = true,
        };
        role.AcceptOnlyFromAmong("reader", "editor", "admin");
        var name = new Option<string?>("--name") { Description = "A label to recognise the key by (e.g. who holds it)." };
        var create = new Command("create", "Create a key and print its secret (shown this once; only its SHA-256 is stored).");
        create.Options.Add(role);
        create.Options.Add(name);
        create.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (_, bus) =>
        {
            var chosen = Enum.Parse<ApiRole>(parse.GetValue(role)!, ignoreCase: true);
            var result = await bus.InvokeAsync<CreateApiKeyResult>(new CreateApiKey(chosen, parse.GetValue(name)), ct);
            var created = result.Created ?? throw new CliException(string.Join("; ", result.Errors.Select(e => $"--{e.Field}: {e.Message}")));
            Console.WriteLine(created.Secret);
            await Console.Error.WriteLineAsync($"created {created.Key.Role.ToString().ToLowerInvariant()} key {created.Key.Id} ({created.Key.Name}); store the secret now, it is not shown again.");
            return 0;
        }, ct)));

        var all = new Option<bool>("--all") { Description = "Include revoked keys." };
        var list = new Command("list", "List keys (id, role, name, prefix, created, revoked). Secrets are never shown.");
        list.Options.Add(all);
        list.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, _) =>
        {
            var found = await services.GetRequiredService<ApiKeys>().List(parse.GetValue(all), ct);
            Console.WriteLine($"{"id",-36}  {"role",-6}  {"prefix",-12}  {"created",-20}  {"revoked",-20}  name");
            foreach (var key in found)
                Console.WriteLine($"{key.Id,-36}  {key.Role.ToString().ToLowerInvariant(),-6}  {key.Prefix,-12}  {key.CreatedAt.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss}  {(key.RevokedAt is { } r ? r.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") : "-"),-20}  {key.Name}");
            return 0;
        }, ct)));

        var which = new Argument<string>("key") { Description = "The key's id, or its prefix as `keys list` shows it." };
        var revoke = new Command("revoke", "Revoke a key: servers refuse it at once on this node, within 10 s on others.");
        revoke.Arguments.Add(which);
        revoke.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (_, bus) =>
        {
            var result = await bus.InvokeAsync<RevokeApiKeyResult>(new RevokeApiKey(parse.GetValue(which)!), ct);
            var key = result.Revoked ?? throw new CliException($"No single key matches '{parse.GetValue(which)}' (see `intel keys list`).");
            Console.WriteLine($"revoked {key.Id} ({key.Name})");
            return 0;
        }, ct)));

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        root.Subcommands.Add(keys);
    }
}

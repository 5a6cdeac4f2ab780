using System.CommandLine;
using Intelligence.Cli.Hosting;
using Intelligence.Server.Sources.Catalog;
using Intelligence.Server.Sources.Crawling;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Cli.Ingestion;

/// <summary>`intel crawl [source-id]`: crawl one source now (or list the sources) and print the crawl report.</summary>
public static class CrawlCommand
{
    public static void AddTo(RootCommand root)
    {
        var id = new Argument<string?>("source") { Description = "Source id; omit to list the sources.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("crawl", "Crawl a source now: robots.txt, politeness, dedup; prints what was fetched, refused and why.");
        command.Arguments.Add(id);
        command.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, bus) =>
        {
            var sourceId = parse.GetValue(id);
            if (sourceId is null)
            {
                foreach (var source in await services.GetRequiredService<SourceCatalog>().All(ct))
                    Console.WriteLine($"{source.Id,-24} {source.Kind,-8} {(source.Enabled ? "enabled " : "disabled")} {source.Url?.ToString() ?? source.Path}");
                return 0;
            }
            var outcome = await bus.InvokeAsync<CrawlOutcome>(new CrawlSource(sourceId), ct, TimeSpan.FromMinutes(30));
            if (!outcome.Found) throw new CliException($"No source '{sourceId}' (see `intel crawl` for the list).");
            var summary = outcome.Summary!;
            Console.WriteLine(summary);
            foreach (var line in summary.DisallowedByRobots) Console.WriteLine($"  robots.txt: {line}");
            foreach (var line in summary.Refused) Console.WriteLine($"  refused:    {line}");
            foreach (var line in summary.Failed) Console.WriteLine($"  failed:     {line}");
            return 0;
        }, ct)));
        root.Subcommands.Add(command);
    }
}

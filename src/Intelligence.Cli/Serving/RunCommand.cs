using System.CommandLine;
using Intelligence.Cli.Hosting;
using Intelligence.Cli.Ingestion;
using Intelligence.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Cli.Serving;

/// <summary>`intel run`: serve GraphQL and run the pipeline until Ctrl+C.</summary>
public static class RunCommand
{
    public static void AddTo(RootCommand root)
    {
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1.", DefaultValueFactory = _ => 5080 };
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var dev = new Option<bool>("--dev") { Description = "Open reads to anonymous callers on loopback (development only)." };
        var ingest = new Option<DirectoryInfo?>("--ingest") { Description = "Ingest the HTML files of this folder at start (e.g. samples/corpus)." };
        var crawl = new Option<bool>("--crawl") { Description = "Crawl the enabled sources on their schedules." };
        var run = new Command("run", "Start the server: GraphQL on http://<host>:<port>/graphql, health on /health/ready.");
        run.Options.Add(port);
        run.Options.Add(host);
        run.Options.Add(dev);
        run.Options.Add(ingest);
        run.Options.Add(crawl);
        run.SetAction((parse, ct) => CliErrors.Guard(async () =>
        {
            var options = new IntelligenceOptions
            {
                ConnectionString = CliHost.ConnectionString(parse),
                Port = parse.GetValue(port),
                Host = parse.GetValue(host)!,
                DevMode = parse.GetValue(dev),
                SourcesFile = CliHost.SourcesFile(parse),
                CrawlOnSchedule = parse.GetValue(crawl),
                LongRunning = true,
            };
            var app = IntelligenceHost.Build(options);
            await app.StartAsync(ct);
            if (parse.GetValue(ingest) is { } folder)
            {
                using var scope = app.Services.CreateScope();
                var ingested = await IngestCommands.IngestFolder(folder, scope.ServiceProvider, ct, analyzeInline: false);
                await IngestCommands.AwaitAnalysis(ingested, scope.ServiceProvider, TimeSpan.FromMinutes(2), ct);
            }
            var url = $"http://{options.Host}:{options.Port}/graphql";
            Console.WriteLine($"GraphQL ready on {url}");
            Console.WriteLine($"Dashboard on http://{options.Host}:{options.Port}/");
            Console.WriteLine("Try:");
            Console.WriteLine($"  curl -s {url} -H 'Content-Type: application/json' -d '{{\"query\":\"{{ articles(first: 5) {{ totalCount nodes {{ title outlet language publishedAt }} }} }}\"}}'");
            await app.WaitForShutdownAsync(ct);
            return 0;
        }));
        root.Subcommands.Add(run);
    }
}

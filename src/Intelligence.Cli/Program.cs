using System.CommandLine;
using Intelligence.Cli.Benchmarks;
using Intelligence.Cli.Extraction;
using Intelligence.Cli.Hosting;
using Intelligence.Cli.Ingestion;
using Intelligence.Cli.Projections;
using Intelligence.Cli.Replay;
using Intelligence.Cli.Serving;

var root = new RootCommand("intel — Intelligence, an event-sourced market-intelligence backend.");
root.Options.Add(CliHost.DbOption);
root.Options.Add(CliHost.SourcesOption);
var bench = new Command("bench", "Benchmarks that print their figures next to a baseline measured in the same run.");
root.Subcommands.Add(bench);

RunCommand.AddTo(root);
IngestCommands.AddTo(root);
CrawlCommand.AddTo(root);
Intelligence.Cli.Alerts.AlertCommands.AddTo(root);
EventsCommands.AddTo(root);
Intelligence.Cli.Keys.KeyCommands.AddTo(root);
ProjectionCommands.AddTo(root);
ExtractionCommands.AddTo(root);
ExtractBench.AddTo(bench);
ExportBench.AddTo(bench);
ApiBench.AddTo(bench);
AlertBench.AddTo(bench);
PipelineBench.AddTo(bench);
ReadBench.AddTo(bench);
FloodBench.AddTo(bench);
Intelligence.Cli.Reading.ReadCommand.AddTo(root);

return await root.Parse(args).InvokeAsync();

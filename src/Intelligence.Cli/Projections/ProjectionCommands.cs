using System.CommandLine;
using System.Diagnostics;
using Intelligence.Cli.Hosting;
using Intelligence.Server.Articles.Analyzing;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Companies.Profiling;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Partnerships.Timelines;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Cli.Projections;

/// <summary>`intel projections rebuild` and `intel reanalyze`: rebuild views from events, re-run extraction over stored articles.</summary>
public static class ProjectionCommands
{
    public static readonly IReadOnlyList<Type> Rebuildable =
        [typeof(ArticleViewProjection), typeof(FactViewProjection), typeof(CompanyProfileProjection), typeof(PartnershipTimelineProjection)];

    public static void AddTo(RootCommand root)
    {
        var projections = new Command("projections", "Read models built from the events.");
        var only = new Option<string[]>("--only") { Description = "Projection names (ArticleView, FactView, CompanyProfile, PartnershipTimeline); default all.", AllowMultipleArgumentsPerToken = true };
        var rebuild = new Command("rebuild", "Delete and rebuild projections from the full event history.");
        rebuild.Options.Add(only);
        rebuild.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, _) =>
        {
            var store = services.GetRequiredService<IDocumentStore>();
            await Analyze(services, store, ct);
            var names = parse.GetValue(only) ?? [];
            using var daemon = await store.BuildProjectionDaemonAsync();
            foreach (var projection in Rebuildable.Where(t => names.Length == 0 || names.Any(n => t.Name.StartsWith(n, StringComparison.OrdinalIgnoreCase))))
            {
                var clock = Stopwatch.StartNew();
                await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(10), ct);
                Console.WriteLine($"rebuilt {projection.Name.Replace("Projection", "")} in {clock.Elapsed.TotalSeconds:F1} s");
            }
            return 0;
        }, ct)));
        projections.Subcommands.Add(rebuild);
        root.Subcommands.Add(projections);

        var reanalyze = new Command("reanalyze", "Run the current extractor over every stored article; appends only the differences.");
        reanalyze.SetAction((parse, ct) => CliErrors.Guard(() => CliHost.WithHost(parse, async (services, bus) =>
        {
            var store = services.GetRequiredService<IDocumentStore>();
            List<Guid> ids;
            await using (var session = store.QuerySession())
                ids = [.. await session.Query<ArticleView>().OrderBy(a => a.Sequence).Select(a => a.Id).ToListAsync(ct)];
            var clock = Stopwatch.StartNew();
            int changed = 0, added = 0, retracted = 0;
            for (var i = 0; i < ids.Count; i++)
            {
                var outcome = await bus.InvokeAsync<AnalysisOutcome>(new AnalyzeArticle(ids[i]), ct);
                if (outcome.Analyzed) changed++;
                added += outcome.FactsAdded;
                retracted += outcome.FactsRetracted;
                if (!Console.IsErrorRedirected && (i % 10 == 0 || i == ids.Count - 1))
                    Console.Error.Write($"\r{i + 1}/{ids.Count} articles  {(i + 1) / clock.Elapsed.TotalSeconds:N1} articles/s   ");
            }
            if (!Console.IsErrorRedirected) Console.Error.WriteLine();
            Console.WriteLine($"reanalyzed {ids.Count} articles in {clock.Elapsed.TotalSeconds:F1} s ({ids.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N1} articles/s): " +
                $"{changed} changed, {added} facts added, {retracted} retracted");
            return 0;
        }, ct)));
        root.Subcommands.Add(reanalyze);
    }

    /// <summary>DESIGN.md: statistics must be fresh before a rebuild reads the whole event table.</summary>
    private static async Task Analyze(IServiceProvider services, IDocumentStore store, CancellationToken ct)
    {
        await using var command = services.GetRequiredService<Npgsql.NpgsqlDataSource>()
            .CreateCommand($"analyze {store.Options.Events.DatabaseSchemaName}.mt_events");
        await command.ExecuteNonQueryAsync(ct);
    }
}

using GraphQL;
using GraphQL.Types;
using Intelligence.Ingestion.Crawling;
using Intelligence.Ingestion.Fetching;
using Intelligence.Ingestion.Sources;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Hosting;
using Intelligence.Server.Sources.Catalog;
using Intelligence.Server.Sources.Crawling;
using Intelligence.Server.Sources.CrawlRuns;
using Intelligence.Server.Sources.Scheduling;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intelligence.Server.Sources;

/// <summary>Where articles come from: the sources catalog, scheduled crawls, and their GraphQL surface.</summary>
public sealed class SourcesModule : IFeatureModule
{
    public void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        store.Schema.For<AddedSource>();
        store.Schema.For<CrawlSummary>();
        store.Schema.For<ConditionalGetRecord>();
        store.Schema.For<CrawlRun>();
    }

    public const string CrawlQueue = "crawls";

    public void ConfigureBus(Wolverine.WolverineOptions bus, IntelligenceOptions options)
    {
        bus.PublishMessage<StartCrawl>().ToLocalQueue(CrawlQueue);
        bus.LocalQueue(CrawlQueue).UseDurableInbox().MaximumParallelMessages(4);
    }

    public void ConfigureServices(WebApplicationBuilder builder, IntelligenceOptions options)
    {
        builder.Services.AddSingleton<SourceCatalog>();
        builder.Services.AddSingleton<IConditionalGetStore, MartenConditionalGetStore>();
        builder.Services.AddSingleton(sp => new Fetcher(options.Fetcher, sp.GetRequiredService<IConditionalGetStore>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new Crawler(sp.GetRequiredService<Fetcher>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Crawler>>()));
        if (options.CrawlOnSchedule) builder.Services.AddHostedService<CrawlScheduler>();
    }

    public void AddQueries(ObjectGraphType query)
    {
        SourceGraph.AddQueries(query);
        CrawlRunQueries.AddTo(query);
        NodeLoaders.Register("Crawl", async (sp, key, ct) => await CrawlRunQueries.Load(sp.GetRequiredService<IQuerySession>(), key, ct));
    }

    public void AddMutations(ObjectGraphType mutation) => SourceGraph.AddMutations(mutation);
}

using GraphQL.Types;
using Intelligence.Extraction;
using Intelligence.Server.Articles.Analyzing;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Hosting;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;
using NpgsqlTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Articles;

/// <summary>Ingesting, analysing and viewing articles.</summary>
public sealed class ArticlesModule : IFeatureModule
{
    public void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        store.Projections.Add<ArticleViewProjection>(ProjectionLifecycle.Inline);
        // Near-duplicate lookup runs for every page crawled: its fields are plain columns, so neither an index scan nor a
        // sequential scan of a small table has to decompress the stored article text.
        store.Schema.For<ArticleView>()
            .Duplicate(a => a.Sequence)
            .Duplicate(a => a.TextHash)
            .Duplicate(a => a.SimHashBits)
            .Duplicate(a => a.SimHashBands, pgType: "integer[]", dbType: NpgsqlDbType.Array | NpgsqlDbType.Integer,
                configure: index =>
                {
                    // No pending list: inserts queued there are read in full by every search until VACUUM merges them,
                    // and this lookup runs for every page crawled (most of its 0.6 ms went there). The four entries a
                    // row adds cost less to insert directly.
                    index.Method = IndexMethod.gin;
                    index.StorageParameters["fastupdate"] = "off";
                });
        // No GIN index over the whole document: article filters compare fields (->>), which it cannot serve, and
        // every ingest and analysis rewrote it.
        store.Schema.For<RawArticleHtml>();
    }

    public void ConfigureBus(WolverineOptions bus, IntelligenceOptions options)
    {
        // A one-off command analyses what it ingests itself (AnalyzeArticle, inline): it batches nothing for the queues.
        if (!options.ClusterNode) return;
        bus.BatchMessagesOf<AnalyzeIngestedArticle>(batching =>
        {
            batching.BatchSize = options.AnalysisBatchSize;
            batching.TriggerTime = TimeSpan.FromMilliseconds(50);
        });
    }

    public void ConfigureServices(WebApplicationBuilder builder, IntelligenceOptions options)
    {
        builder.Services.AddSingleton(_ => Summarizer.CreateDefault(GuardedGpu(options.Summarizer)));
        builder.Services.AddScoped<ArticleLoader>();
    }

    public void AddQueries(ObjectGraphType query)
    {
        ArticleQueries.AddTo(query);
        NodeLoaders.Register("Article", async (sp, key, ct) => await ArticleQueries.Load(sp.GetRequiredService<IQuerySession>(), key, ct));
    }

    /// <summary>The GPU endpoint goes through the egress guard too: its configured host:port and public addresses only, no redirects.</summary>
    public static SummarizerOptions? GuardedGpu(SummarizerOptions? summarizer) =>
        summarizer?.Gpu is { Endpoint: { } endpoint, Handler: null } gpu
            ? summarizer with { Gpu = gpu with { Handler = Intelligence.Ingestion.Safety.EgressHandler.ForConfiguredEndpoint(endpoint) } }
            : summarizer;
}

using GraphQL.Types;
using Intelligence.Extraction;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Hosting;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Articles;

/// <summary>Ingesting, analysing and viewing articles.</summary>
public sealed class ArticlesModule : IFeatureModule
{
    public void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        store.Projections.Add<ArticleViewProjection>(ProjectionLifecycle.Inline);
        store.Schema.For<ArticleView>()
            .Index(a => a.Sequence)
            .Index(a => a.TextHash)
            .GinIndexJsonData();
        store.Schema.For<RawArticleHtml>();
    }

    public void ConfigureServices(WebApplicationBuilder builder, IntelligenceOptions options)
    {
        builder.Services.AddSingleton(_ => Summarizer.CreateDefault(options.Summarizer));
        builder.Services.AddScoped<ArticleLoader>();
    }

    public void AddQueries(ObjectGraphType query)
    {
        ArticleQueries.AddTo(query);
        NodeLoaders.Register("Article", async (sp, key, ct) => await ArticleQueries.Load(sp.GetRequiredService<IQuerySession>(), key, ct));
    }
}

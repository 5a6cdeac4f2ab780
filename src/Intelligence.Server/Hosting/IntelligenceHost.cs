using GraphQL;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Health;
using Intelligence.Server.Storage;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Marten;

namespace Intelligence.Server.Hosting;

/// <summary>Builds the one host used by `intel run`, by CLI commands and by tests: Marten, Wolverine, GraphQL, health.</summary>
public static class IntelligenceHost
{
    public static WebApplication Build(IntelligenceOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(IntelligenceHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Intelligence", LogLevel.Information);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(NpgsqlDataSource.Create(options.ConnectionString));

        builder.Services.AddMarten(store => ConfigureStore(store, options))
            .UseLightweightSessions()
            .UseNpgsqlDataSource()
            .IntegrateWithWolverine(wolverine => wolverine.MessageStorageSchemaName = options.Schema + "_messages");

        builder.Host.UseWolverine(wolverine =>
        {
            wolverine.ApplicationAssembly = typeof(IntelligenceHost).Assembly;
            wolverine.Durability.Mode = options.ServeHttp ? DurabilityMode.Balanced : DurabilityMode.Solo;
            wolverine.Policies.AutoApplyTransactions();
            wolverine.Policies.UseDurableLocalQueues();
            wolverine.UseRuntimeCompilation();
            wolverine.AutoBuildMessageStorageOnStartup = options.AutoCreateSchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        });

        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<IntelligenceSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(IntelligenceHost).Assembly)
            .AddErrorInfoProvider(errors => errors.ExposeExceptionDetails = false)
            .AddComplexityAnalyzer(limits =>
            {
                limits.MaxDepth = 12;
                limits.MaxComplexity = 20_000;
            }));

        if (options.ServeHttp)
            builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        else
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");

        configure?.Invoke(builder);

        var app = builder.Build();
        GraphQLEndpoint.Map(app);
        HealthEndpoints.Map(app);
        return app;
    }

    private static void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        store.DatabaseSchemaName = options.Schema;
        store.AutoCreateSchemaObjects = options.AutoCreateSchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        // Needed with the redirected DistributedLock package for the HotCold async daemon (see DESIGN.md).
        store.Events.UseAdvisoryLockTransaction = true;
        EventTypeNames.Register(store);

        store.Projections.Add<ArticleViewProjection>(ProjectionLifecycle.Inline);
        store.Schema.For<ArticleView>()
            .Index(a => a.Sequence)
            .Index(a => a.TextHash)
            .GinIndexJsonData();
        store.Schema.For<RawArticleHtml>();
    }
}

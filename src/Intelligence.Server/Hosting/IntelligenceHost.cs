using JasperFx.Events.Daemon;
using GraphQL;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Events;
using Intelligence.Server.GraphQL;
using Intelligence.Server.GraphQL.Caching;
using Intelligence.Server.GraphQL.Limits;
using Intelligence.Server.Health;
using Intelligence.Server.Storage;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
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
        // Logs go to stderr: stdout belongs to command output (JSON Lines, reports) and must stay clean for pipes.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Intelligence", LogLevel.Information);

        builder.Services.AddSingleton(options);
        var cluster = builder.Configuration.GetSection("Cluster").Get<ClusterOptions>() ?? options.Cluster;
        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton(TimeProvider.System);
        // Created by the container so that disposing the host closes its pooled connections.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(WithServerDefaults(options.ConnectionString)));
        builder.Services.AddSingleton<ProjectionCache>();
        builder.Services.AddSingleton<DocumentCache>();
        builder.Services.AddSingleton<GraphQL.Introspection.StandardIntrospection>();
        builder.Services.AddSingleton<ResponseCache>();

        if (options.AutoCreateSchema) builder.Services.AddHostedService<StorageTuning>();
        var marten = builder.Services.AddMarten(store =>
            {
                ConfigureStore(store, options);
                store.Projections.LeadershipPollingTime = (int)cluster.LeadershipPolling.TotalMilliseconds;
                store.Projections.StaleSequenceThreshold = cluster.StaleSequenceThreshold;
            })
            .UseLightweightSessions()
            .UseNpgsqlDataSource();
        // A one-off command runs no projection daemon: the servers do (ExternallyManaged, set in ConfigureStore).
        if (options.ClusterNode) marten.AddAsyncDaemon(DaemonMode.HotCold);
        marten.IntegrateWithWolverine(wolverine => wolverine.MessageStorageSchemaName = options.Schema + "_messages");

        builder.Host.UseWolverine(wolverine =>
        {
            wolverine.ApplicationAssembly = typeof(IntelligenceHost).Assembly;
            wolverine.Durability.Mode = DurabilityOf(options);
            cluster.ApplyTo(wolverine.Durability);
            // A one-off command has handled everything inline by the time it stops: there is nothing in flight to drain.
            if (!options.ClusterNode) wolverine.Durability.DrainTimeout = TimeSpan.FromSeconds(1);
            wolverine.Policies.AutoApplyTransactions();
            wolverine.Policies.UseDurableLocalQueues();
            wolverine.UseRuntimeCompilation();
            // Two nodes appending to the same stream at once: the loser retries and sees the winner's events.
            wolverine.OnException<JasperFx.ConcurrencyException>().Or<JasperFx.Events.EventStreamUnexpectedMaxEventIdException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
            TransientFaults.Apply(wolverine, options.FaultRetry);
            wolverine.AutoBuildMessageStorageOnStartup = options.AutoCreateSchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
            foreach (var module in FeatureModules.All) module.ConfigureBus(wolverine, options);
        });
        // After Wolverine's own hosted service, which builds the handler graph on start.
        if (options.LongRunning && DurabilityOf(options) == DurabilityMode.Balanced && cluster.WarmUpHandlers) builder.Services.AddHostedService<HandlerWarmUp>();

        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<IntelligenceSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(IntelligenceHost).Assembly)
            .AddErrorInfoProvider<PublicErrorInfoProvider>()
            .ConfigureExecution<DocumentCache>(sp => sp.GetRequiredService<DocumentCache>())
            .ConfigureExecution<GraphQL.Introspection.StandardIntrospection>(sp => sp.GetRequiredService<GraphQL.Introspection.StandardIntrospection>())
            .UseMiddleware<DatabaseShareMiddleware>()
            .AddComplexityAnalyzer((complexity, sp) => FieldCosts.Apply(complexity, sp.GetRequiredService<GraphQLLimits>())));
        builder.Services.AddOptions<GraphQLLimits>().BindConfiguration("GraphQL");
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphQLLimits>>().Value);
        builder.Services.AddSingleton<DatabaseShare>();
        builder.Services.AddScoped<RequestDatabaseShare>();
        builder.Services.AddSingleton<SocketLimits>();

        if (options.ServeHttp)
            builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        else
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");

        foreach (var module in FeatureModules.All) module.ConfigureServices(builder, options);
        configure?.Invoke(builder);

        var app = builder.Build();
        GraphQLEndpoint.Map(app);
        HealthEndpoints.Map(app);
        foreach (var module in FeatureModules.All) module.MapEndpoints(app);
        return app;
    }

    /// <summary>
    /// A server is one node among others (Balanced); a host without HTTP that processes its own messages (benchmarks)
    /// is alone (Solo); a one-off command is no node at all: ServerlessWithOutbox registers no node, elects no leader,
    /// starts no local queue or background agent, and writes every locally handled message to the inbox owned by any
    /// node, where a server's durability agent picks it up.
    /// </summary>
    public static DurabilityMode DurabilityOf(IntelligenceOptions options) =>
        !options.ClusterNode ? DurabilityMode.ServerlessWithOutbox : options.ServeHttp ? DurabilityMode.Balanced : DurabilityMode.Solo;

    /// <summary>
    /// Settings the pipeline relies on, added unless the connection string sets them itself.
    /// <list type="bullet">
    /// <item>The async daemon's leader holds an advisory lock on a connection that waits in <c>pg_sleep</c>. When a node
    /// dies, PostgreSQL notices the closed socket only when that sleep ends, so no other node could lead until then.
    /// <c>client_connection_check_interval</c> (PostgreSQL 14+) makes the server check the socket while it waits.</item>
    /// <item>Automatic preparation: every article runs the same few dozen statements (event appends, document
    /// upserts, envelope updates). Parsing and planning them each time was about a third of PostgreSQL's CPU in
    /// <c>intel bench pipeline</c>.</item>
    /// </list>
    /// </summary>
    public static string WithServerDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("client_connection_check_interval") != true)
            builder.Options = $"{builder.Options} -c client_connection_check_interval=1000".Trim();
        // NpgsqlConnectionStringBuilder.ContainsKey answers whether a keyword exists at all, so look for it in the text.
        if (!connectionString.Replace(" ", "").Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    /// <summary>Statements kept prepared per connection (Npgsql's Max Auto Prepare), each prepared on its second use.</summary>
    public const int AutoPreparedStatements = 100;

    private static void ConfigureStore(StoreOptions store, IntelligenceOptions options)
    {
        store.DatabaseSchemaName = options.Schema;
        // camelCase, nulls omitted: stored event data reads like the fact contract (schemas/), for exports and SQL users alike.
        store.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase,
            json => json.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        store.AutoCreateSchemaObjects = options.AutoCreateSchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        if (!options.ClusterNode) store.Projections.AsyncMode = DaemonMode.ExternallyManaged;
        // Rich appends assign sequences before inline projections run: views keep the event sequence as a stable cursor.
        store.Events.AppendMode = JasperFx.Events.EventAppendMode.Rich;
        EventTypeNames.Register(store);
        foreach (var module in FeatureModules.All) module.ConfigureStore(store, options);
    }
}

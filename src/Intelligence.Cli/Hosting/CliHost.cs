using System.CommandLine;
using Intelligence.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Cli.Hosting;

/// <summary>Connection settings shared by every command, and a started host for commands that need the store and bus.</summary>
public static class CliHost
{
    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "PostgreSQL connection string (default: $INTELLIGENCE_DB; `ops/pg.sh start` prints one).",
        Recursive = true,
    };

    public static readonly Option<string?> SourcesOption = new("--sources")
    {
        Description = "Sources file (default: ./sources.json when present).",
        Recursive = true,
    };

    public static string? SourcesFile(ParseResult parse)
    {
        var path = parse.GetValue(SourcesOption);
        if (path is not null && !File.Exists(path)) throw new CliException($"No such sources file: {path}");
        return path ?? (File.Exists("sources.json") ? Path.GetFullPath("sources.json") : null);
    }

    public static string ConnectionString(ParseResult parse) =>
        parse.GetValue(DbOption) ?? Environment.GetEnvironmentVariable("INTELLIGENCE_DB")
        ?? throw new CliException("No database: pass --db or set INTELLIGENCE_DB (run `ops/pg.sh start` to get a local PostgreSQL and its connection string).");

    /// <summary>
    /// Starts a host without HTTP that is not a cluster node (see <see cref="IntelligenceOptions.ClusterNode"/>), runs
    /// the work, stops the host. Messages the work cascades are left for the server.
    /// </summary>
    public static async Task<T> WithHost<T>(ParseResult parse, Func<IServiceProvider, IMessageBus, Task<T>> work, CancellationToken ct)
    {
        var app = IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = ConnectionString(parse), ServeHttp = false, ClusterNode = false, SourcesFile = SourcesFile(parse) });
        await app.StartAsync(ct);
        try
        {
            using var scope = app.Services.CreateScope();
            return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<IMessageBus>());
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}

/// <summary>An error the user can act on: printed as one line, exit code 1, no stack trace.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

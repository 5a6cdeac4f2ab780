using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Intelligence.Server.Health;

public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        // Anonymous: it says whether the database answers, never why not (the exception goes to the log).
        app.MapGet("/health/ready", async (NpgsqlDataSource db, Intelligence.Server.Hosting.IntelligenceOptions options, ILoggerFactory logs, CancellationToken ct) =>
        {
            try
            {
                // Messages that failed every retry (Wolverine's dead letters): `intel alerts redeliver` replays the alert ones.
                await using var command = db.CreateCommand($"select count(*) from {options.Schema}_messages.wolverine_dead_letters where not replayable");
                long deadLetters;
                try
                {
                    deadLetters = (long)(await command.ExecuteScalarAsync(ct))!;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    deadLetters = 0;
                }
                return Results.Ok(new { status = "ready", database = "ok", deadLetters });
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logs.CreateLogger("Health").LogWarning("Readiness check: the database did not answer: {Error}", e.Message);
                return Results.Json(new { status = "unavailable", database = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}

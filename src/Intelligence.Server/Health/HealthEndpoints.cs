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
        app.MapGet("/health/ready", async (NpgsqlDataSource db, ILoggerFactory logs, CancellationToken ct) =>
        {
            try
            {
                await using var command = db.CreateCommand("select 1");
                await command.ExecuteScalarAsync(ct);
                return Results.Ok(new { status = "ready", database = "ok" });
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logs.CreateLogger("Health").LogWarning("Readiness check: the database did not answer: {Error}", e.Message);
                return Results.Json(new { status = "unavailable", database = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}

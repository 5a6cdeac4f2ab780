using Npgsql;
using Testcontainers.PostgreSql;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>
/// Where integration tests get PostgreSQL: INTELLIGENCE_TEST_PG (a connection string; `.ci/run` sets it from ops/pg.sh)
/// or, when it is unset, a Testcontainers PostgreSQL if a Docker engine answers. With neither, tests fail with a clear message.
/// </summary>
public static class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;
    private static PostgreSqlContainer? _container;

    public static async Task<string> AdminConnectionString()
    {
        if (_adminConnectionString is not null) return _adminConnectionString;
        await Gate.WaitAsync();
        try
        {
            if (_adminConnectionString is not null) return _adminConnectionString;
            var fromEnvironment = Environment.GetEnvironmentVariable("INTELLIGENCE_TEST_PG");
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return _adminConnectionString = fromEnvironment;
            try
            {
                _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await _container.StartAsync();
                return _adminConnectionString = _container.GetConnectionString();
            }
            catch (Exception e) when (e.GetType().Name.Contains("Docker", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    "No PostgreSQL for integration tests: set INTELLIGENCE_TEST_PG to a connection string " +
                    "(e.g. `export INTELLIGENCE_TEST_PG=$(ops/pg.sh start)`) or make a Docker engine available for Testcontainers. " +
                    $"Docker said: {e.Message}", e);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>One fresh database per test class, dropped afterwards, so classes run in parallel without sharing state.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public string Name { get; } = "intel_test_" + Guid.NewGuid().ToString("N")[..12];
    private string _admin = "";

    public async Task InitializeAsync()
    {
        _admin = await PostgresServer.AdminConnectionString();
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {Name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

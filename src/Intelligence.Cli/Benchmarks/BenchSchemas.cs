using Npgsql;

namespace Intelligence.Cli.Benchmarks;

/// <summary>Benchmarks keep their data in schemas of their own, next to (never inside) the application's.</summary>
internal static class BenchSchemas
{
    /// <summary>
    /// Drops a benchmark's event store and message schemas. Done before its host starts: wiping data under a
    /// running async daemon pulls its progress rows from under it.
    /// </summary>
    public static async Task Drop(string connectionString, string schema, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var drop = db.CreateCommand($"drop schema if exists {schema} cascade; drop schema if exists {schema}_messages cascade");
        await drop.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rows in a table of the schema, 0 when the table does not exist yet.</summary>
    public static async Task<long> Count(string connectionString, string table, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using (var exists = db.CreateCommand($"select to_regclass('{table}') is not null"))
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return 0;
        await using var count = db.CreateCommand($"select count(*) from {table}");
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }
}

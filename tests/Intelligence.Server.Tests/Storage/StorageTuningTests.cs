using Intelligence.Server.Tests.Infrastructure;
using Npgsql;

namespace Intelligence.Server.Tests.Storage;

/// <summary>
/// Once a server has started, the large projected documents are stored with LZ4 (PostgreSQL 14+ with LZ4), and the
/// tables updated in place keep room in their pages.
/// </summary>
public sealed class StorageTuningTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Profiles_timelines_facts_and_articles_are_compressed_with_lz4()
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using (var probe = new NpgsqlCommand("select count(*) from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)", connection))
            Assert.True((long)(await probe.ExecuteScalarAsync())! == 1, "this PostgreSQL has no LZ4: StorageTuning keeps pglz there (see its log line)");

        // The tuning runs when a node starts.
        var server = await RunningServer.Start(db.ConnectionString);
        await server.DisposeAsync();

        await using var check = new NpgsqlCommand("""
            select c.relname, a.attcompression::text from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'intel' and a.attname = 'data' and c.relname in ('mt_doc_companyprofile', 'mt_doc_partnershiptimeline', 'mt_doc_factview', 'mt_doc_articleview')
            """, connection);
        var methods = new Dictionary<string, string>();
        await using (var reader = await check.ExecuteReaderAsync())
            while (await reader.ReadAsync()) methods[reader.GetString(0)] = reader.GetString(1);
        Assert.Equal(4, methods.Count);
        Assert.All(methods, m => Assert.True(m.Value == "l", $"{m.Key}: '{m.Value}'"));

        // Facts and articles, updated in place, leave room in their pages for HOT updates.
        await using var fill = new NpgsqlCommand("""
            select c.relname, array_to_string(c.reloptions, ',') from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'intel' and c.relname in ('mt_doc_factview', 'mt_doc_articleview')
            """, connection);
        var options = new Dictionary<string, string?>();
        await using (var reader = await fill.ExecuteReaderAsync())
            while (await reader.ReadAsync()) options[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        Assert.Equal(2, options.Count);
        Assert.All(options, o => Assert.True(o.Value == "fillfactor=80", $"{o.Key}: '{o.Value}'"));
    }
}

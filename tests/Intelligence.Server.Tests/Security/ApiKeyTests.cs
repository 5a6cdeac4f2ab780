using System.Net;
using System.Text.Json.Nodes;
using Intelligence.Server.Tests.Infrastructure;
using Intelligence.Server.Tests.Transport;
using Intelligence.Server.GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Intelligence.Server.Tests.Security;

/// <summary>Keys over real HTTP: anonymous, bad key, reader, editor, admin, dev mode, the CLI.</summary>
public sealed class ApiKeyTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const string Read = "{ alertRules { name } }";
    private const string Mutate = """mutation { acknowledgeAlert(input: { id: "00000000-0000-0000-0000-000000000001" }) { userErrors { code } } }""";

    private static string Code(JsonObject body) => (string)body["errors"]![0]!["extensions"]!["code"]!;

    [Fact]
    public async Task Keys_decide_who_reads_mutates_and_manages_keys()
    {
        await using var node = await TestNode.Start(db.ConnectionString, devMode: false);

        var (status, body) = await node.Post(Read);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHENTICATED", Code(body));
        Assert.Null(body["data"]);

        (status, body) = await node.Post(Read, bearer: "intel_notarealkeynotarealkeynotarealkeynotareal");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Invalid", (string)body["errors"]![0]!["message"]!);

        var reader = await node.App.CreateKey("reader");
        var editor = await node.App.CreateKey("editor");
        var admin = await node.App.CreateKey("admin");
        Assert.StartsWith("intel_", reader);
        Assert.Equal(49, reader.Length);

        (status, body) = await node.Post(Read, bearer: reader);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body["data"]!["alertRules"]);

        (status, body) = await node.Post(Mutate, bearer: reader);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", Code(body));
        Assert.Contains("editor role", (string)body["errors"]![0]!["message"]!);

        (status, body) = await node.Post(Mutate, bearer: editor);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body["data"]!["acknowledgeAlert"]);
        // The editor's run put the parsed document in the document cache: the reader is still refused.
        var hits = node.App.Services.GetRequiredService<DocumentCache>().Hits;
        (status, body) = await node.Post(Mutate, bearer: reader);
        Assert.Equal(hits + 1, node.App.Services.GetRequiredService<DocumentCache>().Hits);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", Code(body));

        (status, body) = await node.Post("""mutation { createApiKey(input: { role: READER }) { key } }""", bearer: editor);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", Code(body));
        (status, _) = await node.Post("{ apiKeys { id } }", bearer: editor);
        Assert.Equal(HttpStatusCode.Forbidden, status);

        (status, body) = await node.Post("""mutation { createApiKey(input: { role: READER, name: "analyst" }) { key apiKey { id role name prefix } userErrors { code } } }""", bearer: admin);
        Assert.Equal(HttpStatusCode.OK, status);
        var created = body["data"]!["createApiKey"]!;
        var secret = (string)created["key"]!;
        Assert.Equal("READER", (string)created["apiKey"]!["role"]!);
        Assert.StartsWith((string)created["apiKey"]!["prefix"]!, secret);
        Assert.Equal(HttpStatusCode.OK, (await node.Post(Read, bearer: secret)).Status);
        (status, _) = await node.Post("""mutation { createApiKey(input: { role: READER, name: "analyst" }) { key apiKey { id role name prefix } userErrors { code } } }""", bearer: editor);
        Assert.Equal(HttpStatusCode.Forbidden, status);

        (status, body) = await node.Post("{ apiKeys { id name revokedAt } }", bearer: admin);
        Assert.Contains(body["data"]!["apiKeys"]!.AsArray(), k => (string?)k!["name"] == "analyst");

        (status, body) = await node.Post("mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } userErrors { code } } }",
            new { id = (string)created["apiKey"]!["id"]! }, admin);
        Assert.NotNull(body["data"]!["revokeApiKey"]!["apiKey"]!["revokedAt"]);
        (status, body) = await node.Post(Read, bearer: secret);
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        // Only hashes are stored: no secret appears in the database.
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var dump = new NpgsqlCommand("select string_agg(data::text, ' ') from intel.mt_doc_apikey", connection);
        var stored = (string)(await dump.ExecuteScalarAsync())!;
        foreach (var key in new[] { reader, editor, admin, secret }) Assert.DoesNotContain(key[6..], stored);
    }

    [Fact]
    public async Task Dev_mode_opens_reads_but_not_mutations_to_loopback_callers()
    {
        await using var node = await TestNode.Start(db.ConnectionString, devMode: true);
        var (status, body) = await node.Post(Read);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.NotNull(body["data"]!["alertRules"]);

        (status, body) = await node.Post(Mutate);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", Code(body));

        // A wrong key is refused even in dev mode, rather than silently downgraded to anonymous.
        (status, _) = await node.Post(Read, bearer: "intel_wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        var editor = await node.App.CreateKey("editor");
        (status, _) = await node.Post(Mutate, bearer: editor);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Cli_creates_lists_and_revokes_keys()
    {
        var created = await IntelCli.Invoke(db.ConnectionString, "keys", "create", "--role", "editor", "--name", "ci-bot");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var secret = created.Stdout.Trim();
        Assert.StartsWith("intel_", secret);

        var listed = await IntelCli.Invoke(db.ConnectionString, "keys", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("ci-bot", listed.Stdout);
        Assert.Contains(secret[..12], listed.Stdout);
        Assert.DoesNotContain(secret, listed.Stdout);

        var badRole = await IntelCli.Invoke(db.ConnectionString, "keys", "create", "--role", "root");
        Assert.NotEqual(0, badRole.ExitCode);

        await using (var node = await TestNode.Start(db.ConnectionString))
        {
            var (status, _) = await node.Post(Mutate, bearer: secret);
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var revoked = await IntelCli.Invoke(db.ConnectionString, "keys", "revoke", secret[..12]);
        Assert.True(revoked.ExitCode == 0, revoked.Stderr);
        await using (var node = await TestNode.Start(db.ConnectionString))
        {
            var (status, _) = await node.Post(Read, bearer: secret);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }
    }
}

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

    private static string? Code(JsonObject body) => body.Errors()[0].Code;

    private static string Message(JsonObject body) => body.Errors()[0].Message;

    private const string CreateReaderKey =
        """mutation { createApiKey(input: { role: READER, name: "analyst" }) { key apiKey { id role name prefix } userErrors { code } } }""";

    private sealed record CreatedKey(string Key, KeyInfo ApiKey);
    private sealed record KeyInfo(string? Id, string? Role, string? Name, string? Prefix, DateTimeOffset? RevokedAt);
    private sealed record RevokedKey(KeyInfo? ApiKey);

    /// <summary>Given a node that requires keys (no dev mode), with a reader, an editor and an admin key.</summary>
    private sealed class GivenKeys(TestNode node, string reader, string editor, string admin) : IAsyncDisposable
    {
        public TestNode Node => node;
        public string Reader => reader;
        public string Editor => editor;
        public string Admin => admin;

        public static async Task<GivenKeys> Start(string connectionString)
        {
            var node = await TestNode.Start(connectionString, devMode: false);
            return new GivenKeys(node, await node.App.CreateKey("reader"), await node.App.CreateKey("editor"), await node.App.CreateKey("admin"));
        }

        public ValueTask DisposeAsync() => node.DisposeAsync();
    }

    [Fact]
    public async Task A_caller_without_a_key_is_unauthenticated_and_gets_no_data()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        var (status, body) = await given.Node.Post(Read);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHENTICATED", Code(body));
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task An_unknown_key_is_refused_as_invalid()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        var (status, body) = await given.Node.Post(Read, bearer: "intel_notarealkeynotarealkeynotarealkeynotareal");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Invalid", Message(body));
    }

    [Fact]
    public async Task A_key_is_intel_and_43_characters()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        Assert.StartsWith("intel_", given.Reader);
        Assert.Equal(49, given.Reader.Length);
    }

    [Fact]
    public async Task A_reader_reads_but_may_not_mutate()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        var (status, body) = await given.Node.Post(Read, bearer: given.Reader);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body.DataAt<JsonNode?>("alertRules"));

        (status, body) = await given.Node.Post(Mutate, bearer: given.Reader);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", Code(body));
        Assert.Contains("editor role", Message(body));
    }

    [Fact]
    public async Task An_editor_mutates_and_the_cached_document_still_refuses_a_reader()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        var (status, body) = await given.Node.Post(Mutate, bearer: given.Editor);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body.DataAt<JsonNode?>("acknowledgeAlert"));

        // The editor's run put the parsed document in the document cache: the reader is still refused.
        var hits = given.Node.App.Services.GetRequiredService<DocumentCache>().Hits;
        (status, body) = await given.Node.Post(Mutate, bearer: given.Reader);
        Assert.Equal(hits + 1, given.Node.App.Services.GetRequiredService<DocumentCache>().Hits);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", Code(body));
    }

    [Fact]
    public async Task Only_an_admin_creates_and_lists_keys()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        var (status, body) = await given.Node.Post("""mutation { createApiKey(input: { role: READER }) { key } }""", bearer: given.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", Code(body));
        (status, _) = await given.Node.Post("{ apiKeys { id } }", bearer: given.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        (status, _) = await given.Node.Post(CreateReaderKey, bearer: given.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task A_key_an_admin_creates_works_is_listed_and_is_refused_once_revoked()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        var (status, body) = await given.Node.Post(CreateReaderKey, bearer: given.Admin);
        Assert.Equal(HttpStatusCode.OK, status);
        var created = body.DataAt<CreatedKey>("createApiKey");
        Assert.Equal("READER", created.ApiKey.Role);
        Assert.StartsWith(created.ApiKey.Prefix!, created.Key);
        Assert.Equal(HttpStatusCode.OK, (await given.Node.Post(Read, bearer: created.Key)).Status);

        (_, body) = await given.Node.Post("{ apiKeys { id name revokedAt } }", bearer: given.Admin);
        Assert.Contains(body.DataAt<List<KeyInfo>>("apiKeys"), k => k.Name == "analyst");

        (_, body) = await given.Node.Post("mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } userErrors { code } } }",
            new { id = created.ApiKey.Id }, given.Admin);
        Assert.NotNull(body.DataAt<RevokedKey>("revokeApiKey").ApiKey!.RevokedAt);
        (status, _) = await given.Node.Post(Read, bearer: created.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private sealed record RefusedKey(string? Key, KeyInfo? ApiKey, List<Infrastructure.UserError> UserErrors);

    [Fact]
    public async Task A_key_name_over_100_characters_is_refused_and_nothing_is_created()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        var name = new string('n', 101);
        var (_, body) = await given.Node.Post("mutation($name: String) { createApiKey(input: { role: READER, name: $name }) { key apiKey { id } userErrors { field code } } }",
            new { name }, given.Admin);

        var refused = body.DataAt<RefusedKey>("createApiKey");
        Assert.Equal(("name", "INVALID_NAME"), (refused.UserErrors.Single().Field, refused.UserErrors.Single().Code));
        Assert.Null(refused.Key);
        (_, body) = await given.Node.Post("{ apiKeys { id name } }", bearer: given.Admin);
        Assert.DoesNotContain(body.DataAt<List<KeyInfo>>("apiKeys"), k => k.Name == name);
    }

    [Fact]
    public async Task Revoking_a_key_that_does_not_exist_is_NOT_FOUND()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);

        var (_, body) = await given.Node.Post("""mutation { revokeApiKey(input: { id: "intel_nothing-like-it" }) { apiKey { id } userErrors { field code } } }""",
            bearer: given.Admin);

        var refused = body.DataAt<RefusedKey>("revokeApiKey");
        Assert.Equal(("id", "NOT_FOUND"), (refused.UserErrors.Single().Field, refused.UserErrors.Single().Code));
        Assert.Null(refused.ApiKey);
    }

    [Fact]
    public async Task Only_hashes_of_keys_are_stored()
    {
        await using var given = await GivenKeys.Start(db.ConnectionString);
        var (_, body) = await given.Node.Post(CreateReaderKey, bearer: given.Admin);
        var secret = body.DataAt<CreatedKey>("createApiKey").Key;

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var dump = new NpgsqlCommand("select string_agg(data::text, ' ') from intel.mt_doc_apikey", connection);
        var stored = (string)(await dump.ExecuteScalarAsync())!;
        foreach (var key in new[] { given.Reader, given.Editor, given.Admin, secret }) Assert.DoesNotContain(key[6..], stored);
    }

    [Fact]
    public async Task Dev_mode_opens_reads_but_not_mutations_to_loopback_callers()
    {
        await using var node = await TestNode.Start(db.ConnectionString, devMode: true);
        var (status, body) = await node.Post(Read);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.NotNull(body.DataAt<JsonNode?>("alertRules"));

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

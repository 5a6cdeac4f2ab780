using System.Text.Json.Nodes;
using Intelligence.Server.Sources.Catalog;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.Security;

/// <summary>What a role may put in a source: file sources only under the configured roots, private addresses only from an admin, never ranges.</summary>
public sealed class CapabilityTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const string AddSource = """
        mutation($input: AddSourceInput!) { addSource(input: $input) { source { sourceId } userErrors { field message code } } }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("intel-file-root-").FullName;
    private RunningServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await RunningServer.Start(db.ConnectionString, o => o with { FileSourceRoots = [_root] });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<List<string>> Codes(object input, string key)
    {
        var errors = await _server.Query<List<UserError>>(AddSource, new { input }, key, "addSource", "userErrors");
        return [.. errors.Select(e => e.Code!)];
    }

    [Fact]
    public async Task An_editor_cannot_read_files_outside_the_allowed_roots()
    {
        var editor = await _server.CreateKey("editor");
        foreach (var path in new[] { "/etc/passwd", "/etc", Path.Combine(_root, "..", "..", "etc", "passwd") })
            Assert.Equal(["FILE_SOURCE_FORBIDDEN"], await Codes(new { id = "f-" + Guid.NewGuid().ToString("N")[..8], name = "F", kind = "file", path }, editor));

        // A link inside the root that points out of it is outside too.
        var link = Path.Combine(_root, "passwd.html");
        File.CreateSymbolicLink(link, "/etc/passwd");
        Assert.Equal(["FILE_SOURCE_FORBIDDEN"], await Codes(new { id = "linked", name = "Linked", kind = "file", path = link }, editor));

        // A folder under the root is read, but a link in it to a file outside is skipped.
        var folder = Directory.CreateDirectory(Path.Combine(_root, "news")).FullName;
        File.Copy(Path.Combine(RepoPaths.SampleCorpus, "01-ledger-microsoft-openai-stake.html"), Path.Combine(folder, "stake.html"));
        File.CreateSymbolicLink(Path.Combine(folder, "passwd.html"), "/etc/passwd");
        Assert.Empty(await Codes(new { id = "inside", name = "Inside", kind = "file", path = folder }, editor));
        var report = await Intelligence.Server.Tests.Sources.CrawlSourceRuns.CrawlAndWait(_server, editor, "inside", "discovered ingested");
        Assert.Equal(1, report.Discovered);
        var found = await _server.Query<Connection<JsonNode>>("""{ articles(first: 5, filter: { search: "root:x:0" }) { totalCount } }""", path: "articles");
        Assert.Equal(0, found.TotalCount);
    }

    [Fact]
    public async Task Without_configured_roots_no_file_source_is_accepted_over_the_api()
    {
        await using var plain = await RunningServer.Start(db.ConnectionString, o => o with { FileSourceRoots = [] });
        var admin = await plain.CreateKey("admin");
        var result = await plain.GraphQL(AddSource, new { input = new { id = "anywhere", name = "A", kind = "file", path = _root } }, admin);
        Assert.Contains("FILE_SOURCE_FORBIDDEN", result.ToJsonString());
    }

    [Fact]
    public async Task Only_an_admin_lets_a_source_reach_private_addresses_and_never_a_whole_range()
    {
        var editor = await _server.CreateKey("editor");
        var admin = await _server.CreateKey("admin");
        var page = new { id = "p1", name = "P", kind = "page", url = "http://127.0.0.1:8080/a", allowPrivateAddresses = new[] { "127.0.0.1:8080" } };
        Assert.Equal(["FORBIDDEN"], await Codes(page, editor));
        foreach (var range in new[] { "0.0.0.0/0", "::/0", "10.0.0.0/8", "127.0.0.0/8" })
        {
            Assert.Contains("PRIVATE_RANGE_REFUSED", await Codes(page with { id = "r" + range.Length, allowPrivateAddresses = new[] { range } }, admin));
            Assert.Contains("PRIVATE_RANGE_REFUSED", await Codes(page with { id = "e" + range.Length, allowPrivateAddresses = new[] { range } }, editor));
        }
        Assert.Empty(await Codes(page, admin));

        // A source stored by an older version with a range loses the range when it is read.
        await using (var session = _server.App.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(new AddedSource { Id = "old-wide", AddedAt = DateTimeOffset.UtcNow,
                Json = """{"id":"old-wide","name":"Old","kind":"page","url":"http://127.0.0.1:9/x","allowPrivateAddresses":["0.0.0.0/0","127.0.0.1:9"]}""" });
            await session.SaveChangesAsync();
        }
        var stored = await _server.App.Services.GetRequiredService<SourceCatalog>().Find("old-wide", CancellationToken.None);
        Assert.Equal(["127.0.0.1:9"], stored!.AllowPrivateAddresses.Entries);
    }
}

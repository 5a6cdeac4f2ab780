using System.Text.Json;
using Intelligence.Ingestion.Sources;
using Intelligence.Server.Hosting;
using Marten;

namespace Intelligence.Server.Sources.Catalog;

/// <summary>A source added at run time (GraphQL `addSource`), stored in the sources-file format so one parser validates both.</summary>
public sealed class AddedSource
{
    public string Id { get; set; } = "";
    public string Json { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>The sources the system crawls: the sources file given at start plus those added since (stored in PostgreSQL).</summary>
public sealed class SourceCatalog(IntelligenceOptions options, IDocumentStore store)
{
    private readonly Lazy<IReadOnlyList<SourceDefinition>> _fromFile = new(() =>
        options.SourcesFile is { } path ? SourcesFile.Load(path) : []);

    public IReadOnlyList<SourceDefinition> FromFile => _fromFile.Value;

    public async Task<IReadOnlyList<SourceDefinition>> All(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var added = await session.Query<AddedSource>().OrderBy(s => s.Id).ToListAsync(ct);
        // Sources added over the API keep the API's limits even if they were stored before those limits existed.
        var fromStore = added.SelectMany(a => SourcesFile.Parse(Wrap(a.Json), $"added source {a.Id}"))
            .Select(s => s with { FileRoots = options.FileSourceRoots, AllowPrivateAddresses = s.AllowPrivateAddresses.WithoutRanges() });
        return [.. FromFile.Concat(fromStore.Where(s => FromFile.All(f => f.Id != s.Id)))];
    }

    public async Task<SourceDefinition?> Find(string id, CancellationToken ct) =>
        (await All(ct)).FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Validates one source (sources-file JSON object) and returns it; throws SourcesFileException listing every problem.</summary>
    public static SourceDefinition Validate(string sourceJson) => SourcesFile.Parse(Wrap(sourceJson), "input").Single();

    public static string Wrap(string sourceJson) => $"{{\"sources\":[{sourceJson}]}}";

    public static string ToJson(object source) => JsonSerializer.Serialize(source, new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });
}

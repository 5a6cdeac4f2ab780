using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intelligence.Extraction.Entities;

public enum EntityKind { Company, Agency, Person, Product, Media }

/// <summary>A canonical entity with its aliases. <see cref="Giant"/> helps coreference: "la startup" is never a giant.</summary>
public sealed record Entity
{
    public required string Name { get; init; }
    public EntityKind Kind { get; init; } = EntityKind.Company;
    public bool Giant { get; init; }
    /// <summary>Matches exactly as written; otherwise an alias that starts lowercase ("le géant de Redmond") may also start uppercase.</summary>
    public bool CaseSensitive { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Person: employer; product: maker.</summary>
    public string? Company { get; init; }
    public string? ProductKind { get; init; }

    public bool IsOrganization => Kind is EntityKind.Company or EntityKind.Agency;
}

/// <summary>The entity data file: the one shipped in the assembly, extended by files given in configuration.</summary>
public sealed class EntityCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record CatalogFile(List<Entity> Entities);

    public IReadOnlyList<Entity> Entities { get; }

    public EntityCatalog(IEnumerable<Entity> entities)
    {
        // A later file wins for a name it redefines; aliases are merged.
        var byName = new Dictionary<string, Entity>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entities)
        {
            byName[e.Name] = byName.TryGetValue(e.Name, out var existing)
                ? e with { Aliases = existing.Aliases.Concat(e.Aliases).Distinct().ToArray() }
                : e;
        }
        Entities = byName.Values.ToArray();
    }

    public static EntityCatalog LoadDefault(IEnumerable<string>? extraFiles = null)
    {
        var entities = new List<Entity>(ReadEmbedded());
        foreach (var path in extraFiles ?? [])
            entities.AddRange(Parse(File.ReadAllText(path), path));
        return new EntityCatalog(entities);
    }

    public static IReadOnlyList<Entity> Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<CatalogFile>(json, JsonOptions)?.Entities ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Entity file '{source}' is not valid: {e.Message}", e);
        }
    }

    /// <summary>The shipped files, in order: the general list of companies and public bodies, then the entities the
    /// extractor was written against (read later, so they refine the general list).</summary>
    private static readonly string[] EmbeddedFiles = ["companies.json", "entities.json"];

    private static IEnumerable<Entity> ReadEmbedded()
    {
        var assembly = typeof(EntityCatalog).Assembly;
        foreach (var file in EmbeddedFiles)
        {
            using var stream = assembly.GetManifestResourceStream("Intelligence.Extraction.Entities." + file)
                ?? throw new InvalidOperationException($"Embedded {file} is missing.");
            using var reader = new StreamReader(stream);
            foreach (var entity in Parse(reader.ReadToEnd(), "embedded " + file)) yield return entity;
        }
    }
}

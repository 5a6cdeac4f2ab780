using NJsonSchema;

namespace Intelligence.Extraction.Gpu;

/// <summary>schemas/facts.schema.json, embedded in the assembly, loaded once.</summary>
public static class FactSchema
{
    private static readonly Lazy<string> TextLazy = new(() =>
    {
        using var stream = typeof(FactSchema).Assembly.GetManifestResourceStream("Intelligence.Extraction.facts.schema.json")
            ?? throw new InvalidOperationException("Embedded facts.schema.json is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<JsonSchema> SchemaLazy = new(() => JsonSchema.FromJsonAsync(TextLazy.Value).GetAwaiter().GetResult());

    public static string Text => TextLazy.Value;
    public static JsonSchema Schema => SchemaLazy.Value;

    /// <summary>Schema errors for a JSON document ("path: kind" strings); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string json) =>
        Schema.Validate(json).Select(e => $"{e.Path}: {e.Kind}").ToList();
}

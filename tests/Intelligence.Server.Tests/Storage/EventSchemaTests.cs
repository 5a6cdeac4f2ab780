using System.Text.Json.Nodes;
using Intelligence.Server.Hosting;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;

namespace Intelligence.Server.Tests.Storage;

/// <summary>Every stored event type has a schema in schemas/events/, and its serialized shape agrees with it both ways.</summary>
public sealed class EventSchemaTests
{
    public static TheoryData<string, Type> RegisteredEvents()
    {
        var data = new TheoryData<string, Type>();
        foreach (var (name, type) in Registered()) data.Add(name, type);
        return data;
    }

    [Fact]
    public void Every_domain_event_has_a_stable_name()
    {
        var names = Registered().Select(r => r.Name).ToList();
        Assert.Contains("article_ingested", names);
        Assert.Contains("fact_extracted", names);
        Assert.All(names, n => Assert.Matches("^[a-z][a-z0-9_]*$", n));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RegisteredEvents))]
    public async Task Event_shape_and_schema_agree(string name, Type type)
    {
        var path = Path.Combine(RepoPaths.Root, "schemas", "events", name + ".json");
        Assert.True(File.Exists(path), $"No schema for event '{name}' ({type.Name}): add schemas/events/{name}.json");
        var schema = await JsonSchema.FromFileAsync(path);

        var json = Serializer().ToJson(EventSamples.Build(type));
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}\n{json}");

        var written = JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToHashSet();
        var declared = schema.ActualProperties.Keys.ToHashSet();
        Assert.True(declared.SetEquals(written),
            $"{name}: schema declares [{string.Join(", ", declared.Except(written))}] that the event lacks; event writes [{string.Join(", ", written.Except(declared))}] that the schema lacks");
    }

    private static IEnumerable<(string Name, Type Type)> Registered() =>
        Store().Options.Events.AllKnownEventTypes()
            .Select(e => (e.EventTypeName, (Type)e.GetType().GetProperty("EventType")!.GetValue(e)!))
            .Where(e => e.Item2.Namespace?.StartsWith("Intelligence", StringComparison.Ordinal) == true)
            .OrderBy(e => e.EventTypeName);

    private static Marten.ISerializer Serializer() => Store().Options.Serializer();

    private static IDocumentStore Store() => LazyStore.Value;

    private static readonly Lazy<IDocumentStore> LazyStore = new(() =>
        IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = "Host=127.0.0.1;Database=unused", ServeHttp = false })
            .Services.GetRequiredService<IDocumentStore>());
}

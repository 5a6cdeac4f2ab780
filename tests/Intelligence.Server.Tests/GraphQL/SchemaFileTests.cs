using GraphQL;
using GraphQL.Types;
using Intelligence.Server.Hosting;
using Intelligence.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Tests.GraphQL;

/// <summary>schemas/graphql/schema.graphql is the SDL printed from the code; this fails when it is stale.</summary>
public sealed class SchemaFileTests
{
    private static readonly string SchemaFile = Path.Combine(RepoPaths.Root, "schemas", "graphql", "schema.graphql");

    [Fact]
    public void The_checked_in_sdl_matches_the_code()
    {
        var printed = PrintSchema();
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMAS") == "1") File.WriteAllText(SchemaFile, printed);
        Assert.True(File.Exists(SchemaFile), $"Missing {SchemaFile}: run `UPDATE_SCHEMAS=1 dotnet test --filter SchemaFileTests`.");
        var checkedIn = File.ReadAllText(SchemaFile).ReplaceLineEndings("\n");
        Assert.True(checkedIn == printed,
            "schemas/graphql/schema.graphql is stale: run `UPDATE_SCHEMAS=1 dotnet test tests/Intelligence.Server.Tests --filter SchemaFileTests` and commit it.");
    }

    [Fact]
    public void The_schema_follows_the_api_conventions()
    {
        var printed = PrintSchema();
        Assert.Contains("interface Node", printed);
        Assert.Contains("enum FactType", printed);
        Assert.Contains("STAKE", printed);
        Assert.Contains("nodes: [", printed);
        Assert.Contains("type Money", printed);
    }

    internal static string PrintSchema()
    {
        var app = IntelligenceHost.Build(new IntelligenceOptions { ConnectionString = "Host=127.0.0.1;Database=unused", ServeHttp = false });
        var schema = app.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema.Print().ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}

using Intelligence.Ingestion.Sources;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Hosting;
using Intelligence.Server.Security;
using Intelligence.Server.Sources.Catalog;
using Wolverine.Marten;

namespace Intelligence.Server.Sources.Adding;

public sealed record AddSourceInput(string Id, string Name, string Kind, string? Url, string? Path, string? Schedule, string? Language,
    int? HostDelaySeconds, bool? Enabled, List<string>? AllowPrivateAddresses);

/// <summary>Add a source to crawl, validated like an entry of the sources file and within what the caller may add.</summary>
public sealed record AddSource(AddSourceInput Input, Caller Caller);

/// <summary>The source as added, or the problems (nothing is stored then).</summary>
public sealed record AddSourceResult(SourceDefinition? Added, IReadOnlyList<UserError> Errors);

public static class AddSourceHandler
{
    public static async Task<(AddSourceResult, IMartenOp)> Handle(AddSource command, SourceCatalog catalog, IntelligenceOptions options,
        TimeProvider time, CancellationToken ct)
    {
        var input = command.Input;
        var json = SourceCatalog.ToJson(new
        {
            id = input.Id, name = input.Name, kind = input.Kind, url = input.Url, path = input.Path, schedule = input.Schedule,
            language = input.Language, hostDelaySeconds = input.HostDelaySeconds, enabled = input.Enabled,
            allowPrivateAddresses = input.AllowPrivateAddresses,
        });
        SourceDefinition definition;
        try
        {
            definition = SourceCatalog.Validate(json);
        }
        catch (SourcesFileException e)
        {
            return Refused([.. e.Errors.Select(m => new UserError("input", m, "INVALID_SOURCE"))]);
        }
        var refused = SourcePermissions.Check(definition, command.Caller, options);
        if (refused.Count > 0) return Refused(refused);
        if (await catalog.Find(definition.Id, ct) is not null)
            return Refused([new UserError("input.id", $"A source '{definition.Id}' already exists.", "DUPLICATE_SOURCE")]);
        return (new AddSourceResult(definition, []), MartenOps.Store(new AddedSource { Id = definition.Id, Json = json, AddedAt = time.GetUtcNow() }));
    }

    private static (AddSourceResult, IMartenOp) Refused(IReadOnlyList<UserError> errors) => (new AddSourceResult(null, errors), MartenOps.Nothing());
}

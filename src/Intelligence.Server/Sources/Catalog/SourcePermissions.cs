using Intelligence.Ingestion.Safety;
using Intelligence.Ingestion.Sources;
using Intelligence.Server.GraphQL;
using Intelligence.Server.Hosting;
using Intelligence.Server.Security;

namespace Intelligence.Server.Sources.Catalog;

/// <summary>
/// What a caller may put in a source added over the API, beyond what the sources file allows an operator:
/// `file` sources only under the configured roots, and private addresses only from an admin, one address at a time.
/// </summary>
public static class SourcePermissions
{
    public static IReadOnlyList<UserError> Check(SourceDefinition source, Caller caller, IntelligenceOptions options)
    {
        var errors = new List<UserError>();
        if (source.Kind == SourceKind.File)
        {
            if (options.FileSourceRoots.Count == 0)
                errors.Add(new UserError("input.path",
                    "This server reads no file source added over the API (no INTELLIGENCE_FILE_SOURCE_ROOTS); an operator can list it in the sources file.",
                    "FILE_SOURCE_FORBIDDEN"));
            else if (!FileRoots.Contains(options.FileSourceRoots, source.Path ?? ""))
                errors.Add(new UserError("input.path", "The path is outside the directories this server lets file sources read.", "FILE_SOURCE_FORBIDDEN"));
        }
        if (!source.AllowPrivateAddresses.IsEmpty)
        {
            if (!caller.Has(ApiRole.Admin))
                errors.Add(new UserError("input.allowPrivateAddresses",
                    $"Only an admin key may let a source reach private addresses; this key has the {caller.Role.ToString().ToLowerInvariant()} role.", "FORBIDDEN"));
            foreach (var range in source.AllowPrivateAddresses.Ranges)
                errors.Add(new UserError("input.allowPrivateAddresses",
                    $"'{range}' is a range; over the API list single addresses (\"10.1.2.3\" or \"10.1.2.3:8080\"). Ranges belong in the sources file.",
                    "PRIVATE_RANGE_REFUSED"));
        }
        return errors;
    }
}

using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Intelligence.Server.Security;

/// <summary>
/// Checks rights before anything executes: a mutation needs the editor role; a field marked with
/// <see cref="RequireRole"/> needs that role. Failures are validation errors with code FORBIDDEN
/// (the HTTP endpoint answers them with 403).
/// </summary>
public sealed class AuthorizationRule : ValidationRuleBase
{
    public const string Forbidden = "FORBIDDEN";
    private const string RoleMetadata = "intel:requiredRole";

    /// <summary>Marks a field as needing a role (checked at validation, before any resolver runs).</summary>
    public static TField RequireRole<TField>(TField field, ApiRole role) where TField : IFieldType
    {
        field.WithMetadata(RoleMetadata, role);
        return field;
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var caller = Caller.From(context.User);
        var operation = context.Operation;
        if (operation.Operation == OperationType.Mutation && caller?.Has(ApiRole.Editor) != true)
        {
            context.ReportError(Error(context, operation,
                caller is null ? "Mutations need an API key with the editor role." :
                $"Mutations need the editor role; this {(caller.IsAnonymous ? "anonymous caller" : "key")} has the {caller.Role.ToString().ToLowerInvariant()} role."));
            return default;
        }
        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (ctx.TypeInfo.GetFieldDef() is not { } definition) return;
            if (definition.GetMetadata<ApiRole?>(RoleMetadata) is not { } needed) return;
            if (caller?.Has(needed) == true) return;
            ctx.ReportError(Error(ctx, field, $"`{definition.Name}` needs an API key with the {needed.ToString().ToLowerInvariant()} role."));
        }));
    }

    private static ValidationError Error(ValidationContext context, ASTNode node, string message) =>
        new(context.Document.Source, "5.8.1", message, node) { Code = Forbidden };
}

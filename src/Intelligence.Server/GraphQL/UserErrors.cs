using GraphQL.Types;

namespace Intelligence.Server.GraphQL;

/// <summary>A problem with a mutation's input that the caller can fix (GitHub-style `userErrors`), as opposed to a GraphQL error.</summary>
public sealed record UserError(string? Field, string Message, string Code);

public sealed class UserErrorGraphType : ObjectGraphType<UserError>
{
    public UserErrorGraphType()
    {
        Name = "UserError";
        Description = "A problem with the mutation's input.";
        Field(x => x.Field, nullable: true).Description("The input field at fault, e.g. `input.url`.");
        Field(x => x.Message);
        Field(x => x.Code).Description("Stable machine-readable code, e.g. INVALID_URL.");
    }
}

public static class UserErrors
{
    /// <summary>Adds the `userErrors: [UserError!]!` field to a payload type whose records expose them.</summary>
    public static void AddUserErrors<T>(this ObjectGraphType<T> payload, Func<T, IReadOnlyList<UserError>> errors) =>
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorGraphType>>>>("userErrors").Resolve(ctx => errors(ctx.Source));
}

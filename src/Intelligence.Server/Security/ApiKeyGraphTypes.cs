using GraphQL;
using GraphQL.Types;
using Intelligence.Server.GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Security;

public sealed class ApiRoleEnum : EnumerationGraphType<ApiRole>
{
    public ApiRoleEnum()
    {
        Name = "ApiKeyRole";
        Description = "READER: queries and subscriptions; EDITOR: also mutations; ADMIN: also key management.";
    }
}

public sealed class ApiKeyGraphType : ObjectGraphType<ApiKey>
{
    public ApiKeyGraphType()
    {
        Name = "ApiKey";
        Description = "An API key. The secret itself is never stored or returned after creation.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field(x => x.Name);
        Field<NonNullGraphType<ApiRoleEnum>>("role").Resolve(c => c.Source.Role);
        Field(x => x.Prefix).Description("The first characters of the secret, to recognise it.");
        Field(x => x.CreatedAt);
        Field(x => x.RevokedAt, nullable: true);
    }
}

public sealed record ApiKeyUserError(string Field, string Message, string Code);

public sealed class ApiKeyUserErrorGraphType : ObjectGraphType<ApiKeyUserError>
{
    public ApiKeyUserErrorGraphType()
    {
        Name = "ApiKeyUserError";
        Field(x => x.Field);
        Field(x => x.Message);
        Field(x => x.Code);
    }
}

public sealed record CreateApiKeyPayload(string? Secret, ApiKey? ApiKey, IReadOnlyList<ApiKeyUserError> UserErrors);

public sealed class CreateApiKeyPayloadType : ObjectGraphType<CreateApiKeyPayload>
{
    public CreateApiKeyPayloadType()
    {
        Name = "CreateApiKeyPayload";
        Field("key", x => x.Secret, nullable: true).Description("The secret, shown this once: send it as `Authorization: Bearer <key>`.");
        Field<ApiKeyGraphType>("apiKey").Resolve(c => c.Source.ApiKey);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyUserErrorGraphType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

public sealed record RevokeApiKeyPayload(ApiKey? ApiKey, IReadOnlyList<ApiKeyUserError> UserErrors);

public sealed class RevokeApiKeyPayloadType : ObjectGraphType<RevokeApiKeyPayload>
{
    public RevokeApiKeyPayloadType()
    {
        Name = "RevokeApiKeyPayload";
        Field<ApiKeyGraphType>("apiKey").Resolve(c => c.Source.ApiKey);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyUserErrorGraphType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

public sealed class CreateApiKeyInputType : InputObjectGraphType
{
    public CreateApiKeyInputType()
    {
        Name = "CreateApiKeyInput";
        Field<NonNullGraphType<ApiRoleEnum>>("role");
        Field<StringGraphType>("name");
    }
}

public sealed class RevokeApiKeyInputType : InputObjectGraphType
{
    public RevokeApiKeyInputType()
    {
        Name = "RevokeApiKeyInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The key's id, or its display prefix.");
    }
}

/// <summary>Key management over GraphQL, for admin keys only: `apiKeys`, `createApiKey`, `revokeApiKey`.</summary>
public static class ApiKeyFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        AuthorizationRule.RequireRole(query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyGraphType>>>>("apiKeys")
            .Description("Every API key, revoked ones included (admin only).")
            .ResolveAsync(async ctx =>
            {
                Caller.Require(ctx, ApiRole.Admin);
                return await ctx.RequestServices!.GetRequiredService<ApiKeys>().List(true, ctx.CancellationToken);
            }).FieldType, ApiRole.Admin);
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        AuthorizationRule.RequireRole(mutation.Field<NonNullGraphType<CreateApiKeyPayloadType>>("createApiKey")
            .Description("Creates an API key and returns its secret once (admin only).")
            .Argument<NonNullGraphType<CreateApiKeyInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                Caller.Require(ctx, ApiRole.Admin);
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var role = input.TryGetValue("role", out var r) && r is ApiRole parsed ? parsed : ApiRole.Reader;
                var name = input.TryGetValue("name", out var n) ? n as string : null;
                var result = await Bus(ctx).InvokeAsync<CreateApiKeyResult>(new CreateApiKey(role, name), ctx.CancellationToken);
                return new CreateApiKeyPayload(result.Created?.Secret, result.Created?.Key, result.Errors);
            }).FieldType, ApiRole.Admin);

        AuthorizationRule.RequireRole(mutation.Field<NonNullGraphType<RevokeApiKeyPayloadType>>("revokeApiKey")
            .Description("Revokes an API key (admin only). Other nodes stop accepting it within seconds.")
            .Argument<NonNullGraphType<RevokeApiKeyInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                Caller.Require(ctx, ApiRole.Admin);
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var id = input.TryGetValue("id", out var v) ? v?.ToString() ?? "" : "";
                var result = await Bus(ctx).InvokeAsync<RevokeApiKeyResult>(new RevokeApiKey(id), ctx.CancellationToken);
                return new RevokeApiKeyPayload(result.Revoked, result.Errors);
            }).FieldType, ApiRole.Admin);
    }

    private static IMessageBus Bus(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IMessageBus>();
}

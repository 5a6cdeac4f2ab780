using Wolverine.Marten;

namespace Intelligence.Server.Security;

/// <summary>Create an API key with this role; its secret is returned once and only its hash is stored.</summary>
public sealed record CreateApiKey(ApiRole Role, string? Name);

/// <summary>The key and its secret, or the problems (nothing is stored then).</summary>
public sealed record CreateApiKeyResult(CreatedApiKey? Created, IReadOnlyList<ApiKeyUserError> Errors);

public sealed record CreatedApiKey(ApiKey Key, string Secret);

public static class CreateApiKeyHandler
{
    public const int MaxNameLength = 100;

    public static (CreateApiKeyResult, IMartenOp) Handle(CreateApiKey command, TimeProvider time)
    {
        if (!Enum.IsDefined(command.Role)) throw new ArgumentOutOfRangeException(nameof(command), command.Role, "Unknown role.");
        if (command.Name is { Length: > MaxNameLength })
            return (new CreateApiKeyResult(null, [new ApiKeyUserError("name", $"At most {MaxNameLength} characters.", "INVALID_NAME")]), MartenOps.Nothing());
        var secret = ApiKeySecrets.NewSecret();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = string.IsNullOrWhiteSpace(command.Name) ? command.Role.ToString().ToLowerInvariant() : command.Name.Trim(),
            Role = command.Role,
            Hash = ApiKeySecrets.Hash(secret),
            Prefix = secret[..ApiKeySecrets.DisplayPrefixLength],
            CreatedAt = time.GetUtcNow(),
        };
        return (new CreateApiKeyResult(new CreatedApiKey(key, secret), []), MartenOps.Insert(key));
    }
}

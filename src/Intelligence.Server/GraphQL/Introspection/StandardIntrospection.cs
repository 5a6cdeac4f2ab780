using System.Collections.Concurrent;
using System.Text.Json;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.GraphQL.Introspection;

/// <summary>
/// Answers the introspection queries that tools send (GraphiQL, Apollo Sandbox, graphql-codegen, Postman: graphql-js
/// <c>getIntrospectionQuery()</c>) for every caller that may read. Their depth (15) and complexity (about a million)
/// are far over the limits that protect the data, but their answer is the schema once (see
/// <see cref="IntrospectionShape"/>): it runs once per query text without the complexity rule, and is then served
/// from memory. The schema never changes while the process runs. Every other document keeps every limit.
/// </summary>
public sealed class StandardIntrospection : IConfigureExecution
{
    /// <summary>Distinct introspection texts kept (option combinations and client versions).</summary>
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<(string Query, string? OperationName), JsonElement> _answers = new();
    private long _hits;

    /// <summary>Introspection requests answered from memory since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>After the options are configured (validation rules included), before <see cref="DocumentCache"/>.</summary>
    public float SortOrder => 150;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query || options.Variables is { Count: > 0 }) return await next(options);
        var key = (query, options.OperationName);
        if (_answers.TryGetValue(key, out var answer))
        {
            Interlocked.Increment(ref _hits);
            return new ExecutionResult { Data = answer, Executed = true };
        }
        if (!IntrospectionShape.IsStandard(query, options.OperationName)) return await next(options);

        // The core rules only: no complexity analysis (the shape bounds the answer); authorization has nothing to
        // check in a document that reads only __schema.
        options.ValidationRules = DocumentValidator.CoreRules;
        var result = await next(options);
        if (result.Executed && result.Errors is not { Count: > 0 } && _answers.Count < Capacity && options.RequestServices is { } services)
        {
            var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
            using var data = JsonDocument.Parse(serializer.Serialize(result));
            if (data.RootElement.TryGetProperty("data", out var element)) _answers.TryAdd(key, element.Clone());
        }
        return result;
    }
}

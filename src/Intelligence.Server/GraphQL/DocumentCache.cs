using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace Intelligence.Server.GraphQL;

/// <summary>
/// Parsed and validated documents, by query text: dashboards and scripts send the same few documents again and again,
/// and parsing plus validation was about 40% of the server's work on a timeline read. A document is cached only after
/// it validated and ran; a cached one is still checked by the rules that depend on the caller or the variables
/// (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>, e.g. <see cref="Security.AuthorizationRule"/>).
/// Bounded by total query length, least recently used first out.
/// </summary>
public sealed class DocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>Total characters of query text kept.</summary>
    public const long CapacityChars = 4 * 1024 * 1024;

    /// <summary>Longer documents are one-offs more often than not: they are not kept.</summary>
    public const int MaxQueryChars = 64 * 1024;

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = CapacityChars });
    private long _hits;

    /// <summary>Requests served with a cached document since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>After the options are configured; the document is all this step touches.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { Length: <= MaxQueryChars } query) return await next(options);
        if (_documents.TryGetValue(query, out GraphQLDocument? cached) && cached is not null)
        {
            options.Document = cached;
            // The executer validates with ValidationRules whatever the document's origin: a cached document only
            // needs the rules registered for cached documents (they depend on the caller or the variables).
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            Interlocked.Increment(ref _hits);
            return await next(options);
        }
        var result = await next(options);
        if (result.Executed && result.Document is { } document)
            _documents.Set(query, document, new MemoryCacheEntryOptions { Size = query.Length });
        return result;
    }

    public void Dispose() => _documents.Dispose();
}

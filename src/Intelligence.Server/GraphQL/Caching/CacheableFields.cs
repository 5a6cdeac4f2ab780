using GraphQL;
using GraphQL.Builders;
using GraphQL.Instrumentation;
using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Utilities;

namespace Intelligence.Server.GraphQL.Caching;

/// <summary>
/// Which fields a cached response may be built from, declared where each field is defined. A response is kept only when
/// every field it resolved is declared cacheable: a root field that serves versioned documents through
/// <see cref="ProjectionCache"/> (and calls <see cref="ResponseReads.NotCacheable"/> on any other path), or a field that
/// reads only its parent object. A field nobody declared, such as a new one that queries the database, makes the
/// response uncacheable, never stale.
/// </summary>
public static class CacheableFields
{
    public const string MetadataKey = "intel:cacheable";

    /// <summary>A root field that answers from <see cref="ProjectionCache"/>, or says otherwise.</summary>
    public static FieldBuilder<TSource, TReturn> Cacheable<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.Metadata[MetadataKey] = true;
        return field;
    }

    /// <summary>Every field of this type defined so far, but those named, reads only its parent object.</summary>
    public static void FieldsReadOnlyTheirSource(this IComplexGraphType type, params string[] except)
    {
        foreach (var field in type.Fields.Where(f => !except.Contains(f.Name))) field.Metadata[MetadataKey] = true;
    }

    public static bool IsCacheable(this FieldType field) => field.GetMetadata(MetadataKey, false);
}

/// <summary>Marks the execution uncacheable as soon as it resolves a field not declared cacheable.</summary>
public sealed class CacheableFieldsMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (!context.FieldDefinition.IsCacheable()) ResponseReads.NotCacheable();
        return next(context);
    }
}

/// <summary>The library's paging types read only their parent (an edge, a page info), like our own connection type.</summary>
public sealed class CacheablePagingTypes : BaseSchemaNodeVisitor
{
    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        var edge = type.GetType() is { IsGenericType: true } generic && generic.GetGenericTypeDefinition() == typeof(EdgeType<>);
        if (edge || type is PageInfoType) type.FieldsReadOnlyTheirSource();
    }
}

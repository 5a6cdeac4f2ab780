using GraphQL.Validation.Complexity;

namespace Intelligence.Server.GraphQL.Limits;

/// <summary>
/// Complexity that follows what a field costs the database: a `search` filter scans article texts, `totalCount` under
/// a filter counts the filtered rows, `asOf` folds events. Added to GraphQL.NET's default impact (which already
/// multiplies by page sizes), so 1,000 aliases of a search count weigh 100,000+ and are refused before anything runs.
/// </summary>
public static class FieldCosts
{
    public static void Apply(ComplexityOptions complexity, GraphQLLimits limits)
    {
        complexity.MaxComplexity = limits.MaxComplexity;
        complexity.MaxDepth = limits.MaxDepth;
        var standard = complexity.DefaultComplexityImpactDelegate;
        complexity.DefaultComplexityImpactDelegate = context =>
        {
            var result = standard(context);
            var extra = Extra(context, limits);
            return extra == 0 ? result : new FieldComplexityResult(result.FieldImpact + extra, result.ChildImpactMultiplier);
        };
    }

    public static double Extra(FieldImpactContext context, GraphQLLimits limits)
    {
        var extra = 0d;
        if (HasSearch(Argument(context, "filter"))) extra += limits.SearchCost;
        if (Argument(context, "asOf") is not null) extra += limits.AsOfCost;
        if (context.FieldDefinition.Name == "totalCount" && context.Parent is { } parent && Argument(parent, "filter") is { } filter)
            extra += limits.FilteredCountCost + (HasSearch(filter) ? limits.SearchCost : 0);
        return extra;
    }

    private static object? Argument(FieldImpactContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var value) ? value.Value : null;

    /// <summary>A filter (an input object, parsed or as a dictionary) with a non-empty `search`.</summary>
    private static bool HasSearch(object? filter) => filter switch
    {
        null => false,
        IDictionary<string, object?> fields => fields.TryGetValue("search", out var s) && s is string { Length: > 0 },
        _ => filter.GetType().GetProperty("Search")?.GetValue(filter) is string { Length: > 0 },
    };
}

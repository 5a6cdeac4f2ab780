using GraphQLParser.AST;

namespace Intelligence.Server.GraphQL.Introspection;

/// <summary>
/// Recognizes the introspection documents that tools send (graphql-js <c>getIntrospectionQuery()</c> with any of its
/// options, and hand-written ones of the same shape) without trusting their text: one query operation whose root
/// selects <c>__schema</c> once, no aliases, and type-expanding fields (<c>fields</c>, <c>inputFields</c>,
/// <c>interfaces</c>, <c>possibleTypes</c>, <c>enumValues</c>) only on the types listed by <c>__schema.types</c>.
/// The answer to such a document is at most the schema once, whatever its depth, so the complexity limits are not
/// needed for it. Anything else, e.g. a thousand aliased <c>__schema</c> fields or <c>fields { type { fields ... } }</c>
/// chains, is left to the depth and complexity limits.
/// </summary>
public static class IntrospectionShape
{
    /// <summary>Longer documents are not introspection as tools write it (graphql-js's is about 1.6 KB).</summary>
    public const int MaxQueryChars = 16 * 1024;

    /// <summary>Selections visited through fragments, at most: bounds the check itself.</summary>
    private const int MaxVisits = 4_000;

    /// <summary><c>ofType</c> chains deeper than this are not needed by any schema (graphql-js asks for 9).</summary>
    private const int MaxOfTypeDepth = 16;

    private enum Level { Schema, FullType, TypeRef, Field, InputValue, EnumValue, Directive, Scalar }

    /// <summary>The fields each introspection object may select here, and the level of what each returns.</summary>
    private static readonly Dictionary<Level, Dictionary<string, Level>> Allowed = new()
    {
        [Level.Schema] = new()
        {
            ["description"] = Level.Scalar, ["queryType"] = Level.TypeRef, ["mutationType"] = Level.TypeRef,
            ["subscriptionType"] = Level.TypeRef, ["types"] = Level.FullType, ["directives"] = Level.Directive,
        },
        [Level.FullType] = new()
        {
            ["kind"] = Level.Scalar, ["name"] = Level.Scalar, ["description"] = Level.Scalar, ["specifiedByURL"] = Level.Scalar,
            ["isOneOf"] = Level.Scalar, ["fields"] = Level.Field, ["inputFields"] = Level.InputValue, ["interfaces"] = Level.TypeRef,
            ["possibleTypes"] = Level.TypeRef, ["enumValues"] = Level.EnumValue, ["ofType"] = Level.TypeRef,
        },
        [Level.TypeRef] = new()
        {
            ["kind"] = Level.Scalar, ["name"] = Level.Scalar, ["description"] = Level.Scalar, ["specifiedByURL"] = Level.Scalar,
            ["isOneOf"] = Level.Scalar, ["ofType"] = Level.TypeRef,
        },
        [Level.Field] = new()
        {
            ["name"] = Level.Scalar, ["description"] = Level.Scalar, ["args"] = Level.InputValue, ["type"] = Level.TypeRef,
            ["isDeprecated"] = Level.Scalar, ["deprecationReason"] = Level.Scalar,
        },
        [Level.InputValue] = new()
        {
            ["name"] = Level.Scalar, ["description"] = Level.Scalar, ["type"] = Level.TypeRef, ["defaultValue"] = Level.Scalar,
            ["isDeprecated"] = Level.Scalar, ["deprecationReason"] = Level.Scalar,
        },
        [Level.EnumValue] = new()
        {
            ["name"] = Level.Scalar, ["description"] = Level.Scalar, ["isDeprecated"] = Level.Scalar, ["deprecationReason"] = Level.Scalar,
        },
        [Level.Directive] = new()
        {
            ["name"] = Level.Scalar, ["description"] = Level.Scalar, ["isRepeatable"] = Level.Scalar, ["locations"] = Level.Scalar,
            ["args"] = Level.InputValue,
        },
    };

    public static bool IsStandard(string query, string? operationName)
    {
        if (query.Length > MaxQueryChars || !query.Contains("__schema", StringComparison.Ordinal)) return false;
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return false;
        }
        return IsStandard(document, operationName);
    }

    public static bool IsStandard(GraphQLDocument document, string? operationName)
    {
        if (document.Definitions.Any(d => d is not GraphQLOperationDefinition and not GraphQLFragmentDefinition)) return false;
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = string.IsNullOrEmpty(operationName)
            ? operations.Count == 1 ? operations[0] : null
            : operations.SingleOrDefault(o => o.Name?.StringValue == operationName);
        if (operation is not { Operation: OperationType.Query } || operation.Directives is { Count: > 0 }) return false;
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);

        var walk = new Walk(fragments);
        var root = walk.Fields(operation.SelectionSet);
        if (root is null || root.Count(f => f.Name.StringValue == "__schema") != 1) return false;
        if (root.Any(f => f.Name.StringValue is not ("__schema" or "__typename"))) return false;
        return root.Where(f => f.Name.StringValue == "__schema").All(f => walk.Check(f.SelectionSet, Level.Schema, 0));
    }

    private sealed class Walk(Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        private int _visits;

        /// <summary>The fields of a selection set with fragments spread in; null when it uses aliases, directives or unknown fragments.</summary>
        public List<GraphQLField>? Fields(GraphQLSelectionSet? set)
        {
            var fields = new List<GraphQLField>();
            return set is not null && Collect(set, fields, depth: 0) ? fields : null;
        }

        private bool Collect(GraphQLSelectionSet set, List<GraphQLField> fields, int depth)
        {
            if (depth > 8) return false;
            foreach (var selection in set.Selections)
            {
                if (++_visits > MaxVisits) return false;
                switch (selection)
                {
                    case GraphQLField field when field.Alias is null && field.Directives is not { Count: > 0 }:
                        fields.Add(field);
                        break;
                    case GraphQLFragmentSpread spread when spread.Directives is not { Count: > 0 }
                        && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        if (!Collect(fragment.SelectionSet, fields, depth + 1)) return false;
                        break;
                    case GraphQLInlineFragment inline when inline.Directives is not { Count: > 0 }:
                        if (!Collect(inline.SelectionSet, fields, depth + 1)) return false;
                        break;
                    default:
                        return false;
                }
            }
            return true;
        }

        public bool Check(GraphQLSelectionSet? set, Level level, int ofTypeDepth)
        {
            if (Fields(set) is not { } fields) return false;
            foreach (var field in fields)
            {
                var name = field.Name.StringValue;
                if (name == "__typename") continue;
                if (!Allowed[level].TryGetValue(name, out var next)) return false;
                var depth = name == "ofType" ? ofTypeDepth + 1 : 0;
                if (depth > MaxOfTypeDepth) return false;
                if (next == Level.Scalar ? field.SelectionSet is not null : !Check(field.SelectionSet, next, depth)) return false;
            }
            return true;
        }
    }
}

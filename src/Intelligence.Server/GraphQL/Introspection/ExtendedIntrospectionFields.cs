using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Intelligence.Server.GraphQL.Introspection;

/// <summary>
/// What graphql-js's <c>getIntrospectionQuery</c> asks with its extended options and GraphQL.NET 8.8 lacks even with
/// <c>Features.RepeatableDirectives</c> and <c>Features.DeprecationOfInputValues</c>: <c>__Type.specifiedByURL</c>
/// (null: no scalar here is specified by a URL) and <c>includeDeprecated</c> on <c>__Directive.args</c> (no directive
/// argument here is deprecated, so it changes nothing).
/// </summary>
public sealed class ExtendedIntrospectionFields : BaseSchemaNodeVisitor
{
    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        if (type.Name == "__Type" && !type.HasField("specifiedByURL"))
        {
            type.AddField(new FieldType
            {
                Name = "specifiedByURL",
                Type = typeof(StringGraphType),
                ResolvedType = schema.AllTypes["String"],
                Resolver = new FuncFieldResolver<object?>(_ => null),
            });
        }
        if (type.Name == "__Directive" && type.GetField("args") is { } args && args.Arguments?.Find("includeDeprecated") is null)
        {
            args.Arguments ??= [];
            args.Arguments.Add(new QueryArgument(schema.AllTypes["Boolean"]!) { Name = "includeDeprecated", DefaultValue = false });
        }
    }
}

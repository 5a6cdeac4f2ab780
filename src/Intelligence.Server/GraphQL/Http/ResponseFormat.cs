using GraphQL;
using Intelligence.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Intelligence.Server.GraphQL.Http;

/// <summary>
/// The two response media types of GraphQL over HTTP, chosen from the request's <c>Accept</c> header, and the status
/// codes each calls for. <c>application/graphql-response+json</c>: 400 when the document failed to parse or validate
/// (nothing ran). <c>application/json</c> (the legacy type, also assumed when <c>Accept</c> is missing or <c>*/*</c>):
/// 200 for every GraphQL response. HTTP-level refusals (401, 403, 405, 406, 413, 415, and 400 for a body that is not
/// a GraphQL request) are the same for both.
/// </summary>
public sealed record ResponseFormat(string MediaType, bool FailuresAre400)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static readonly ResponseFormat GraphQLResponse = new(GraphQLResponseJson, FailuresAre400: true);
    public static readonly ResponseFormat Legacy = new(Json, FailuresAre400: false);

    public string ContentType => MediaType + "; charset=utf-8";

    /// <summary>The format the client accepts best; null when it accepts neither (406).</summary>
    public static ResponseFormat? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return Legacy;
        if (!MediaTypeHeaderValue.TryParseList([accept], out var ranges)) return Legacy;
        // Highest quality first; among equals, the client's own order (OrderByDescending is stable).
        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var type = range.MediaType.Value ?? "";
            if (type.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)) return GraphQLResponse;
            if (type.Equals(Json, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*") return Legacy;
        }
        return null;
    }

    /// <summary>The status of an executed (or refused) GraphQL response in this format.</summary>
    public int StatusOf(ExecutionResult result)
    {
        if (result.Executed) return StatusCodes.Status200OK;
        if (result.Errors?.Any(e => e.Code == AuthorizationRule.Forbidden) == true) return StatusCodes.Status403Forbidden;
        return FailuresAre400 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }
}

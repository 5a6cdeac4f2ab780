using GraphQL;
using GraphQL.Execution;

namespace Intelligence.Server.GraphQL;

/// <summary>
/// Errors as callers see them: a failure inside the server (a database, a socket, a bug) answers one generic code,
/// never the exception's type (GraphQL.NET would derive MARTEN_COMMAND, NPGSQL, SOCKET from it) nor its message.
/// The full exception goes to the log.
/// </summary>
public sealed class PublicErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = false })
{
    public const string InternalCode = "INTERNAL_SERVER_ERROR";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is not UnhandledError) return info;
        var extensions = info.Extensions is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(info.Extensions);
        extensions["code"] = InternalCode;
        extensions["codes"] = new[] { InternalCode };
        extensions.Remove("details");
        return new ErrorInfo { Message = info.Message, Extensions = extensions };
    }
}

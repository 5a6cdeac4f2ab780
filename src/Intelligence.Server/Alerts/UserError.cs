namespace Intelligence.Server.Alerts;

/// <summary>A problem the caller can fix (bad rule definition, unknown id), returned in mutation payloads, never thrown.</summary>
public sealed record UserError(string Field, string Message, string Code);

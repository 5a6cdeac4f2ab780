using Intelligence.Domain;

namespace Intelligence.Server.Alerts;

/// <summary>
/// Deterministic ids (UUID v5): a rule is named once per name, and an alert once per (rule, fact identity), so a second
/// raise for the same fact finds the stream already there instead of starting another.
/// </summary>
public static class AlertIds
{
    private static readonly Guid RuleNamespace = new("5b1c64a2-3a55-4f7e-9d2c-7f1e0b7a0a01");
    private static readonly Guid AlertNamespace = new("5b1c64a2-3a55-4f7e-9d2c-7f1e0b7a0a02");

    public static Guid Rule(string name) => UuidV5.Create(RuleNamespace, name.Trim().ToLowerInvariant());

    public static Guid Alert(Guid ruleId, string factKey) => UuidV5.Create(AlertNamespace, ruleId.ToString("N") + "|" + factKey);
}

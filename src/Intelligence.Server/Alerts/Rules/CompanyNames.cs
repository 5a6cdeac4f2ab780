using Intelligence.Extraction.Entities;

namespace Intelligence.Server.Alerts.Rules;

/// <summary>Turns what a subscriber types ("le géant de Redmond", "msft") into the canonical name facts carry ("Microsoft").</summary>
public sealed class CompanyNames(EntityMatcher matcher)
{
    public static CompanyNames CreateDefault() => new(new EntityMatcher(EntityCatalog.LoadDefault()));

    /// <summary>The canonical name, or the input trimmed when the catalog does not know it (a company new to us still matches exactly).</summary>
    public string Canonical(string name)
    {
        var entity = matcher.Lookup(name.Trim());
        return entity?.Name ?? name.Trim();
    }
}

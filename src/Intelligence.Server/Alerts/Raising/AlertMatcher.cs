using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Facts.Corroborating;

namespace Intelligence.Server.Alerts.Raising;

/// <summary>Pure: does a rule's criteria match a fact as it is corroborated now.</summary>
public static class AlertMatcher
{
    /// <param name="previousStakePercent">For stakes: the holder's previous stake in the same target (null when none is known).</param>
    public static bool Matches(AlertCriteria c, FactView fact, double? previousStakePercent = null)
    {
        var f = fact.Fact;
        if (fact.Retracted) return false;
        if (c.FactTypes.Count > 0 && !c.FactTypes.Contains(fact.Type, StringComparer.Ordinal)) return false;
        if (c.Companies.Count > 0 && !fact.Companies.Any(company => c.Companies.Contains(company, StringComparer.OrdinalIgnoreCase))) return false;
        if (c.MinAmountUsd is { } minAmount && !(f.AmountUsd >= minAmount)) return false;
        if (c.MinPercent is { } minPercent && !(f.Percent >= minPercent)) return false;
        if (c.MinPercentChange is { } minChange)
        {
            if (fact.Type != FactTypes.Stake || f.Percent is not { } percent) return false;
            if (Math.Abs(percent - (previousStakePercent ?? 0)) < minChange) return false;
        }
        if (fact.BestConfidence < c.MinConfidence) return false;
        if (fact.OutletCount < c.MinSources) return false;
        if (c.Keywords.Count > 0 && !fact.Sources.Any(s => s.Quote is { } quote
                && c.Keywords.Any(k => quote.Contains(k, StringComparison.CurrentCultureIgnoreCase)))) return false;
        return true;
    }

    public static bool NeedsPreviousStake(IEnumerable<AlertRuleView> rules) => rules.Any(r => r.Criteria.MinPercentChange is not null);
}

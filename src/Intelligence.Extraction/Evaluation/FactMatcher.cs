using System.Globalization;
using System.Text;
using Intelligence.Domain.Facts;

namespace Intelligence.Extraction.Evaluation;

/// <summary>
/// When a predicted fact counts as a gold fact (docs/eval.md): same type; same canonical entities in each role
/// (case- and accent-insensitive; dispute and partnership parties as a set); amounts within 2 % when gold gives one;
/// percents within half a point. Strict mode also requires period, kind, change and until when gold gives them.
/// </summary>
public static class FactMatcher
{
    public static bool Matches(Fact gold, Fact predicted, bool strict = false)
    {
        if (gold.Type != predicted.Type) return false;
        var entities = gold.Type switch
        {
            FactTypes.Stake => Same(gold.Holder, predicted.Holder) && Same(gold.Target, predicted.Target) &&
                               (gold.Percent is null || predicted.Percent is { } p && Math.Abs(p - gold.Percent.Value) <= 0.5),
            FactTypes.Investment => Same(gold.Investor, predicted.Investor) && Same(gold.Target, predicted.Target),
            FactTypes.Loss or FactTypes.Revenue or FactTypes.Capex => Same(gold.Company, predicted.Company),
            FactTypes.Dispute or FactTypes.Partnership => SameSet(gold.Parties, predicted.Parties),
            FactTypes.Launch => Same(gold.Company, predicted.Company) && SameProduct(gold.Product, predicted.Product),
            FactTypes.Personnel => Same(gold.Person, predicted.Person) && Same(gold.Company, predicted.Company),
            _ => false,
        };
        if (!entities || !AmountMatches(gold, predicted)) return false;
        if (!strict) return true;
        return Optional(gold.Period, predicted.Period) && Optional(gold.Kind, predicted.Kind) &&
               Optional(gold.Change, predicted.Change) && Optional(gold.Until, predicted.Until);
    }

    private static bool AmountMatches(Fact gold, Fact predicted)
    {
        if (gold.AmountUsd is { } usd)
            return predicted.AmountUsd is { } p && Merging.FactMerger.WithinRatio(usd, p, 0.02m);
        if (gold.Amount is { } amount)
            return predicted.Amount is { } p && Merging.FactMerger.WithinRatio(amount, p, 0.02m) &&
                   string.Equals(gold.Currency, predicted.Currency, StringComparison.OrdinalIgnoreCase);
        return true;
    }

    private static bool Optional(string? gold, string? predicted) => gold is null || Same(gold, predicted);

    public static bool Same(string? a, string? b) =>
        a is null ? b is null : b is not null && Fold(a) == Fold(b);

    private static bool SameSet(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is not null && b is not null && a.Select(Fold).ToHashSet().SetEquals(b.Select(Fold));

    private static bool SameProduct(string? a, string? b) =>
        a is not null && b is not null && Merging.FactMerger.NormalizeProduct(Fold(a)) == Merging.FactMerger.NormalizeProduct(Fold(b));

    public static string Fold(string s)
    {
        var decomposed = s.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}

using System.Globalization;

namespace Intelligence.Domain.Facts;

/// <summary>
/// A fact's identity: type + canonical entities + bucketed value + period. Two outlets stating the same fact give the same key.
/// Amounts are bucketed to two significant digits so 13,000,000,000 and "13 milliards" (or "$13.0bn") agree;
/// percents to the half point.
/// </summary>
public static class FactKey
{
    public static string Of(Fact fact)
    {
        var parts = new List<string> { fact.Type };
        switch (fact.Type)
        {
            case FactTypes.Dispute:
            case FactTypes.Partnership:
                parts.AddRange((fact.Parties ?? []).Select(Normalize).Order(StringComparer.Ordinal));
                if (fact.Type == FactTypes.Partnership) parts.Add(Normalize(fact.Change));
                break;
            default:
                parts.Add(Normalize(fact.Holder ?? fact.Investor ?? fact.Company));
                parts.Add(Normalize(fact.Target ?? fact.Product ?? fact.Person));
                break;
        }
        if (fact.Percent is { } percent) parts.Add("p" + (Math.Round(percent * 2) / 2).ToString(CultureInfo.InvariantCulture));
        var amount = fact.AmountUsd ?? fact.Amount;
        if (amount is { } value) parts.Add((fact.AmountUsd is null ? fact.Currency ?? "?" : "USD") + BucketAmount(value));
        if (fact.Period is { } period) parts.Add(Normalize(period));
        if (fact.Type == FactTypes.Personnel) parts.Add(Normalize(fact.Change));
        return string.Join('|', parts);
    }

    /// <summary>Two significant digits: 13e9 -> "1.3e10", 37.5e9 -> "3.8e10".</summary>
    public static string BucketAmount(decimal amount)
    {
        if (amount <= 0) return "0";
        var exponent = (int)Math.Floor(Math.Log10((double)amount));
        var mantissa = Math.Round((double)amount / Math.Pow(10, exponent), 1, MidpointRounding.AwayFromZero);
        if (mantissa >= 10) { mantissa /= 10; exponent++; }
        return mantissa.ToString("0.0", CultureInfo.InvariantCulture) + "e" + exponent;
    }

    private static string Normalize(string? value) => (value ?? "").Trim().ToLowerInvariant();
}

using System.Globalization;
using Intelligence.Domain.Facts;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>A fact said in words for people: "Microsoft holds 27 % of OpenAI", "$13 billion".</summary>
public static class FactWords
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static string Headline(Fact f) => f.Type switch
    {
        FactTypes.Stake => $"Stake: {f.Holder ?? "?"} in {f.Target ?? "?"}",
        FactTypes.Investment => $"Investment in {f.Target ?? "?"}",
        FactTypes.Loss => $"{Capitalize(f.Kind ?? "")} loss: {f.Company ?? "?"}".Trim(),
        FactTypes.Revenue => $"Revenue: {f.Company ?? "?"}",
        FactTypes.Capex => $"CAPEX: {f.Company ?? "?"}",
        FactTypes.Dispute => $"New dispute: {string.Join(" vs ", f.Parties ?? [])}",
        FactTypes.Partnership => $"Partnership {f.Change ?? "change"}: {string.Join(" – ", f.Parties ?? [])}",
        FactTypes.Launch => $"Launch: {f.Product ?? "?"}",
        FactTypes.Personnel => $"People: {f.Person ?? "?"} ({f.Company ?? "?"})",
        _ => $"New {f.Type} fact",
    };

    public static string Sentence(Fact f)
    {
        var amount = Amount(f);
        var period = f.Period is { Length: > 0 } p ? $" ({p})" : "";
        return f.Type switch
        {
            FactTypes.Stake => $"{f.Holder ?? "?"} holds {Percent(f.Percent)} of {f.Target ?? "?"}" + (amount is null ? "" : $", worth {amount}") + ".",
            FactTypes.Investment => f.Investor is null
                ? $"{f.Target ?? "?"} raises {amount ?? "an undisclosed amount"}."
                : $"{f.Investor} invests {amount ?? "an undisclosed amount"} in {f.Target ?? "?"}.",
            FactTypes.Loss => $"{f.Company ?? "?"} {(f.Kind is { Length: > 0 } k ? k + " " : "")}loss of {amount ?? "an undisclosed amount"}{period}.",
            FactTypes.Revenue => $"{f.Company ?? "?"} revenue of {amount ?? "an undisclosed amount"}{period}.",
            FactTypes.Capex => $"{f.Company ?? "?"} capital expenditure of {amount ?? "an undisclosed amount"}{period}.",
            FactTypes.Dispute => $"Dispute between {string.Join(" and ", f.Parties ?? [])}" + (f.Subject is { Length: > 0 } s ? $": {s}" : "") + ".",
            FactTypes.Partnership => $"The partnership between {string.Join(" and ", f.Parties ?? [])} is {f.Change ?? "changed"}"
                + (f.Until is { Length: > 0 } u ? $" (until {u})" : "") + ".",
            FactTypes.Launch => $"{f.Company ?? "?"} launches {f.Product ?? "?"}" + (f.Kind is { Length: > 0 } kind ? $" ({kind})" : "") + ".",
            FactTypes.Personnel => $"{f.Person ?? "?"} {f.Change ?? "moved"} {f.Company ?? "?"}.",
            _ => $"{f.Type}: {string.Join(", ", f.Companies)}.",
        };
    }

    /// <summary>"$13 billion", "$37.5 billion", "$175 billion to $185 billion", "€2 billion"; null when the fact has no amount.</summary>
    public static string? Amount(Fact f)
    {
        if (f.AmountUsd is { } usd)
            return f.AmountUsdLow is { } low && low < usd ? $"{Money(low, "USD")} to {Money(usd, "USD")}" : Money(usd, "USD");
        return f.Amount is { } amount ? Money(amount, f.Currency ?? "") : null;
    }

    public static string Money(decimal amount, string currency)
    {
        var (scaled, unit) = Math.Abs(amount) switch
        {
            >= 1_000_000_000_000m => (amount / 1_000_000_000_000m, " trillion"),
            >= 1_000_000_000m => (amount / 1_000_000_000m, " billion"),
            >= 1_000_000m => (amount / 1_000_000m, " million"),
            _ => (amount, ""),
        };
        var number = unit.Length == 0 ? scaled.ToString("#,0.##", En) : scaled.ToString("0.##", En);
        return currency.ToUpperInvariant() switch
        {
            "USD" => $"${number}{unit}",
            "EUR" => $"€{number}{unit}",
            "GBP" => $"£{number}{unit}",
            "JPY" => $"¥{number}{unit}",
            "" => $"{number}{unit}",
            var code => $"{code} {number}{unit}",
        };
    }

    /// <summary>"27 %" (a narrow no-break space would be more typographic; Slack clients render a plain space best).</summary>
    public static string Percent(double? percent) => percent is { } p ? p.ToString("0.##", En) + " %" : "an undisclosed share";

    public static string Confidence(double confidence) => Math.Round(confidence * 100).ToString("0", En) + " %";

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

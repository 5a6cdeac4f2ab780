using System.Text.Json.Serialization;

namespace Intelligence.Domain.Facts;

/// <summary>
/// One extracted fact, shaped exactly like the fact JSON contract (DESIGN.md, schemas/facts.schema.json).
/// Fields that do not apply to a fact type stay null and are not serialized.
/// </summary>
public sealed record Fact
{
    public required string Type { get; init; }

    // stake
    public string? Holder { get; init; }
    public string? Target { get; init; }
    public double? Percent { get; init; }

    // investment
    public string? Investor { get; init; }

    // loss, revenue, capex, launch, personnel
    public string? Company { get; init; }

    // amounts: USD in AmountUsd (+ AmountUsdLow for ranges); other currencies keep Amount + Currency
    public decimal? AmountUsd { get; init; }
    public decimal? AmountUsdLow { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public string? Period { get; init; }

    /// <summary>loss: "projected"|"reported"; launch: "model"|"chip"|"product"|...</summary>
    public string? Kind { get; init; }

    // dispute, partnership
    public IReadOnlyList<string>? Parties { get; init; }
    public string? Subject { get; init; }
    public string? Change { get; init; }
    public string? Until { get; init; }

    // launch
    public string? Product { get; init; }

    // personnel
    public string? Person { get; init; }

    /// <summary>The date the text gives for the fact ("en octobre 2025" -> 2025-10), ISO-8601 (yyyy, yyyy-MM or yyyy-MM-dd).</summary>
    public string? Date { get; init; }

    public double Confidence { get; init; }
    public string? Expert { get; init; }
    /// <summary>The summarizer version that produced the fact ("cpu-moe/1.2.0+gpu:qwen3"), so re-analysis is traceable.</summary>
    public string? ExtractorVersion { get; init; }
    public Evidence? Evidence { get; init; }

    /// <summary>Companies this fact is about, in a stable order (used for identity, filters and projections).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Companies =>
        new[] { Holder, Target, Investor, Company }
            .Concat(Parties ?? [])
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c!)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}

/// <summary>Where in the article a fact was read: sentence index, character span in the article text, and the quote.</summary>
public sealed record Evidence(int Sentence, int Start, int End, string Quote);

public static class FactTypes
{
    public const string Stake = "stake";
    public const string Investment = "investment";
    public const string Loss = "loss";
    public const string Revenue = "revenue";
    public const string Capex = "capex";
    public const string Dispute = "dispute";
    public const string Partnership = "partnership";
    public const string Launch = "launch";
    public const string Personnel = "personnel";

    public static readonly IReadOnlyList<string> All =
        [Stake, Investment, Loss, Revenue, Capex, Dispute, Partnership, Launch, Personnel];
}

using Intelligence.Domain.Facts;

namespace Intelligence.Extraction.Merging;

/// <summary>
/// Deduplicates an article's facts: the same fact stated twice (or by two experts) becomes one, with the most
/// confident statement's fields, gaps filled from the others, and a confidence raised by agreement.
/// </summary>
public static class FactMerger
{
    public static List<Fact> Merge(IEnumerable<Fact> facts)
    {
        var merged = new List<Fact>();
        foreach (var fact in facts.OrderByDescending(f => f.Confidence).ThenBy(f => f.Evidence?.Sentence ?? 0))
        {
            var index = merged.FindIndex(m => SameFact(m, fact));
            if (index < 0) merged.Add(fact);
            else merged[index] = Combine(merged[index], fact);
        }
        return merged.Select(Finish).OrderBy(f => f.Evidence?.Sentence ?? int.MaxValue).ThenBy(f => f.Type, StringComparer.Ordinal).ToList();
    }

    public static bool SameFact(Fact a, Fact b)
    {
        if (a.Type != b.Type) return false;
        return a.Type switch
        {
            FactTypes.Stake => a.Holder == b.Holder && a.Target == b.Target && Close(a.Percent, b.Percent, 0.5),
            FactTypes.Investment => a.Target == b.Target && (a.Investor == b.Investor || a.Investor is null || b.Investor is null) && SameAmount(a, b, allowMissing: true),
            FactTypes.Loss or FactTypes.Revenue or FactTypes.Capex =>
                a.Company == b.Company && SameAmount(a, b, allowMissing: false) && (a.Period is null || b.Period is null || a.Period == b.Period) &&
                !DistinctFiguresOfOneSentence(a, b),
            FactTypes.Dispute or FactTypes.Partnership => SameParties(a.Parties, b.Parties),
            FactTypes.Launch => NormalizeProduct(a.Product) == NormalizeProduct(b.Product) || MakerBefore(a, b) || MakerBefore(b, a),
            // One person joins or leaves once in an article, whichever company each sentence names ("quitte OpenAI", later
            // "son départ"); joining and leaving are two facts.
            FactTypes.Personnel => a.Person == b.Person && Leaves(a) == Leaves(b),
            _ => false,
        };
    }

    /// <summary>"la Dravik Zoé 2" and "la Zoé 2": the maker's name before a product's names the same product.</summary>
    private static bool MakerBefore(Fact named, Fact bare) =>
        named.Company is { } maker && NormalizeProduct(bare.Product) is { Length: > 0 } product &&
        NormalizeProduct(named.Product) == NormalizeProduct(maker) + product;

    /// <summary>A product keeps its shortest name ("Zoé 2", not "Dravik Zoé 2").</summary>
    private static string? Shorter(string? a, string? b) => a is null || (b is not null && b.Length < a.Length) ? b : a;

    private static bool Leaves(Fact f) => f.Change is "left" or "fired" or "resigned" or "departed" or "ousted" or "retired";

    /// <summary>"Revenue slipped to $12.8bn from $12.9bn": two different figures in one sentence are two facts, however close.</summary>
    private static bool DistinctFiguresOfOneSentence(Fact a, Fact b) =>
        a.Evidence is { } ea && b.Evidence is { } eb && ea.Sentence == eb.Sentence && AmountOf(a) != AmountOf(b);

    public static bool SameParties(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is not null && b is not null && a.Count == b.Count && a.All(b.Contains);

    public static string NormalizeProduct(string? product) =>
        new((product ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static bool Close(double? a, double? b, double tolerance) =>
        a is null || b is null || Math.Abs(a.Value - b.Value) <= tolerance;

    private static bool SameAmount(Fact a, Fact b, bool allowMissing)
    {
        var (va, ca) = AmountOf(a);
        var (vb, cb) = AmountOf(b);
        if (va is null || vb is null) return allowMissing || (va is null && vb is null);
        return ca == cb && WithinRatio(va.Value, vb.Value, 0.02m);
    }

    public static bool WithinRatio(decimal a, decimal b, decimal ratio) =>
        Math.Abs(a - b) <= ratio * Math.Max(Math.Abs(a), Math.Abs(b));

    private static (decimal? Value, string? Currency) AmountOf(Fact f) =>
        f.AmountUsd is { } usd ? (usd, "USD") : (f.Amount, f.Currency);

    private static Fact Combine(Fact kept, Fact other)
    {
        var agreement = kept.Expert != other.Expert ? 0.6 : 0.25;
        var experts = string.Join('+', $"{kept.Expert}+{other.Expert}".Split('+').Distinct());
        return kept with
        {
            Holder = kept.Holder ?? other.Holder,
            Target = kept.Target ?? other.Target,
            Percent = kept.Percent ?? other.Percent,
            Investor = kept.Investor ?? other.Investor,
            Company = kept.Company ?? other.Company,
            AmountUsd = kept.AmountUsd ?? (kept.Amount is null ? other.AmountUsd : null),
            AmountUsdLow = kept.AmountUsdLow ?? (kept.AmountUsd is null || kept.AmountUsd == other.AmountUsd ? other.AmountUsdLow : null),
            Amount = kept.Amount ?? (kept.AmountUsd is null && other.AmountUsd is null ? other.Amount : null),
            Currency = kept.Currency ?? (kept.AmountUsd is null && other.AmountUsd is null ? other.Currency : null),
            Period = kept.Period ?? other.Period,
            Kind = kept.Kind ?? other.Kind,
            Subject = kept.Subject ?? other.Subject,
            Change = kept.Change ?? other.Change,
            Until = kept.Until ?? other.Until,
            Product = Shorter(kept.Product, other.Product),
            Person = kept.Person ?? other.Person,
            Date = kept.Date ?? other.Date,
            Confidence = Math.Round(Math.Min(0.99, kept.Confidence + (1 - kept.Confidence) * other.Confidence * agreement), 3),
            Expert = experts,
        };
    }

    /// <summary>Defaults the contract expects once every statement is in: a loss is reported unless projected; a partnership with no stated change was formed.</summary>
    private static Fact Finish(Fact f) => f.Type switch
    {
        FactTypes.Loss when f.Kind is null => f with { Kind = "reported" },
        FactTypes.Partnership when f.Change is null => f with { Change = "formed" },
        _ => f,
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;

namespace Intelligence.Extraction.Evaluation;

/// <summary>
/// When a predicted fact counts as a gold fact (docs/eval.md), the rules of the shared corpus scorer: same type; same
/// names in each role after normalization (accents and ø/æ/œ/ß folded, lower case, punctuation as spaces, one trailing
/// legal suffix dropped, then the alias table of <c>scoring-aliases.json</c>); dispute and partnership parties as a set;
/// launch products equal or one containing the other (letters and digits); personnel person and change;
/// amounts within 2 % (read from amountUsd, else amount; a gold range accepts anything inside it); percents within
/// 0.51 points. Strict mode also requires period, kind, change and until when gold gives them.
/// </summary>
public static partial class FactMatcher
{
    /// <summary>Relative tolerance on amounts.</summary>
    public const decimal AmountTolerance = 0.02m;
    /// <summary>Absolute tolerance on stake percents, in points.</summary>
    public const double PercentTolerance = 0.51;

    private static readonly Dictionary<string, string> Aliases = LoadAliases();

    private static readonly Dictionary<string, string> PersonnelChanges = new(StringComparer.Ordinal)
    {
        ["appointed"] = "joined", ["named"] = "joined", ["hired"] = "joined", ["promoted"] = "joined", ["nominated"] = "joined",
        ["resigned"] = "left", ["fired"] = "left", ["departed"] = "left", ["stepped down"] = "left", ["ousted"] = "left", ["retired"] = "left",
    };

    public static bool Matches(Fact gold, Fact predicted, bool strict = false)
    {
        if (gold.Type != predicted.Type) return false;
        var same = gold.Type switch
        {
            FactTypes.Stake => Same(gold.Holder, predicted.Holder) && Same(gold.Target, predicted.Target) &&
                               (gold.Percent is null || predicted.Percent is { } p && Math.Abs(p - gold.Percent.Value) <= PercentTolerance),
            FactTypes.Investment => Same(gold.Investor, predicted.Investor) && Same(gold.Target, predicted.Target) &&
                                    (AmountOf(gold) is null || AmountMatches(gold, predicted)),
            FactTypes.Loss or FactTypes.Revenue or FactTypes.Capex => Same(gold.Company, predicted.Company) && AmountMatches(gold, predicted),
            FactTypes.Dispute or FactTypes.Partnership => SameSet(gold.Parties, predicted.Parties),
            FactTypes.Launch => Same(gold.Company, predicted.Company) && SameProduct(gold.Product, predicted.Product),
            FactTypes.Personnel => Compact(gold.Person) == Compact(predicted.Person) && ChangeOf(gold) == ChangeOf(predicted),
            _ => false,
        };
        if (!same) return false;
        if (!strict) return true;
        return Optional(gold.Period, predicted.Period) && Optional(gold.Kind, predicted.Kind) &&
               Optional(gold.Change, predicted.Change) && Optional(gold.Until, predicted.Until);
    }

    /// <summary>amountUsd when given, else amount: the currency is not compared.</summary>
    private static decimal? AmountOf(Fact f) => f.AmountUsd ?? f.Amount;

    private static bool AmountMatches(Fact gold, Fact predicted)
    {
        if (AmountOf(predicted) is not { } p || AmountOf(gold) is not { } g) return false;
        if (gold.AmountUsdLow is { } low) return low * (1 - AmountTolerance) <= p && p <= g * (1 + AmountTolerance);
        return Merging.FactMerger.WithinRatio(g, p, AmountTolerance);
    }

    private static string ChangeOf(Fact f)
    {
        var c = Normalize(f.Change);
        return PersonnelChanges.GetValueOrDefault(c, c);
    }

    private static bool Optional(string? gold, string? predicted) => gold is null || Same(gold, predicted);

    /// <summary>Whether two names are the same entity under the scorer's normalization (null only equals null or empty).</summary>
    public static bool Same(string? a, string? b) => Normalize(a) == Normalize(b);

    private static bool SameSet(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is not null && b is not null && a.Select(Normalize).Order(StringComparer.Ordinal).SequenceEqual(b.Select(Normalize).Order(StringComparer.Ordinal));

    private static bool SameProduct(string? a, string? b)
    {
        var (x, y) = (Compact(a), Compact(b));
        return x.Length > 0 && y.Length > 0 && (x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal));
    }

    private static string Compact(string? s) => Normalize(s).Replace(" ", "", StringComparison.Ordinal);

    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumericRegex();

    [GeneratedRegex(@"\b(?:inc|corp|corporation|ltd|llc|plc|sa|se|ag|nv|group|groupe)$", RegexOptions.CultureInvariant)]
    private static partial Regex LegalSuffixRegex();

    /// <summary>The scorer's form of a name: folded, lower case, letters and digits separated by single spaces, one trailing
    /// legal suffix dropped, then mapped through the alias table.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var s = NonAlphanumericRegex().Replace(Fold(name), " ").Trim();
        s = LegalSuffixRegex().Replace(s, "").Trim();
        return Aliases.GetValueOrDefault(s, s);
    }

    /// <summary>Accents stripped, ø æ œ ß ł đ spelled out, lower case.</summary>
    public static string Fold(string s)
    {
        var spelled = new StringBuilder(s.Length);
        foreach (var c in s.Trim())
            spelled.Append(c switch
            {
                'ø' => "o", 'Ø' => "O", 'æ' => "ae", 'Æ' => "AE", 'œ' => "oe", 'Œ' => "OE", 'ß' => "ss", 'ł' => "l", 'Ł' => "L", 'đ' => "d", 'Đ' => "D",
                _ => c.ToString(),
            });
        var decomposed = spelled.ToString().Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    private static Dictionary<string, string> LoadAliases()
    {
        using var stream = typeof(FactMatcher).Assembly.GetManifestResourceStream("Intelligence.Extraction.Evaluation.scoring-aliases.json")
            ?? throw new InvalidOperationException("scoring-aliases.json is not embedded");
        var table = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream, new JsonSerializerOptions { ReadCommentHandling = JsonCommentHandling.Skip })!;
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, forms) in table)
        {
            // Keys are normalized like the names they are compared with (without the alias step).
            var target = Key(canonical);
            aliases[target] = target;
            foreach (var form in forms) aliases[Key(form)] = target;
        }
        return aliases;

        static string Key(string s) => LegalSuffixRegex().Replace(NonAlphanumericRegex().Replace(Fold(s), " ").Trim(), "").Trim();
    }
}

using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Normalization;

/// <summary>An amount of money found in a sentence. USD amounts are the only ones an expert may put in amountUsd;
/// Currency is null when the text gave none ("88,7 milliards de dépenses"): the article's currency fills it later.</summary>
public sealed record MoneyMention(int Start, int End, decimal Amount, decimal? Low, string? Currency, bool IsCap)
{
    public bool IsUsd => Currency == "USD";
}

/// <summary>Finds amounts: "13 milliards de dollars", "37,5 Md$", "$14bn", "US$4 billion", "€2bn",
/// "100 millions d'euros", ranges "$175 billion to $185 billion" / "de 175 à 185 milliards de dollars".</summary>
public static partial class MoneyParser
{
    // A run of digits is matched whole, (?>…): what follows a number in every pattern here starts with no digit, so a
    // shorter run can never lead to a match, and trying one at each year or figure was most of the money search.
    private const string Num = @"(?<![\d.,])(?:\d{1,3}(?:(?:[ ,.]\d{3})+(?![\d]))(?:[.,](?>\d+))?|(?>\d+)(?:[.,](?>\d+))?)";
    private const string WordNum = @"(?<![\p{L}])(?:un|une|one|a|an)(?=\s+(?:milliards?|billions?|millions?|trillions?)\b)";
    private const string LongScale = @"milliards?|millions?|billions?|trillions?|thousand|mille|lakh\s+crores?|crores?|lakhs?";
    private const string ShortScale = @"bn|mn|tn|mds?|mrds?|md|b|m|k";
    private const string PrefixCurrency = @"(?-i:US)\s?\$|(?-i:C|CA|A|NT|HK|S|R)\$|\$|€|£|¥|₹|₩|(?<![A-Za-z])(?-i:Rs)\.?(?=\s?[\d,.]+\s?(?:crores?|lakhs?|billion|bn)\b)|" +
        @"(?-i:USD|EUR|GBP|CHF|DKK|SEK|NOK|JPY|CNY|RMB|INR|KRW|TWD|HKD|SGD|BRL)(?=\s?\d)|(?-i:SFr|SwFr|Sfr|SKr|NKr|DKr|Skr|Nkr|Dkr)\.?(?=\s?\d)";
    private const string SuffixCurrency =
        @"(?:new\s+)?Taiwan(?:ese)?\s+dollars?|Hong\s+Kong\s+dollars?|Singapore\s+dollars?|(?:Canadian|Australian)\s+dollars?|" +
        @"dollars?(?:\s+(?:am[ée]ricains?|US|canadiens?|australiens?|de\s+Hong\s+Kong|de\s+Singapour|taïwanais))?|\$(?:\s?US)?|US\$|USD|euros?|€|EUR|" +
        @"livres?\s+sterling|livres?|pounds?(?:\s+sterling)?|£|GBP|CHF|Swiss\s+francs?|francs\s+suisses|yens?|¥|JPY|yuans?|CNY|RMB|renminbi|" +
        @"(?:Danish|Norwegian|Swedish)\s+(?:kroner|kronor|krone|crowns?)|kroner|kronor|couronnes(?:\s+(?:danoises|suédoises|norvégiennes))?|DKK|SEK|NOK|" +
        @"(?:Indian\s+)?rupees?|roupies?(?:\s+indiennes)?|INR|(?:South\s+Korean\s+)?won|wons\s+sud-coréens|wons|KRW|TWD|HKD|SGD|" +
        @"(?:Saudi\s+)?riyals?|dirhams?|roubles?|rubles?|(?:Brazilian\s+)?reais|BRL";
    private const string Cap = @"(?<cap>jusqu'[àa]\s+|up\s+to\s+|as\s+much\s+as\s+)?";

    private const string LowPrefixed = @"(?:(?<locur>" + PrefixCurrency + @")\s?)?(?<lonum>" + Num + @")(?:\s?(?<loscale>" + LongScale + "|" + ShortScale + @")(?![a-zA-Z]))?";
    private const string Range = @"(?:(?:between|entre)\s+" + LowPrefixed + @"\s+(?:and|et)\s+|(?:from\s+|de\s+)?" + LowPrefixed + @"\s?(?:-|à|to)\s?)?";

    private const string Prefixed = @"(?<cur>" + PrefixCurrency + @")\s?(?<num>" + Num + @")(?:\s?(?<scale>" + LongScale + "|" + ShortScale + @")(?![a-zA-Z\d]))?(?:\s?(?:de\s+)?dollars)?";
    private const string Suffixed = @"(?<num>" + Num + @")\s?(?:(?<scale>" + LongScale + "|" + ShortScale + @")(?![a-zA-Z])\s?)?(?:de\s+|d'|of\s+)?(?<cur>" + SuffixCurrency + @")(?![a-zA-Z])";
    private const string Bare = @"(?<num>" + Num + @")\s(?<scale>milliards?|billions?|bn|Md|Mds)(?![a-zA-Z])" +
        @"(?=\s*(?:de\s+|d'|of\s+|in\s+|en\s+)?(?:d[ée]penses|revenus|recettes|pertes?|chiffre|capex|investissements?|ventes|revenue|sales|loss|losses|funding|financement|capital|b[ée]n[ée]fices?|profits?)|\s*[,.;:)]|\s*$|\s+(?:pour|sur|en|in|for|par|by|au|à)\b)";

    // The core starts at a digit or a currency sign, so the engine only tries those positions; the range's low end
    // and "up to" are looked for in a short window before each match.
    private const string PrefixedRange = @"(?<cur>" + PrefixCurrency + @")\s?(?<lonum>" + Num + @")(?:\s?(?<loscale>" + LongScale + "|" + ShortScale + @"))?\s?(?:-|to)\s?\$?(?<num>" + Num + @")\s?(?<scale>" + LongScale + "|" + ShortScale + @")(?![a-zA-Z\d])";

    [GeneratedRegex("(?:" + PrefixedRange + "|" + Prefixed + "|" + Suffixed + "|" + Bare + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyRegex();

    internal static Regex Money => MoneyRegex();

    [GeneratedRegex(Range + @"\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RangeBeforeRegex();

    [GeneratedRegex(Cap + @"\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CapBeforeRegex();

    [GeneratedRegex(@"(?<num>" + WordNum + @")\s(?<scale>milliards?|billions?|millions?|trillions?)\s?(?:de\s+|d'|of\s+)?(?<cur>" + SuffixCurrency + @")(?![a-zA-Z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WordMoneyRegex();

    private static readonly System.Buffers.SearchValues<string> ScaleWords =
        System.Buffers.SearchValues.Create(["milliard", "billion", "million", "trillion", "crore", "lakh"], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<char> MoneyStarts = System.Buffers.SearchValues.Create("0123456789$€£¥₹₩");

    // Every match of MoneyRegex holds a currency sign, a currency word or code, or a bare amount's scale word
    // (case-insensitively): a sentence with none of them is not searched. Keep in step with the pattern. The words are
    // ASCII, which keeps the search vectorized, and have no 'k' (the regex also folds the Kelvin sign).
    private static readonly System.Buffers.SearchValues<char> CurrencySigns = System.Buffers.SearchValues.Create("$€£¥₹₩");
    private static readonly System.Buffers.SearchValues<string> CurrencyOrScaleWords = System.Buffers.SearchValues.Create(
        ["dollar", "usd", "eur", "livre", "pound", "gbp", "chf", "franc", "yen", "jpy", "yuan", "cny", "rmb", "renminbi", "milliard", "billion", "bn", "md",
         "kron", "crown", "couronne", "dkk", "sek", "nok", "rupee", "roupie", "inr", "crore", "lakh", "won", "krw", "twd", "hkd", "sgd", "riyal",
         "dirham", "rouble", "ruble", "reais", "brl", "sfr", "swfr", "skr", "nkr", "dkr"],
        StringComparison.OrdinalIgnoreCase);

    internal static bool MayHaveAmount(ReadOnlySpan<char> sentence) =>
        sentence.ContainsAny(CurrencySigns) || sentence.ContainsAny(CurrencyOrScaleWords);

    public static List<MoneyMention> Find(string sentence, string language = "en")
    {
        var result = new List<MoneyMention>();
        var hasScaleWord = sentence.AsSpan().IndexOfAny(ScaleWords) >= 0;
        // Cheap gate: no digit, currency sign or scale word, no amount.
        if (!hasScaleWord && sentence.AsSpan().IndexOfAny(MoneyStarts) < 0) return result;
        if (MayHaveAmount(sentence))
        {
            foreach (Match m in MoneyRegex().Matches(sentence))
            {
                var mention = Parse(m, language, sentence);
                if (mention is not null) result.Add(mention);
            }
        }
        // "$175 billion to $185 billion": the low end was also found alone; the range absorbs it.
        if (result.Count > 1)
        {
            var ranges = result.Where(o => o.Low is not null).ToList();
            if (ranges.Count > 0) result.RemoveAll(r => ranges.Any(o => o != r && o.Start <= r.Start && r.End <= o.End));
        }
        if (hasScaleWord)
        {
            foreach (Match m in WordMoneyRegex().Matches(sentence))
            {
                var mention = Parse(m, language, sentence);
                if (mention is not null && !result.Any(r => r.Start < mention.End && mention.Start < r.End)) result.Add(mention);
            }
            result.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
        return result;
    }

    private static MoneyMention? Parse(Match m, string language, string sentence)
    {
        var scaleText = m.Groups["scale"].Value;
        var currency = CurrencyCode(m.Groups["cur"].Value);
        if (!TryNumber(m.Groups["num"].Value, out var number)) return null;
        var scale = Scale(scaleText, language);
        if (scale is null) return null;
        if (scale >= 1_000_000m) number = ScaledDecimal(m.Groups["num"].Value, language) ?? number;
        // A bare short scale with no currency ("5 m") is a length, not money.
        if (currency is null && scaleText.Length <= 2 && !scaleText.StartsWith("M", StringComparison.Ordinal)) return null;
        // "she lost 70 pounds": a pound written as a word, with no scale and no sign, is more often a weight; "in 2019 won"
        // is a year before a verb.
        if (scale == 1m && (m.Groups["cur"].Value.StartsWith("pound", StringComparison.OrdinalIgnoreCase) ||
                            m.Groups["cur"].Value.StartsWith("won", StringComparison.OrdinalIgnoreCase))) return null;
        var amount = number * scale.Value;
        if (amount <= 0) return null;

        // The range's low end and "up to" are looked for in a short window before the amount; each pattern runs only
        // when the window ends with the word it needs (it can match nothing else there).
        var windowStart = Math.Max(0, m.Index - 48);
        var before = sentence[windowStart..m.Index];
        var range = MayEndWithRangeJoin(before) ? RangeBeforeRegex().Match(before) : null;
        var hasRange = range is { Success: true, Length: > 0 };
        var capWindow = hasRange ? before[..range!.Index] : before;
        var cap = MayEndWithCap(capWindow) ? CapBeforeRegex().Match(capWindow) : null;

        decimal? low = null;
        var start = m.Index;
        if (m.Groups["lonum"].Success && TryNumber(m.Groups["lonum"].Value, out var inlineLow))
        {
            var lowScale = m.Groups["loscale"].Success ? Scale(m.Groups["loscale"].Value, language) ?? scale.Value : scale.Value;
            if (inlineLow * lowScale < amount) low = inlineLow * lowScale;
        }
        else if (hasRange && range!.Groups["lonum"].Success && TryNumber(range.Groups["lonum"].Value, out var lowNumber))
        {
            var lowScale = range.Groups["loscale"].Success ? Scale(range.Groups["loscale"].Value, language) : scale;
            var lowAmount = lowNumber * (lowScale ?? scale.Value);
            if (lowAmount > 0 && lowAmount < amount) { low = lowAmount; start = windowStart + range.Index; }
        }
        var isCap = cap is not null && cap.Success && cap.Groups["cap"].Success && cap.Groups["cap"].Length > 0;
        if (isCap) start = windowStart + cap!.Groups["cap"].Index;

        return new MoneyMention(start, m.Index + m.Length, amount, low, currency, isCap);
    }

    /// <summary>Whether <see cref="RangeBeforeRegex"/> can match more than nothing: the window must end, spaces aside,
    /// with the word that joins a range's two ends ("-", "à", "to", "and", "et").</summary>
    private static bool MayEndWithRangeJoin(ReadOnlySpan<char> before)
    {
        var t = before.TrimEnd();
        return t.EndsWith("-") || t.EndsWith("à", StringComparison.OrdinalIgnoreCase) || t.EndsWith("to", StringComparison.OrdinalIgnoreCase) ||
               t.EndsWith("and", StringComparison.OrdinalIgnoreCase) || t.EndsWith("et", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <see cref="CapBeforeRegex"/> can match more than nothing: "jusqu'à ", "up to ", "as much as "
    /// end with a space after "à", "a", "to" or "as".</summary>
    private static bool MayEndWithCap(ReadOnlySpan<char> before)
    {
        if (before.IsEmpty || !char.IsWhiteSpace(before[^1])) return false;
        var t = before.TrimEnd();
        return t.EndsWith("à", StringComparison.OrdinalIgnoreCase) || t.EndsWith("a", StringComparison.OrdinalIgnoreCase) ||
               t.EndsWith("to", StringComparison.OrdinalIgnoreCase) || t.EndsWith("as", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"4.532 billion euros" is 4.532 billion in English, where "." marks decimals, and "10.693 millions d'euros" is
    /// 10,693 million in French, where it groups thousands: before a scale word, a lone separator followed by three digits
    /// is read the language's way (the plain number parser reads it as a thousands group).</summary>
    private static decimal? ScaledDecimal(string raw, string language)
    {
        var separator = language == "fr" ? ',' : '.';
        var at = raw.IndexOf(separator);
        if (at <= 0 || raw.LastIndexOf(separator) != at || raw.Length - at - 1 != 3 || raw.IndexOfAny([',', '.', ' '], at + 1) >= 0 ||
            raw.AsSpan(0, at).IndexOfAny([',', '.', ' ']) >= 0) return null;
        return decimal.TryParse(raw[..at] + "." + raw[(at + 1)..], System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static bool TryNumber(string raw, out decimal value)
    {
        switch (raw.ToLowerInvariant())
        {
            case "un" or "une" or "one" or "a" or "an":
                value = 1;
                return true;
            default:
                return NumberParser.TryParse(raw, out value);
        }
    }

    /// <summary>What a scale word multiplies by ("milliards", "bn", "m"…; a French "billion" is 10^12); null when unknown.</summary>
    internal static decimal? Scale(string scale, string language)
    {
        if (scale.Length == 0) return 1m;
        var s = scale.ToLowerInvariant();
        if (s.StartsWith("lakh") && s.Contains("crore")) return 1_000_000_000_000m;
        return s switch
        {
            "milliard" or "milliards" or "bn" or "md" or "mds" or "mrd" or "mrds" or "b" => 1_000_000_000m,
            "billion" or "billions" => language == "fr" ? 1_000_000_000_000m : 1_000_000_000m,
            "million" or "millions" or "mn" or "m" => 1_000_000m,
            "trillion" or "trillions" or "tn" => 1_000_000_000_000m,
            "thousand" or "mille" or "k" => 1_000m,
            "crore" or "crores" => 10_000_000m,
            "lakh" or "lakhs" => 100_000m,
            _ => null,
        };
    }

    public static string? CurrencyCode(string raw)
    {
        if (raw.Length == 0) return null;
        var s = raw.Trim().ToLowerInvariant();
        if (s.StartsWith("c$") || s.StartsWith("ca$") || s.Contains("canadi") || s == "cad") return "CAD";
        if (s.StartsWith("a$") || s.Contains("australi") || s == "aud") return "AUD";
        if (s.StartsWith("nt$") || s.Contains("taiwan") || s.Contains("taïwan") || s == "twd") return "TWD";
        if (s.StartsWith("hk$") || s.Contains("hong kong") || s == "hkd") return "HKD";
        if (s.StartsWith("s$") || s.Contains("singapo") || s == "sgd") return "SGD";
        if (s.StartsWith("r$") || s.Contains("reais") || s == "brl") return "BRL";
        if (s.Contains('$') || s.StartsWith("dollar") || s == "usd") return "USD";
        if (s.Contains('€') || s.StartsWith("euro") || s == "eur") return "EUR";
        if (s.Contains('£') || s.StartsWith("livre") || s.StartsWith("pound") || s == "gbp") return "GBP";
        if (s == "chf" || s.Contains("franc") || s.StartsWith("sfr") || s.StartsWith("swfr")) return "CHF";
        if (s.Contains('¥') || s.StartsWith("yen") || s == "jpy") return "JPY";
        if (s.StartsWith("yuan") || s == "cny" || s == "rmb" || s == "renminbi") return "CNY";
        // The Financial Times writes Scandinavian crowns SKr, NKr and DKr.
        if (s.StartsWith("skr")) return "SEK";
        if (s.StartsWith("nkr")) return "NOK";
        if (s.StartsWith("dkr")) return "DKK";
        if (s.Contains("swedish") || s.Contains("suédoise") || s == "kronor" || s == "sek") return "SEK";
        if (s.Contains("norwegian") || s.Contains("norvégienne") || s == "nok") return "NOK";
        if (s.Contains("danish") || s.Contains("danoise") || s.StartsWith("krone") || s == "dkk") return "DKK";
        if (s.Contains('₹') || s.StartsWith("rs") || s.Contains("rupee") || s.StartsWith("roupie") || s == "inr") return "INR";
        if (s.Contains('₩') || s.Contains("won") || s == "krw") return "KRW";
        if (s.Contains("riyal") || s == "sar") return "SAR";
        if (s.StartsWith("dirham") || s == "aed") return "AED";
        if (s.StartsWith("roubl") || s.StartsWith("rubl")) return "RUB";
        return null;
    }
}

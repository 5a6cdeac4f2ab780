using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Intelligence.Domain;

namespace Intelligence.Ingestion.Dedup;

/// <summary>
/// Who an article is, the one rule every ingest path uses: a stable id from its canonical URL, an exact-copy hash of
/// its main text, and a SimHash fingerprint for near-duplicates (syndicated or lightly edited copies), confirmed by the
/// names and figures the two texts state.
/// </summary>
public static class ArticleIdentity
{
    /// <summary>Two SimHashes at this Hamming distance or less are near-duplicates.</summary>
    public const int NearDuplicateDistance = 3;

    /// <summary>Fixed namespace of article ids; changing it would re-key every stored article.</summary>
    public static readonly Guid ArticleNamespace = new("6f1c2a4e-93b7-4d0e-8a5f-2c7e1b9d4a30");

    public static string NormalizeUrl(string url) => UrlNormalizer.Normalize(url);

    public static Guid FromUrl(string url) => UuidV5.Create(ArticleNamespace, NormalizeUrl(url));

    /// <summary>
    /// The normalized URL that names the article on <paramref name="pageUrl"/>. The page's declared canonical is
    /// trusted only when it stays on the same site (a page claiming another site's URL must not take over that
    /// article's identity), or when the page is a local file (a saved page's canonical is the only web address it has).
    /// </summary>
    public static string CanonicalUrl(string pageUrl, string? declaredCanonical)
    {
        var page = NormalizeUrl(pageUrl);
        if (declaredCanonical is null || !Uri.TryCreate(declaredCanonical, UriKind.Absolute, out var canonical)
            || canonical.Scheme is not ("http" or "https"))
            return page;
        var pageUri = new Uri(page);
        return pageUri.IsFile || SameSite(canonical.Host, pageUri.Host) ? NormalizeUrl(declaredCanonical) : page;
    }

    private static bool SameSite(string a, string b) =>
        string.Equals(StripWww(a), StripWww(b), StringComparison.OrdinalIgnoreCase);

    private static string StripWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    public static string TextHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = string.Join(' ', Words(text));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    public static ulong SimHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int shingleSize = 2; // word bigrams: measured to separate edited copies from other stories best on news-length texts
        var words = Words(text).ToArray();
        if (words.Length == 0) return 0;

        Span<int> votes = stackalloc int[64];
        var shingles = Math.Max(1, words.Length - shingleSize + 1);
        for (var i = 0; i < shingles; i++)
        {
            var shingle = string.Join(' ', words, i, Math.Min(shingleSize, words.Length - i));
            var h = Hash64(shingle);
            for (var bit = 0; bit < 64; bit++)
                votes[bit] += ((h >> bit) & 1) == 1 ? 1 : -1;
        }

        ulong fingerprint = 0;
        for (var bit = 0; bit < 64; bit++)
            if (votes[bit] > 0) fingerprint |= 1UL << bit;
        return fingerprint;
    }

    /// <summary>Hashes of the word bigrams of a text (the SimHash features), for an exact resemblance check.</summary>
    internal static HashSet<ulong> Shingles(string text)
    {
        var words = Words(text).ToArray();
        var set = new HashSet<ulong>();
        for (var i = 0; i < Math.Max(1, words.Length - 1) && words.Length > 0; i++)
            set.Add(Hash64(string.Join(' ', words, i, Math.Min(2, words.Length - i))));
        return set;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>
    /// The SimHash cut in four 16-bit bands, each tagged with its position: two fingerprints within
    /// <see cref="NearDuplicateDistance"/> bits share at least one band (pigeonhole), so looking for near-duplicates is an
    /// indexed equality query. Stored with every article: changing it would hide the copies of stored articles.
    /// </summary>
    public static int[] SimHashBands(ulong simHash) =>
        [.. Enumerable.Range(0, 4).Select(band => (band << 16) | (int)((simHash >> (band * 16)) & 0xFFFF))];

    /// <summary>A SimHash as events carry it (16 hex digits).</summary>
    public static ulong ParseSimHash(string hex) => ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>SimHash distance up to which a candidate is confirmed by text resemblance instead (a one-word edit flips 4-10 bits).</summary>
    public const int ConfirmRadius = 12;
    public const double ConfirmResemblance = 0.8;

    /// <summary>
    /// Whether main text B is a copy of main text A: close by SimHash (or, within the wider radius, by word-pair
    /// resemblance), and stating the same names and figures. Two stories cast in one outlet's template (an earnings
    /// brief on one company, then on another with other figures) resemble each other as text but state other names
    /// and figures: they are two articles.
    /// </summary>
    public static bool IsNearDuplicate(ulong simHashA, string textA, ulong simHashB, string textB)
    {
        var distance = Distance(simHashA, simHashB);
        var close = distance <= NearDuplicateDistance
            || (distance <= ConfirmRadius && Resemblance(Shingles(textA), Shingles(textB)) >= ConfirmResemblance);
        return close && StatedDetails.Of(textA).AgreesWith(StatedDetails.Of(textB));
    }

    /// <summary>Jaccard resemblance of two shingle sets.</summary>
    internal static double Resemblance(HashSet<ulong>? a, HashSet<ulong>? b)
    {
        if (a is null || b is null || a.Count == 0 || b.Count == 0) return 0;
        var shared = a.Count < b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return shared / (double)(a.Count + b.Count - shared);
    }

    /// <summary>Lower-cased words (letters and digits), punctuation and layout dropped.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var word = new StringBuilder();
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0) yield return word.ToString();
    }

    // FNV-1a followed by a SplitMix64 finalizer: cheap, deterministic across runs and platforms.
    private static ulong Hash64(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        h ^= h >> 30; h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27; h *= 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return h;
    }
}

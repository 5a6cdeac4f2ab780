using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Experts;

/// <summary>An expert's cue words, read once from an embedded JSON file of named lists (each entry a .NET regex fragment,
/// matched case-insensitively at word boundaries; lookarounds are allowed only in the lists read by <see cref="Groups"/>; a key starting with "_" is a comment).</summary>
internal sealed class CueLexicon
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | RegexOptions.Compiled;

    private readonly Dictionary<string, string[]> _lists;

    private CueLexicon(Dictionary<string, string[]> lists) => _lists = lists;

    public static CueLexicon Load(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded lexicon {resource} is missing.");
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var lists = new Dictionary<string, string[]>();
        foreach (var p in doc.RootElement.EnumerateObject())
            if (!p.Name.StartsWith('_') && p.Value.ValueKind == JsonValueKind.Array)
                lists[p.Name] = p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
        return new CueLexicon(lists);
    }

    /// <summary>One list as a regex of whole words.</summary>
    public Regex Words(string list) => new($@"\b(?:{Alternation(list)})\b", Options);

    /// <summary>Several lists in one regex, each list's alternatives in a group named after it.</summary>
    public Regex Groups(params string[] lists) =>
        new(string.Join("|", lists.Select(l => $@"(?<{l}>\b(?:{Alternation(l)})\b)")), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>A cheap gate for <see cref="Groups"/>: the same lists as one linear-time regex, lookarounds left out. Dropping a
    /// lookaround only widens what matches, so a sentence this rejects cannot match the full regex either.</summary>
    public Regex AnyOf(params string[] lists) =>
        new($@"\b(?:{string.Join("|", lists.Select(l => WithoutLookarounds(Alternation(l))))})\b", Options);

    private static string WithoutLookarounds(string pattern)
    {
        var kept = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length) { kept.Append(pattern, i++, 2); continue; }
            var lookaround = pattern.AsSpan(i).StartsWith("(?=") || pattern.AsSpan(i).StartsWith("(?!") ||
                             pattern.AsSpan(i).StartsWith("(?<=") || pattern.AsSpan(i).StartsWith("(?<!");
            if (!lookaround) { kept.Append(pattern[i]); continue; }
            var depth = 0;
            for (; i < pattern.Length; i++)
            {
                if (pattern[i] == '\\') { i++; continue; }
                if (pattern[i] == '(') depth++;
                else if (pattern[i] == ')' && --depth == 0) break;
            }
        }
        return kept.ToString();
    }

    /// <summary>A list as an alternation (no boundaries), to embed in a larger pattern.</summary>
    public string Alternation(string list) => string.Join("|", _lists[list].OrderByDescending(p => p.Length));
}

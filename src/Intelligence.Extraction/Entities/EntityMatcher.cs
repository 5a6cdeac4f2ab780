using System.Text;

namespace Intelligence.Extraction.Entities;

/// <summary>
/// Finds catalog aliases in a sentence with one trie pass built once per catalog (longest alias wins),
/// case-sensitive except for the first letter of descriptive aliases ("le géant de Redmond" / "Le géant de Redmond").
/// </summary>
public sealed class EntityMatcher
{
    private readonly AliasTrie _capitalised;
    private readonly AliasTrie? _descriptive;
    private readonly System.Buffers.SearchValues<string>? _descriptiveKeys;
    private readonly Dictionary<string, Entity> _byAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entity> _byAliasFolded = new(StringComparer.OrdinalIgnoreCase);

    public EntityCatalog Catalog { get; }

    public EntityMatcher(EntityCatalog catalog)
    {
        Catalog = catalog;
        var aliases = new List<(string Alias, Entity Entity)>();
        foreach (var entity in catalog.Entities)
        {
            foreach (var alias in entity.Aliases.Prepend(entity.Name))
            {
                var key = Collapse(alias);
                if (key.Length < 2) continue;
                aliases.Add((key, entity));
                _byAlias.TryAdd(key, entity);
                if (!entity.CaseSensitive || char.IsLower(key[0])) _byAliasFolded.TryAdd(key, entity);
            }
        }
        // Aliases that start uppercase go in one trie; descriptive aliases ("le géant de Redmond") in a second one, searched
        // only when a sentence contains one of their distinctive words.
        var distinct = aliases.Select(a => a.Alias).Distinct().ToList();
        _capitalised = new AliasTrie(distinct.Where(a => !char.IsLower(a[0])).Select(a => (a, Resolve(a))));
        var descriptive = distinct.Where(a => char.IsLower(a[0])).ToList();
        if (descriptive.Count > 0)
        {
            _descriptive = new AliasTrie(descriptive.SelectMany(a => new[] { (a, Resolve(a)), (char.ToUpperInvariant(a[0]) + a[1..], Resolve(char.ToUpperInvariant(a[0]) + a[1..])) }));
            _descriptiveKeys = System.Buffers.SearchValues.Create(
                descriptive.SelectMany(KeysOf).Distinct().ToArray(), StringComparison.Ordinal);
        }
    }

    /// <summary>A piece of the alias that any text it matches in contains, as written: its longest run of ASCII characters
    /// within a word (ASCII keeps the search vectorized), else its first word. The trie also matches the alias with its
    /// first letter uppercased, so a piece that starts the alias comes in both forms.</summary>
    private static IEnumerable<string> KeysOf(string alias)
    {
        var (bestStart, bestLength, start) = (0, 0, 0);
        for (var i = 0; i <= alias.Length; i++)
        {
            if (i < alias.Length && alias[i] != ' ' && char.IsAscii(alias[i])) continue;
            if (i - start > bestLength) (bestStart, bestLength) = (start, i - start);
            start = i + 1;
        }
        if (bestLength == 0) (bestStart, bestLength) = (0, alias.IndexOf(' ') is var space and >= 0 ? space : alias.Length);
        var key = alias.Substring(bestStart, bestLength);
        return bestStart == 0 ? [key, char.ToUpperInvariant(key[0]) + key[1..]] : [key];
    }

    private Entity Resolve(string key) =>
        _byAlias.TryGetValue(key, out var entity) || _byAliasFolded.TryGetValue(key, out entity) ? entity : throw new InvalidOperationException($"alias {key}");

    public IEnumerable<(int Start, int End, Entity Entity)> Find(string sentence)
    {
        var found = new List<(int Start, int End, Entity Entity)>();
        _capitalised.FindAll(sentence, found);
        if (_descriptive is not null && sentence.AsSpan().IndexOfAny(_descriptiveKeys!) >= 0)
        {
            var descriptive = new List<(int Start, int End, Entity Entity)>();
            _descriptive.FindAll(sentence, descriptive);
            // A descriptive alias wins over the capitalised one inside it ("le créateur de ChatGPT" over "ChatGPT").
            found.RemoveAll(f => descriptive.Any(d => f.Start < d.End && d.Start < f.End));
            found.AddRange(descriptive);
            found.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
        return found;
    }

    public Entity? Lookup(string name)
    {
        var key = Collapse(name);
        return _byAlias.TryGetValue(key, out var e) || _byAliasFolded.TryGetValue(key, out e) ? e : null;
    }

    private static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s.Trim())
        {
            var mapped = Text.TextNormalizer.Map(c);
            if (char.IsWhiteSpace(mapped)) { if (!space) sb.Append(' '); space = true; }
            else { sb.Append(mapped); space = false; }
        }
        return sb.ToString();
    }
}

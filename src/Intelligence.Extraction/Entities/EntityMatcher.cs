using System.Text;
using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Entities;

/// <summary>
/// Finds catalog aliases in a sentence with one alternation regex built once per catalog (longest alias first),
/// case-sensitive except for the first letter of descriptive aliases ("le géant de Redmond" / "Le géant de Redmond").
/// </summary>
public sealed class EntityMatcher
{
    private readonly Regex _capitalised;
    private readonly Regex? _descriptive;
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
        // Aliases that start uppercase are matched by one regex whose first character must be uppercase, so the engine
        // skips ahead cheaply; descriptive aliases ("le géant de Redmond") by a second one, run only when a sentence
        // contains one of their distinctive words.
        var distinct = aliases.Select(a => a.Alias).Distinct().OrderByDescending(a => a.Length).ToList();
        _capitalised = Build(distinct.Where(a => !char.IsLower(a[0])));
        var descriptive = distinct.Where(a => char.IsLower(a[0])).ToList();
        if (descriptive.Count > 0)
        {
            _descriptive = Build(descriptive);
            _descriptiveKeys = System.Buffers.SearchValues.Create(
                descriptive.Select(a => a.Split(' ').MaxBy(w => w.Length)!).Distinct().ToArray(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static Regex Build(IEnumerable<string> aliases)
    {
        var pattern = new StringBuilder(@"(?<![\w@])(?:");
        var first = true;
        foreach (var alias in aliases)
        {
            if (!first) pattern.Append('|');
            first = false;
            if (char.IsLower(alias[0]))
            {
                pattern.Append('[').Append(alias[0]).Append(char.ToUpperInvariant(alias[0])).Append(']');
                pattern.Append(Escape(alias[1..]));
            }
            else pattern.Append(Escape(alias));
        }
        pattern.Append(@")(?![\w@]|-\d)");
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public IEnumerable<(int Start, int End, Entity Entity)> Find(string sentence)
    {
        var found = new List<(int Start, int End, Entity Entity)>();
        Collect(_capitalised, sentence, found);
        if (_descriptive is not null && sentence.AsSpan().IndexOfAny(_descriptiveKeys!) >= 0)
        {
            var descriptive = new List<(int Start, int End, Entity Entity)>();
            Collect(_descriptive, sentence, descriptive);
            // A descriptive alias wins over the capitalised one inside it ("le créateur de ChatGPT" over "ChatGPT").
            found.RemoveAll(f => descriptive.Any(d => f.Start < d.End && d.Start < f.End));
            found.AddRange(descriptive);
            found.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
        return found;
    }

    private void Collect(Regex regex, string sentence, List<(int Start, int End, Entity Entity)> found)
    {
        foreach (Match m in regex.Matches(sentence))
        {
            var key = Collapse(m.Value);
            if (_byAlias.TryGetValue(key, out var entity) || _byAliasFolded.TryGetValue(key, out entity))
                found.Add((m.Index, m.Index + m.Length, entity));
        }
    }

    public Entity? Lookup(string name)
    {
        var key = Collapse(name);
        return _byAlias.TryGetValue(key, out var e) || _byAliasFolded.TryGetValue(key, out e) ? e : null;
    }

    private static string Escape(string alias) => Regex.Escape(alias).Replace(@"\ ", @"\s+");

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

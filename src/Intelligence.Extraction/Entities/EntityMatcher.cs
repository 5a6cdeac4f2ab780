using System.Text;
using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Entities;

/// <summary>
/// Finds catalog aliases in a sentence with one alternation regex built once per catalog (longest alias first),
/// case-sensitive except for the first letter of descriptive aliases ("le géant de Redmond" / "Le géant de Redmond").
/// </summary>
public sealed class EntityMatcher
{
    private readonly Regex _regex;
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
        var pattern = new StringBuilder(@"(?<![\w@])(?:");
        var first = true;
        foreach (var (alias, _) in aliases.DistinctBy(a => a.Alias).OrderByDescending(a => a.Alias.Length))
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
        _regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public IEnumerable<(int Start, int End, Entity Entity)> Find(string sentence)
    {
        foreach (Match m in _regex.Matches(sentence))
        {
            var key = Collapse(m.Value);
            if (_byAlias.TryGetValue(key, out var entity) || _byAliasFolded.TryGetValue(key, out entity))
                yield return (m.Index, m.Index + m.Length, entity);
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

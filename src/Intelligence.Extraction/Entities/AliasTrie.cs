using System.Buffers;
using System.Globalization;

namespace Intelligence.Extraction.Entities;

/// <summary>
/// All catalog aliases in one character trie, matched in a single left-to-right pass: at each word start the longest
/// alias that ends on a word boundary wins, and scanning resumes after it. A space in an alias matches any run of
/// whitespace; an alias that starts lowercase ("le géant de Redmond") may also start uppercase.
/// </summary>
internal sealed class AliasTrie
{
    /// <summary>A trie node. Children sit in two parallel arrays searched linearly: past the root nearly every node has
    /// one or two, where a scan beats hashing; the root's are found by <see cref="RootChild"/>.</summary>
    private sealed class Node
    {
        private char[] _keys = [];
        private Node[] _children = [];
        public Entity? Entity;

        public bool IsLeaf => _keys.Length == 0;

        public Node? Next(char c)
        {
            var keys = _keys;
            for (var i = 0; i < keys.Length; i++)
                if (keys[i] == c) return _children[i];
            return null;
        }

        public Node Child(char c)
        {
            if (Next(c) is { } existing) return existing;
            var n = new Node();
            _keys = [.. _keys, c];
            _children = [.. _children, n];
            return n;
        }

        public IEnumerable<(char Key, Node Child)> Children() => _keys.Zip(_children);
    }

    private readonly Node _root = new();
    private readonly SearchValues<char> _firstChars;
    /// <summary>The root's children by character for Latin characters (nearly all aliases start with one), else in
    /// <see cref="_otherRootChildren"/>.</summary>
    private readonly Node?[] _latinRootChildren = new Node?[0x250];
    private readonly Dictionary<char, Node> _otherRootChildren = [];

    /// <param name="aliases">Collapsed aliases (single spaces) with the entity each resolves to.</param>
    public AliasTrie(IEnumerable<(string Alias, Entity Entity)> aliases)
    {
        var first = new HashSet<char>();
        foreach (var (alias, entity) in aliases)
        {
            Add(alias, entity, first);
            if (char.IsLower(alias[0])) Add(char.ToUpperInvariant(alias[0]) + alias[1..], entity, first);
        }
        _firstChars = SearchValues.Create(first.ToArray());
        foreach (var (key, child) in _root.Children())
        {
            if (key < _latinRootChildren.Length) _latinRootChildren[key] = child;
            else _otherRootChildren[key] = child;
        }
    }

    public bool IsEmpty => _root.IsLeaf;

    private Node? RootChild(char c) => c < _latinRootChildren.Length ? _latinRootChildren[c] : _otherRootChildren.GetValueOrDefault(c);

    private void Add(string alias, Entity entity, HashSet<char> first)
    {
        var node = _root;
        foreach (var c in alias) node = node.Child(c);
        node.Entity ??= entity; // the first alias registered for a key wins, as in the lookup tables
        first.Add(alias[0]);
    }

    public void FindAll(string text, List<(int Start, int End, Entity Entity)> found)
    {
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var offset = span[i..].IndexOfAny(_firstChars);
            if (offset < 0) return;
            i += offset;
            if (i > 0 && IsWordChar(span[i - 1])) { i++; continue; }
            var (end, entity) = LongestAt(span, i);
            if (entity is null) { i++; continue; }
            found.Add((i, end, entity));
            i = end;
        }
    }

    private (int End, Entity? Entity) LongestAt(ReadOnlySpan<char> text, int start)
    {
        var node = _root;
        var bestEnd = -1;
        Entity? best = null;
        var j = start;
        while (j < text.Length)
        {
            var c = text[j];
            if (char.IsWhiteSpace(c))
            {
                if (Step(node, ' ') is not { } space) break;
                node = space;
                while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
                continue;
            }
            if (Step(node, c) is not { } next) break;
            node = next;
            j++;
            if (node.Entity is not null && EndsWord(text, j)) { bestEnd = j; best = node.Entity; }
        }
        return (bestEnd, best);
    }

    private Node? Step(Node node, char c) => node == _root ? RootChild(c) : node.Next(c);

    /// <summary>Not followed by a word character, '@', or a hyphen and a digit ("GPT-4" is not "GPT").</summary>
    private static bool EndsWord(ReadOnlySpan<char> text, int end) =>
        end >= text.Length || !(IsWordChar(text[end]) || (text[end] == '-' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])));

    private static bool IsWordChar(char c) =>
        c == '@' || c == '_' || char.IsLetterOrDigit(c) ||
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;
}

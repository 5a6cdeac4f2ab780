using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Text;

/// <summary>
/// A cheap necessary condition for a regex, derived from its own pattern: a small automaton over the first
/// <see cref="Depth"/> characters a match can start with, characters folded to 29 classes (the 26 ASCII letters in
/// either case, the other ASCII word characters, other ASCII, anything else). Text in which no position can start a
/// match is rejected without running the regex; anything else may match. Only patterns whose every match starts with a word character right after
/// <c>\b</c> get one (the automaton then runs from word starts only); for the others it always answers "may match".
/// Lookarounds and anchors are read as matching anything, and long bounded repeats as unbounded, so the automaton
/// accepts more than the regex, never less.
/// </summary>
public sealed class RegexPrefilter
{
    /// <summary>How many characters from a start are read before giving up and answering "may match".</summary>
    public const int Depth = 10;

    // Symbols: the 26 ASCII letters, then ASCII digits and '_' (the other ASCII word characters), other ASCII, non-ASCII.
    private const int Symbols = 29, AsciiWord = 26, OtherAscii = 27, NonAscii = 28;
    private const uint AnySymbol = (1u << Symbols) - 1;
    private const uint Letters = (1u << 26) - 1;
    private const uint WordSymbols = Letters | 1u << AsciiWord | 1u << NonAscii;
    private const uint SpaceSymbols = 1u << OtherAscii | 1u << NonAscii;
    private const int Dead = -1, Accept = -2;

    private static readonly ConcurrentDictionary<Regex, RegexPrefilter> Cache = new();
    private static readonly RegexPrefilter Always = new(null);

    private readonly int[]? _next; // state * Symbols + symbol -> state, Dead or Accept; state 0 starts
    /// <summary>Per first symbol, the second symbols after which the automaton is still alive: most word starts are
    /// ruled out by these two characters without walking it.</summary>
    private readonly uint[]? _aliveAfter;
    /// <summary>The first symbols with any second symbol alive after them, and those the automaton accepts on alone.</summary>
    private readonly uint _alive, _acceptedAlone;

    private RegexPrefilter(int[]? next)
    {
        _next = next;
        if (next is null) return;
        _aliveAfter = new uint[Symbols];
        for (var first = 0; first < Symbols; first++)
        {
            var state = next[first];
            if (state == Accept) (_aliveAfter[first], _acceptedAlone) = (AnySymbol, _acceptedAlone | 1u << first);
            else if (state != Dead)
                for (var second = 0; second < Symbols; second++)
                    if (next[state * Symbols + second] != Dead) _aliveAfter[first] |= 1u << second;
            if (_aliveAfter[first] != 0) _alive |= 1u << first;
        }
    }

    /// <summary>False for a prefilter that always answers "may match".</summary>
    internal bool CanRuleOut => _next is not null;

    /// <summary>The prefilter of <paramref name="regex"/>, built once; one that always answers "may match" when the
    /// pattern uses syntax the reader does not know or its automaton would be too large.</summary>
    public static RegexPrefilter For(Regex regex) => Cache.GetOrAdd(regex, static r => Build(r.ToString()));

    /// <summary>A text as the prefilters read it: each character's symbol, and where a match may start (the first
    /// position and every one after a character that is not an ASCII letter, digit or underscore). Built once per
    /// sentence for all the prefilters that read it. It also sums up the starts' first two symbols, so that most
    /// prefilters rule a sentence out without visiting its starts one by one.</summary>
    public sealed class Reading
    {
        internal readonly byte[] Symbols;
        internal readonly int[] Starts;
        /// <summary>Per symbol at a start (but the last character), the symbols that follow it there.</summary>
        internal readonly uint[] PairsAtStarts = new uint[RegexPrefilter.Symbols];
        /// <summary>The symbols at a start with a character after it, and the one at a start on the last character.</summary>
        internal readonly uint FirstsAtStarts, LoneStart;
        /// <summary>The starts grouped by their symbol, in order within a group: those with symbol s are
        /// <c>StartsBySymbol[GroupStart[s]..GroupStart[s + 1]]</c>.</summary>
        internal readonly int[] StartsBySymbol;
        internal readonly int[] GroupStart = new int[RegexPrefilter.Symbols + 1];

        internal Reading(byte[] symbols, int[] starts)
        {
            (Symbols, Starts) = (symbols, starts);
            foreach (var start in starts)
            {
                GroupStart[symbols[start] + 1]++;
                if (start + 1 == symbols.Length) { LoneStart = 1u << symbols[start]; continue; }
                FirstsAtStarts |= 1u << symbols[start];
                PairsAtStarts[symbols[start]] |= 1u << symbols[start + 1];
            }
            for (var s = 1; s <= RegexPrefilter.Symbols; s++) GroupStart[s] += GroupStart[s - 1];
            StartsBySymbol = new int[starts.Length];
            Span<int> next = stackalloc int[RegexPrefilter.Symbols];
            GroupStart.AsSpan(0, RegexPrefilter.Symbols).CopyTo(next);
            foreach (var start in starts) StartsBySymbol[next[symbols[start]]++] = start;
        }
    }

    /// <summary>The reading of <paramref name="text"/>; null when it has a Kelvin sign, the one non-ASCII character a
    /// case-insensitive regex reads as an ASCII letter ('k'): every prefilter then answers "may match".</summary>
    public static Reading? Read(ReadOnlySpan<char> text)
    {
        var symbols = new byte[text.Length];
        var starts = text.Length <= 512 ? stackalloc int[text.Length] : new int[text.Length];
        var count = 0;
        var afterWordChar = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\u212A') return null;
            var symbol = c < 128 ? AsciiSymbols[c] : (byte)NonAscii;
            symbols[i] = symbol;
            // Written always, kept only at a start: no branch to mispredict at every word boundary.
            starts[count] = i;
            count += 1 - afterWordChar;
            afterWordChar = symbol <= AsciiWord ? 1 : 0;
        }
        return new Reading(symbols, starts[..count].ToArray());
    }

    private static readonly byte[] AsciiSymbols = Enumerable.Range(0, 128).Select(c => (byte)(
        char.IsAsciiLetter((char)c) ? (c | 0x20) - 'a' : char.IsAsciiDigit((char)c) || c == '_' ? AsciiWord : OtherAscii)).ToArray();

    /// <summary>Whether the regex may match somewhere in <paramref name="text"/> (false: it certainly does not).</summary>
    public bool MayMatch(ReadOnlySpan<char> text) => _next is null || MayMatch(Read(text));

    /// <summary>Whether the regex may match somewhere in the text <paramref name="reading"/> was made of.</summary>
    public bool MayMatch(Reading? reading) => FirstPossibleStart(reading) >= 0;

    /// <summary>The first position of the text <paramref name="reading"/> was made of where a match may start (0 when
    /// this prefilter rules nothing out), or -1 when none can: no match starts before it, so a search may begin there.</summary>
    public int FirstPossibleStart(Reading? reading)
    {
        if (_next is null || reading is null) return 0;
        // Only the starts whose first two symbols pass are walked (most prefilters rule a sentence out from its summary
        // alone), group by group; the earliest that may match wins.
        var symbols = reading.Symbols;
        var groups = reading.GroupStart;
        var first = (reading.LoneStart & _acceptedAlone) != 0 ? symbols.Length - 1 : int.MaxValue;
        for (var firsts = reading.FirstsAtStarts & _alive; firsts != 0; firsts &= firsts - 1)
        {
            var symbol = System.Numerics.BitOperations.TrailingZeroCount(firsts);
            if ((reading.PairsAtStarts[symbol] & _aliveAfter![symbol]) == 0) continue;
            for (var k = groups[symbol]; k < groups[symbol + 1]; k++)
            {
                var start = reading.StartsBySymbol[k];
                if (start >= first) break;
                if (MayMatchAt(symbols, start, symbols.Length)) { first = start; break; }
            }
        }
        return first == int.MaxValue ? -1 : first;
    }

    /// <summary>Whether the regex may match in the text's characters <paramref name="from"/> to <paramref name="to"/>
    /// (excluded) read on their own, as <c>regex.IsMatch(text.AsSpan(from, to - from))</c> reads them.</summary>
    public bool MayMatch(Reading? reading, int from, int to) => FirstPossibleStart(reading, from, to) >= 0;

    /// <summary>Like <see cref="FirstPossibleStart(Reading?)"/> for the characters <paramref name="from"/> to
    /// <paramref name="to"/> (excluded) read on their own: <paramref name="from"/> when nothing is ruled out.</summary>
    public int FirstPossibleStart(Reading? reading, int from, int to)
    {
        if (_next is null || reading is null) return from;
        var symbols = reading.Symbols;
        if (from == 0 && to == symbols.Length) return FirstPossibleStart(reading);
        if (from < to && MayMatchAt(symbols, from, to)) return from;
        var starts = reading.Starts;
        var i = Array.BinarySearch(starts, from + 1);
        for (i = i < 0 ? ~i : i; i < starts.Length && starts[i] < to; i++)
            if (MayMatchAt(symbols, starts[i], to)) return starts[i];
        return -1;
    }

    /// <summary>Whether a match may start at <paramref name="start"/> and end by <paramref name="end"/>: the automaton
    /// accepts, or is still alive after <see cref="Depth"/> characters.</summary>
    private bool MayMatchAt(byte[] symbols, int start, int end)
    {
        if (start + 1 < end && (_aliveAfter![symbols[start]] >> symbols[start + 1] & 1) == 0) return false;
        var next = _next!;
        var stop = Math.Min(end, start + Depth);
        var state = 0;
        for (var j = start; j < stop; j++)
        {
            state = next[state * Symbols + symbols[j]];
            if (state == Accept) return true;
            if (state == Dead) return false;
        }
        return stop < end;
    }

    private static int SymbolOf(char c) => c < 128 ? AsciiSymbols[c] : NonAscii;

    private static RegexPrefilter Build(string pattern)
    {
        Node root;
        try { root = new Reader(pattern).ReadAll(); }
        catch (NotSupportedException) { return Always; }
        var nfa = new Nfa();
        var final = nfa.Add(root, nfa.NewState());
        return StartsAtWordStarts(root) && nfa.ToDfa(final) is { } table ? new RegexPrefilter(table) : Always;
    }

    /// <summary>True when every match starts with a word character right after <c>\b</c>: then the character before
    /// a match is no word character, never an ASCII letter, digit or underscore.</summary>
    private static bool StartsAtWordStarts(Node root)
    {
        if (root is Node.Choice choice) return choice.Options.All(StartsAtWordStarts);
        var items = root is Node.Sequence s ? s.Items : [root];
        var i = 0;
        while (i < items.Count && items[i] is Node.Empty { Boundary: false }) i++;
        if (i >= items.Count || items[i] is not Node.Empty { Boundary: true }) return false;
        var rest = new Node.Sequence(items.Skip(i + 1).ToList());
        return !Nullable(rest) && First(rest).All(set => set.WordChar);
    }

    private static bool Nullable(Node node) => node switch
    {
        Node.Empty => true,
        Node.Set => false,
        Node.Sequence s => s.Items.All(Nullable),
        Node.Choice c => c.Options.Any(Nullable),
        Node.Repeat r => r.Min == 0 || Nullable(r.Item),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The sets that can read a match's first character.</summary>
    private static IEnumerable<Node.Set> First(Node node)
    {
        switch (node)
        {
            case Node.Set set: yield return set; break;
            case Node.Choice c: foreach (var o in c.Options) foreach (var f in First(o)) yield return f; break;
            case Node.Repeat r: foreach (var f in First(r.Item)) yield return f; break;
            case Node.Sequence s:
                foreach (var item in s.Items)
                {
                    foreach (var f in First(item)) yield return f;
                    if (!Nullable(item)) break;
                }
                break;
        }
    }

    private abstract record Node
    {
        /// <summary>Matches no character: an anchor, a lookaround, or <c>\b</c> (<paramref name="Boundary"/>).</summary>
        public sealed record Empty(bool Boundary = false) : Node;
        /// <summary>One character among the symbols of <paramref name="Mask"/>; <paramref name="WordChar"/> when every
        /// character the pattern allows there is a word character.</summary>
        public sealed record Set(uint Mask, bool WordChar) : Node;
        public sealed record Sequence(List<Node> Items) : Node;
        public sealed record Choice(List<Node> Options) : Node;
        /// <summary><paramref name="Max"/> -1: unbounded.</summary>
        public sealed record Repeat(Node Item, int Min, int Max) : Node;
    }

    /// <summary>Reads the subset of .NET regex syntax the extraction patterns use; throws NotSupportedException on the rest.</summary>
    private sealed class Reader(string pattern)
    {
        private int _at;

        public Node ReadAll()
        {
            var node = ReadChoice();
            if (_at != pattern.Length) throw new NotSupportedException();
            return node;
        }

        private bool More => _at < pattern.Length;
        private char Peek => pattern[_at];

        private Node ReadChoice()
        {
            var options = new List<Node> { ReadSequence() };
            while (More && Peek == '|') { _at++; options.Add(ReadSequence()); }
            return options.Count == 1 ? options[0] : new Node.Choice(options);
        }

        private Node ReadSequence()
        {
            var items = new List<Node>();
            while (More && Peek is not ('|' or ')')) items.Add(ReadRepeat(ReadAtom()));
            return new Node.Sequence(items);
        }

        private Node ReadRepeat(Node atom)
        {
            while (More)
            {
                int min, max;
                if (Peek == '*') (min, max) = (0, -1);
                else if (Peek == '+') (min, max) = (1, -1);
                else if (Peek == '?') (min, max) = (0, 1);
                else if (Peek == '{') (min, max) = ReadBounds();
                else return atom;
                _at++;
                if (More && Peek == '?') _at++; // lazy: the same language
                atom = new Node.Repeat(atom, min, max);
            }
            return atom;
        }

        /// <summary>"{n}", "{n,}", "{n,m}", leaving <see cref="_at"/> on the closing brace.</summary>
        private (int, int) ReadBounds()
        {
            var close = pattern.IndexOf('}', _at);
            if (close < 0) throw new NotSupportedException();
            var parts = pattern[(_at + 1)..close].Split(',');
            _at = close;
            var min = int.Parse(parts[0]);
            return parts.Length == 1 ? (min, min) : (min, parts[1].Length == 0 ? -1 : int.Parse(parts[1]));
        }

        private Node ReadAtom()
        {
            var c = pattern[_at++];
            switch (c)
            {
                case '(': return ReadGroup();
                case '[': return ReadClass();
                case '\\': return ReadEscape();
                case '.': return new Node.Set(AnySymbol, false);
                case '^' or '$': return new Node.Empty();
                case '*' or '+' or '?' or '{' or ')' or ']': throw new NotSupportedException();
                default: return Literal(c);
            }
        }

        private Node ReadGroup()
        {
            var lookaround = false;
            if (More && Peek == '?')
            {
                _at++;
                if (Peek is '=' or '!') { _at++; lookaround = true; }
                else if (Peek == '<' && pattern[_at + 1] is '=' or '!') { _at += 2; lookaround = true; }
                else if (Peek == '<') { _at = pattern.IndexOf('>', _at) + 1; } // named group
                else if (Peek == ':') _at++;
                else
                {
                    // Inline options: "(?-i:…)" is a group, "(?i)" changes nothing that matters here.
                    while (More && (char.IsAsciiLetter(Peek) || Peek == '-')) _at++;
                    if (!More) throw new NotSupportedException();
                    if (Peek == ')') { _at++; return new Node.Empty(); }
                    if (Peek != ':') throw new NotSupportedException();
                    _at++;
                }
            }
            var inner = ReadChoice();
            if (!More || Peek != ')') throw new NotSupportedException();
            _at++;
            return lookaround ? new Node.Empty() : inner;
        }

        private Node ReadEscape()
        {
            var c = pattern[_at++];
            switch (c)
            {
                case 'b': return new Node.Empty(Boundary: true);
                // \G would hold at the place a search starts, which the prefilter moves (FirstPossibleStart).
                case 'G': throw new NotSupportedException();
                case 'B' or 'z' or 'Z' or 'A': return new Node.Empty();
                case 's': return new Node.Set(SpaceSymbols, false);
                case 'd': return new Node.Set(1u << AsciiWord | 1u << NonAscii, true);
                case 'w': return new Node.Set(WordSymbols, true);
                case 'S' or 'W' or 'D' or 'P': return new Node.Set(AnySymbol, false);
                case 'p': return Category(ReadCategory());
                case 'n' or 't' or 'r' or 'f' or 'v': return new Node.Set(1u << OtherAscii, false);
                default:
                    if (char.IsAsciiLetterOrDigit(c)) throw new NotSupportedException(); // \u, \x, backreferences…
                    return Literal(c);
            }
        }

        /// <summary>\p{L…}: ASCII letters or non-ASCII; \p{M…}: non-ASCII; other categories: anything.</summary>
        private static Node.Set Category(string name) =>
            name.StartsWith('L') ? new Node.Set(Letters | 1u << NonAscii, true) :
            name.StartsWith('M') ? new Node.Set(1u << NonAscii, false) : new Node.Set(AnySymbol, false);

        private string ReadCategory()
        {
            if (!More || Peek != '{') throw new NotSupportedException();
            var close = pattern.IndexOf('}', _at);
            var name = pattern[(_at + 1)..close];
            _at = close + 1;
            return name;
        }

        private Node ReadClass()
        {
            var negated = More && Peek == '^';
            if (negated) _at++;
            uint mask = 0;
            var wordChar = true;
            var first = true;
            while (More && (Peek != ']' || first))
            {
                first = false;
                var c = pattern[_at++];
                if (c == '\\')
                {
                    var e = pattern[_at++];
                    switch (e)
                    {
                        case 's': mask |= SpaceSymbols; wordChar = false; continue;
                        case 'd': mask |= 1u << AsciiWord | 1u << NonAscii; continue;
                        case 'w': mask |= WordSymbols; continue;
                        case 'p':
                            var category = Category(ReadCategory());
                            mask |= category.Mask;
                            wordChar &= category.WordChar;
                            continue;
                        case 'S' or 'W' or 'D' or 'P': throw new NotSupportedException();
                        default:
                            if (char.IsAsciiLetterOrDigit(e)) throw new NotSupportedException();
                            c = e;
                            break;
                    }
                }
                if (More && Peek == '-' && _at + 1 < pattern.Length && pattern[_at + 1] != ']')
                {
                    var last = pattern[_at + 1];
                    if (last == '\\' || last < c) throw new NotSupportedException();
                    _at += 2;
                    for (var x = c; x <= last; x++) { mask |= MaskOf(x); wordChar &= IsWordChar(x); }
                    continue;
                }
                mask |= MaskOf(c);
                wordChar &= IsWordChar(c);
            }
            if (!More) throw new NotSupportedException();
            _at++;
            // A negated class may be almost anything.
            return negated ? new Node.Set(AnySymbol, false) : new Node.Set(mask, wordChar);
        }

        private static Node Literal(char c) => new Node.Set(MaskOf(c), IsWordChar(c));

        /// <summary>A character \b counts as a word character (letters, decimal digits and '_' are; so are a few
        /// more, which are left out: false only costs a prefilter, never a match).</summary>
        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        private static uint MaskOf(char c) => 1u << SymbolOf(c) | (c == '\u212A' ? 1u << ('k' - 'a') : 0);
    }

    /// <summary>A Thompson automaton over the symbols, made deterministic for the scan.</summary>
    private sealed class Nfa
    {
        private const int MaxStates = 20_000;
        private readonly List<List<int>> _empty = [];
        private readonly List<List<(uint Mask, int To)>> _moves = [];
        /// <summary>A state from which anything matches (see the unbounded repeats in <see cref="Add"/>); -1 until needed.</summary>
        private int _anything = -1;

        public int NewState()
        {
            _empty.Add([]);
            _moves.Add([]);
            return _empty.Count - 1;
        }

        /// <summary>Adds <paramref name="node"/> from state <paramref name="from"/>; returns the state it ends in.</summary>
        public int Add(Node node, int from)
        {
            if (_empty.Count > MaxStates) throw new NotSupportedException();
            switch (node)
            {
                case Node.Empty: return from;
                case Node.Set set:
                {
                    var to = NewState();
                    _moves[from].Add((set.Mask, to));
                    return to;
                }
                case Node.Sequence s:
                    foreach (var item in s.Items) from = Add(item, from);
                    return from;
                case Node.Choice c:
                {
                    var end = NewState();
                    foreach (var option in c.Options)
                    {
                        var start = NewState();
                        _empty[from].Add(start);
                        _empty[Add(option, start)].Add(end);
                    }
                    return end;
                }
                case Node.Repeat r:
                {
                    // Only the first Depth characters are ever read, so fewer required copies change nothing; bounds
                    // above a few read as unbounded (more, not less), which keeps the automaton small.
                    var min = Math.Min(r.Min, Depth);
                    var max = r.Max < 0 || r.Max > 3 ? -1 : r.Max;
                    if (max < 0 && First(r.Item).Any(set => set.Mask == AnySymbol))
                    {
                        // "\S+", ".*": from here on nearly anything goes; reading it as anything keeps the automaton small.
                        if (_anything < 0) _empty[_anything = NewState()].Add(_anything);
                        _empty[from].Add(_anything);
                        return NewState();
                    }
                    for (var i = 0; i < min; i++) from = Add(r.Item, from);
                    if (max < 0)
                    {
                        var loop = NewState();
                        _empty[from].Add(loop);
                        _empty[Add(r.Item, loop)].Add(loop);
                        return loop;
                    }
                    var exit = NewState();
                    _empty[from].Add(exit);
                    for (var i = min; i < max; i++)
                    {
                        from = Add(r.Item, from);
                        _empty[from].Add(exit);
                    }
                    return exit;
                }
                default: throw new NotSupportedException();
            }
        }

        /// <summary>Subset construction: transitions per DFA state and symbol; null when it grows too large.</summary>
        public int[]? ToDfa(int final)
        {
            var ids = new Dictionary<string, int>();
            var sets = new List<int[]>();
            var table = new List<int>();
            int IdOf(SortedSet<int> states)
            {
                if (states.Count == 0) return Dead;
                if (states.Contains(final) || states.Contains(_anything)) return Accept;
                var key = string.Join(',', states);
                if (ids.TryGetValue(key, out var id)) return id;
                ids[key] = id = sets.Count;
                sets.Add([.. states]);
                return id;
            }
            if (IdOf(Closure([0])) != 0) return null; // a pattern that matches the empty string may match anywhere
            for (var d = 0; d < sets.Count; d++)
            {
                if (sets.Count > MaxStates) return null;
                for (var symbol = 0; symbol < Symbols; symbol++)
                {
                    var targets = new List<int>();
                    foreach (var state in sets[d])
                        foreach (var (mask, to) in _moves[state])
                            if ((mask & 1u << symbol) != 0) targets.Add(to);
                    table.Add(IdOf(Closure(targets)));
                }
            }
            return [.. table];
        }

        private SortedSet<int> Closure(IEnumerable<int> states)
        {
            var result = new SortedSet<int>();
            var stack = new Stack<int>(states);
            while (stack.Count > 0)
            {
                var s = stack.Pop();
                if (!result.Add(s)) continue;
                foreach (var e in _empty[s]) stack.Push(e);
            }
            return result;
        }
    }
}

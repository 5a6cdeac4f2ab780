using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Text;

namespace Intelligence.Extraction.Pipeline;

/// <summary>
/// Everything the experts read about one sentence, computed once: mentions, amounts, percents, periods, dates.
/// Spans are relative to <see cref="Text"/>. A table cell is analysed as a virtual sentence
/// "column header : row label : cell" whose evidence points at the whole row.
/// </summary>
public sealed partial class SentenceView
{
    public required Sentence Sentence { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }
    public required IReadOnlyList<Mention> Mentions { get; init; }
    public required IReadOnlyList<MoneyMention> Money { get; init; }
    public required IReadOnlyList<PercentMention> Percents { get; init; }
    /// <summary>The periods, found when an expert first asks (no gate reads them).</summary>
    public IReadOnlyList<PeriodMention> Periods => _periods ??= PeriodParser.Find(Text, ReferenceDate);
    /// <summary>The article's reference date, which places a fiscal year given by its closing month.</summary>
    public DateOnly? ReferenceDate { get; init; }
    public required IReadOnlyList<DateMention> Dates { get; init; }
    public bool IsVirtual { get; init; }
    /// <summary>The organisation an implicit subject refers to, from coreference (null when none is salient).</summary>
    public string? ImplicitSubject { get; init; }

    /// <summary>The matches of each regex asked about. A sentence meets a dozen regexes at most, so a list searched by
    /// reference beats a dictionary.</summary>
    private List<(Regex Regex, IReadOnlyList<Match> Matches)>? _matches;
    /// <summary>How many regexes the gates and an expert ask <see cref="MatchesOf"/> about in one sentence, about.</summary>
    private const int RegexesPerSentence = 16;
    private List<PeriodMention>? _periods;

    /// <summary>Whether <paramref name="regex"/> matches <see cref="Text"/>.</summary>
    public bool MayMatch(Regex regex) => regex.IsMatch(Text);

    /// <summary>Whether <paramref name="regex"/> matches <see cref="Text"/>[<paramref name="from"/>..<paramref name="to"/>]
    /// read on its own.</summary>
    public bool IsMatch(Regex regex, int from = 0, int? to = null) =>
        regex.IsMatch(Text.AsSpan(from, (to ?? Text.Length) - from));

    /// <summary>The matches of <paramref name="regex"/> in <see cref="Text"/>, found once per sentence: a gate counts them
    /// and the expert it routes the sentence to reads the same ones (not safe for concurrent use, like one analysis).
    /// A caller that knows no match starts before <paramref name="from"/> (the first match of a linear-time gate) may
    /// start the search there; the text before it still counts for lookbehinds and \b.</summary>
    public IReadOnlyList<Match> MatchesOf(Regex regex, int from = 0)
    {
        _matches ??= new(RegexesPerSentence);
        foreach (var (known, found) in _matches)
            if (ReferenceEquals(known, regex)) return found;
        var matches = AllMatches(regex, from);
        _matches.Add((regex, matches));
        return matches;
    }

    /// <summary>The matches of a costly <paramref name="regex"/>, found once per sentence like those of
    /// <see cref="MatchesOf(Regex, int)"/>, with linear-time <paramref name="gates"/> that together match wherever the regex
    /// does (and maybe elsewhere): each search for the next match starts at the gates' nearest next match, and none is made
    /// when they find no more, which spares the costly regex the text before, between and after its matches. More than one
    /// gate serves a regex whose words would make one linear-time automaton too large.</summary>
    public IReadOnlyList<Match> MatchesOf(Regex regex, params Regex[] gates)
    {
        _matches ??= new(RegexesPerSentence);
        foreach (var (known, found) in _matches)
            if (ReferenceEquals(known, regex)) return found;
        var matches = new List<Match>();
        for (var from = 0; from <= Text.Length;)
        {
            var next = -1;
            foreach (var gate in gates)
                if (gate.Match(Text, from) is { Success: true } g && (next < 0 || g.Index < next)) next = g.Index;
            if (next < 0) break;
            var match = regex.Match(Text, next);
            if (!match.Success) break;
            matches.Add(match);
            from = match.Index + Math.Max(1, match.Length);
        }
        _matches.Add((regex, matches));
        return matches;
    }

    /// <summary>What <see cref="Regex.Matches(string, int)"/> finds (it too goes from match to next match), without
    /// allocating a collection when nothing matches, as in most sentences.</summary>
    private IReadOnlyList<Match> AllMatches(Regex regex, int from)
    {
        var match = regex.Match(Text, from);
        if (!match.Success) return [];
        var matches = new List<Match>();
        for (; match.Success; match = match.NextMatch()) matches.Add(match);
        return matches;
    }

    public IEnumerable<Mention> Organizations => Mentions.Where(m => m.IsOrganization);
    public IEnumerable<Mention> People => Mentions.Where(m => m.Kind == MentionKind.Person);

    /// <summary>How many different organisations the sentence names (a loop, not LINQ: the gates call it on every sentence).</summary>
    public int DistinctOrganizationCount()
    {
        var count = 0;
        for (var i = 0; i < Mentions.Count; i++)
        {
            if (!Mentions[i].IsOrganization) continue;
            var seen = false;
            for (var j = 0; j < i && !seen; j++) seen = Mentions[j].IsOrganization && Mentions[j].Name == Mentions[i].Name;
            if (!seen) count++;
        }
        return count;
    }

    private static readonly string[] ComplementMarkers =
        ["de ", "d'", "du ", "des ", "of ", "chez ", "envers ", "avec ", "with ", "to ", "à ", "at ", "pour ", "for ", "vis-à-vis ", "from ", "than ", "contre ", "against ", "vs ", "versus ", "par ", "by "];

    /// <summary>True when the mention is the object of a preposition ("chez Microsoft", "of OpenAI"), or lies inside an
    /// apposition or a relative clause set off by commas after an organisation ("Vivendi, which is controlled by the Bolloré
    /// family, has bought…", "Le groupe Bouygues, qui contrôle TF1, a racheté…").</summary>
    public bool IsComplement(Mention m) => IsPrepositionObject(m) || InParenthetical(m);

    /// <summary>"dont Vantor détient 27 %", "whose owner X": in those relatives the company is the clause's own subject.</summary>
    private bool InParenthetical(Mention m)
    {
        if (m.Start < 3) return false;
        var open = Text.LastIndexOf(',', m.Start - 1, Math.Min(80, m.Start));
        if (open <= 0) return false;
        var head = open;
        while (head > 0 && Text[head - 1] == ' ') head--;
        if (!OrganizationEndsAt(head)) return false;
        if (!ParentheticalOpenerRegex().IsMatch(Text.AsSpan(open + 1))) return false;
        var close = Text.IndexOf(',', m.End);
        return close > 0 && close - m.End <= 80;
    }

    private bool OrganizationEndsAt(int end)
    {
        foreach (var m in Mentions)
            if (m.IsOrganization && m.End == end) return true;
        return false;
    }

    [GeneratedRegex(@"^\s*(?:which|who|that|qui|the|a|an|le|la|les|l'|un|une|its|son|sa|ses|leur|itself|lui-même|elle-même|controlled|owned|backed|contr[ôo]l[ée]e?|d[ée]tenue?|soutenue?|filiale|parent|owner|maker|propri[ée]taire|maison)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParentheticalOpenerRegex();

    private bool IsPrepositionObject(Mention m)
    {
        var before = Text.AsSpan(0, m.Start).TrimEnd();
        var window = Text.AsSpan(Math.Max(0, m.Start - 12), m.Start - Math.Max(0, m.Start - 12));
        foreach (var marker in ComplementMarkers)
        {
            if (window.EndsWith(marker, StringComparison.OrdinalIgnoreCase)) return true;
            if (marker[^1] == ' ' && before.EndsWith(marker.AsSpan(0, marker.Length - 1), StringComparison.OrdinalIgnoreCase) &&
                (before.Length == marker.Length - 1 || !char.IsLetter(before[before.Length - marker.Length]))) return true;
        }
        return false;
    }

    public Mention? NearestOrgBefore(int position, bool subjectsOnly = false, int maxDistance = int.MaxValue)
    {
        Mention? best = null;
        foreach (var m in Mentions)
        {
            if (!m.IsOrganization || m.End > position || position - m.End > maxDistance) continue;
            if (subjectsOnly && IsComplement(m)) continue;
            best = m;
        }
        return best;
    }

    public Mention? FirstOrgAfter(int position, int maxDistance = int.MaxValue, string? exclude = null)
    {
        foreach (var m in Mentions)
            if (m.IsOrganization && m.Start >= position && m.Start - position <= maxDistance && m.Name != exclude) return m;
        return null;
    }

    /// <summary>The grammatical subject, if any: the first organisation that is not a prepositional complement.</summary>
    public Mention? Subject(int before = int.MaxValue)
    {
        foreach (var m in Mentions)
            if (m.IsOrganization && m.Start < before && !IsComplement(m)) return m;
        return null;
    }

    public PeriodMention? BestPeriod(int near)
    {
        PeriodMention? best = null;
        foreach (var p in Periods)
        {
            if (best is null || p.Specificity > best.Specificity ||
                (p.Specificity == best.Specificity && Math.Abs(p.Start - near) < Math.Abs(best.Start - near))) best = p;
        }
        return best;
    }

    public DateMention? FirstDate => Dates.Count > 0 ? Dates[0] : null;

    /// <summary>Evidence is the sentence (the table row for a cell): index, span in the article, original wording.</summary>
    public Evidence Evidence(string originalText) =>
        new(Sentence.Index, Sentence.Start, Sentence.End, originalText[Sentence.Start..Sentence.End]);
}

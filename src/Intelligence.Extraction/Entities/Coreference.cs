using System.Buffers;
using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Entities;

/// <summary>
/// Article-level memory for coreference: "l'entreprise", "the company", "la startup" resolve to the most salient
/// organisation seen recently (frequency, recency, subject position); "la startup" is never a giant and
/// "le géant" always is. A bare surname ("Hitzig") resolves to the full name seen earlier ("Zoë Hitzig").
/// </summary>
public sealed partial class Coreference
{
    [GeneratedRegex(@"\b(?:l'entreprise|la\s+soci[ée]t[ée]|la\s+firme|le\s+groupe|la\s+start-?up|la\s+jeune\s+pousse|le\s+laboratoire|le\s+labo|l'[ée]diteur|le\s+fabricant|la\s+compagnie|le\s+g[ée]ant(?:\s+(?:am[ée]ricain|californien|technologique|de\s+la\s+tech|du\s+logiciel|des\s+puces))?|the\s+company|the\s+firm|the\s+group|the\s+start-?up|the\s+lab|the\s+(?:tech\s+|software\s+|chip\s+)?giant|the\s+chipmaker|the\s+software\s+maker|the\s+(?:car|auto|drug|plane|steel|phone)maker|the\s+lender|the\s+bank|the\s+insurer|the\s+reinsurer|the\s+retailer|the\s+airline|the\s+carrier|the\s+(?:telecoms?\s+)?operator|the\s+conglomerate|the\s+utility|the\s+manufacturer|the\s+miner|the\s+oil\s+major|the\s+energy\s+group|the\s+drug\s+company|the\s+pharmaceutical\s+group|la\s+banque|le\s+constructeur(?:\s+automobile)?|l'assureur|le\s+r[ée]assureur|l'op[ée]rateur|le\s+distributeur|l'[ée]nerg[ée]ticien|le\s+p[ée]trolier|l'[ée]quipementier|le\s+motoriste|le\s+conglom[ée]rat|l'avionneur|le\s+sid[ée]rurgiste|le\s+chimiste|le\s+cimentier|le\s+transporteur|l'ex-r[ée]gie|l'ancienne\s+r[ée]gie|l'ex-monopole|l'ancien\s+monopole)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AnaphorRegex();

    // A word every anaphor above contains (case-insensitively), "géant" apart: a sentence with none of them has no
    // anaphor, so the regex is skipped. Keep in step with the pattern. The words are ASCII, which keeps the search
    // vectorized, and have no 'k' (the regex also folds the Kelvin sign).
    private static readonly SearchValues<string> AnaphorWords = SearchValues.Create(
        ["entreprise", "soci", "firm", "group", "start", "pousse", "lab", "diteur", "fabricant", "compagnie", "geant",
         "company", "giant", "chipma", "software", "maker", "lender", "bank", "insurer", "retailer", "airline", "carrier", "rateur",
         "conglom", "utility", "manufacturer", "miner", "major", "energy", "drug", "pharma", "constructeur", "assureur", "distributeur",
         "ticien", "trolier", "quipementier", "motoriste", "avionneur", "rurgiste", "chimiste", "cimentier", "transporteur", "ex-r",
         "ancienne r", "monopole"], StringComparison.OrdinalIgnoreCase);

    private static bool MayHaveAnaphor(string sentence) => sentence.AsSpan().ContainsAny(AnaphorWords) || ContainsEAcuteAnt(sentence);

    /// <summary>"éant" in any case, found from the 'é's (a plain case-insensitive search for a non-ASCII word is slow).</summary>
    private static bool ContainsEAcuteAnt(ReadOnlySpan<char> text)
    {
        int i;
        while ((i = text.IndexOfAny('é', 'É')) >= 0)
        {
            text = text[(i + 1)..];
            if (text.StartsWith("ant", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private sealed class Salience
    {
        public int Count;
        public int LastSentence;
        public bool LastWasSubject;
        /// <summary>Named as a subject at least once: a company named once in passing (in a background aside, after a
        /// preposition) is not the first the article's "le groupe" stands for.</summary>
        public bool EverSubject;
        public bool Giant;
        /// <summary>The subject of the article's lead: "the company" and "le groupe" keep standing for it.</summary>
        public bool Topic;
        /// <summary>A state body (a ministry, a regulator): it may hold a stake or invest, but nobody holds it.</summary>
        public bool Agency;
    }

    /// <summary>Sentences that may still introduce the article's topic company (a headline, a dateline, the lead).</summary>
    private const int LeadSentences = 3;
    private bool _topicFound;

    private readonly Dictionary<string, Salience> _orgs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _surnames = new(StringComparer.Ordinal);

    /// <param name="text">The sentence, when known: a company in subject position there (after an opening adverbial or a
    /// dateline) counts as the subject, and the first one in the lead becomes the article's topic.</param>
    public void Observe(int sentence, IEnumerable<Mention> mentions, string? text = null)
    {
        Mention? subject = null;
        foreach (var m in mentions)
        {
            if (!m.IsOrganization) continue;
            if (text is not null && m.Start <= text.Length && SubjectPrefixRegex().IsMatch(text.AsSpan(0, m.Start))) subject = m;
            break;
        }
        foreach (var m in mentions)
        {
            if (m.Kind == MentionKind.Person)
            {
                var space = m.Name.LastIndexOf(' ');
                if (space > 0) _surnames[m.Name[(space + 1)..]] = m.Name;
                continue;
            }
            if (!m.IsOrganization) continue;
            if (!_orgs.TryGetValue(m.Name, out var s)) _orgs[m.Name] = s = new Salience();
            s.Count++;
            s.LastSentence = sentence;
            s.LastWasSubject = m.Start <= 2 || m == subject;
            s.EverSubject |= s.LastWasSubject;
            if (m.Entity is not null) { s.Giant = m.Entity.Giant; s.Agency = m.Entity.Kind == EntityKind.Agency; }
            if (m == subject && !_topicFound && sentence < LeadSentences && m.Source != MentionSource.Coreference) { s.Topic = true; _topicFound = true; }
        }
    }

    /// <summary>What may precede a sentence's subject: a dateline ("PARIS (AFP) -"), an opening adverbial ("Last May,",
    /// "In August,"), a determiner and a role phrase ("Le constructeur", "French banking group").</summary>
    [GeneratedRegex(@"^\W*(?:[\p{Lu}\s.'-]+(?:\([\p{L}\s.]+\))?\s*[-–—:]\s*)?(?:[^,;:]{1,30},\s*)?(?:(?i:the|le|la|les|l'|un|une|a|an)\s*)?(?:[\p{L}'-]+\s+){0,4}(?<!\b(?i:of|in|into|with|by|from|to|for|at|on|de|du|d'|des|dans|avec|par|pour|à|au|aux|chez|sur|selon|than|que|and|et)\s*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPrefixRegex();

    /// <summary>Whether a person's surname has been seen (else no bare surname can be resolved).</summary>
    public bool KnowsSurnames => _surnames.Count > 0;

    public string? FullNameFor(string surname) => _surnames.GetValueOrDefault(surname);

    public string? FullNameFor(ReadOnlySpan<char> surname) =>
        _surnames.Count > 0 && _surnames.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(surname, out var full) ? full : null;

    /// <summary>Anaphoric noun phrases in the sentence, each resolved to an organisation.</summary>
    public IEnumerable<Mention> Resolve(string sentenceText, int sentence, IReadOnlyList<Mention> mentionsSoFar)
    {
        if (!MayHaveAnaphor(sentenceText)) yield break;
        foreach (Match m in AnaphorRegex().Matches(sentenceText))
        {
            // "la startup Helsing" names the company itself: the name guesser already has it.
            var after = m.Index + m.Length;
            if (after + 1 < sentenceText.Length && sentenceText[after] == ' ' && char.IsUpper(sentenceText[after + 1])) continue;
            // "la banque centrale", "the bank of England": an institution named by the words after, not an anaphor.
            if (InstitutionAfterRegex().IsMatch(sentenceText.AsSpan(after))) continue;
            var text = m.ValueSpan;
            bool? giant = ContainsLowered(text, "start") || ContainsLowered(text, "pousse") ? false
                : ContainsLowered(text, "géant") || ContainsLowered(text, "giant") || ContainsLowered(text, "geant") ? true : null;
            var before = mentionsSoFar.Where(x => x.IsOrganization && x.End <= m.Index).ToList();
            // "Menlo Ventures agreed to invest $750 million in the company", "X a racheté la société": an anaphor in object
            // position does not stand for a company named before it in the same sentence (that would be "itself").
            // "Commerzbank said that UniCredit had raised its stake in the lender": only the nearest company before is "itself".
            var name = IsObject(sentenceText, m.Index)
                ? MostSalient(sentence, giant, before.Count > 1 ? before.GetRange(0, before.Count - 1) : null, skip: before.Count > 0 ? new HashSet<string> { before[^1].Name } : null, topical: true)
                : MostSalient(sentence, giant, before, topical: true);
            if (name is not null)
                yield return new Mention(m.Index, m.Index + m.Length, name, MentionKind.Organization, MentionSource.Coreference);
        }
    }

    [GeneratedRegex(@"^\s+(?:centrale|central|mondiale|of\s+\p{Lu}|de\s+France|d'Angleterre|du\s+Japon|d'Italie|d'Espagne)", RegexOptions.CultureInvariant)]
    private static partial Regex InstitutionAfterRegex();

    [GeneratedRegex(@"\b(?:in|into|dans|of|de|du|d'|with|avec|acquire|acquired|acquires|buy|bought|buys|rachet\w*|rachète|acquiert|acquis|racheté|invest(?:ed|s)?\s+in|investi\s+dans)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ObjectBeforeRegex();

    private static bool IsObject(string sentence, int start) =>
        start > 0 && ObjectBeforeRegex().IsMatch(sentence.AsSpan(Math.Max(0, start - 20), start - Math.Max(0, start - 20)));

    /// <summary>Whether <paramref name="text"/>, lowercased invariantly, contains <paramref name="lower"/>; compares char by
    /// char, which spares the lowercased copy (built through ICU as soon as the text is not ASCII: "la société").</summary>
    private static bool ContainsLowered(ReadOnlySpan<char> text, string lower)
    {
        for (var start = 0; start + lower.Length <= text.Length; start++)
        {
            var i = 0;
            while (i < lower.Length && LowersTo(text[start + i], lower[i])) i++;
            if (i == lower.Length) return true;
        }
        return false;
    }

    private static bool LowersTo(char c, char lower) =>
        c == lower || (char.IsAscii(c) ? char.IsAsciiLetterUpper(c) && (char)(c | 0x20) == lower : char.ToLowerInvariant(c) == lower);

    /// <summary>How much being the article's topic weighs against recency (a company named four sentences ago as often).</summary>
    private const double TopicWeight = 1.0;

    /// <summary>The organisation an implicit subject most likely refers to (used when an expert finds no explicit one).</summary>
    /// <param name="inSentence">Organisations named earlier in the current sentence: they weigh more, and those not yet
    /// observed (a sentence is observed once read, so in an article's first sentence none is) compete as if seen once, here.</param>
    /// <param name="topical">Whether the article's topic weighs: a role noun ("the company", "le groupe") keeps standing for
    /// it, while an implicit subject or a pronoun follows the sentences just read.</param>
    /// <param name="companiesOnly">Leave out state bodies (for the company a stake or an investment is in).</param>
    public string? MostSalient(int sentence, bool? giant = null, IReadOnlyList<Mention>? inSentence = null, string? exclude = null, IReadOnlySet<string>? skip = null, bool topical = false, bool companiesOnly = false)
    {
        string? best = null;
        var bestScore = double.MinValue;
        // A role noun stands first for a company the article has established (named as a subject, named again, or its
        // topic), and only when there is none for one named once in passing.
        if (topical) Pick(establishedOnly: true);
        if (best is null) Pick(establishedOnly: false);
        return best;

        void Pick(bool establishedOnly)
        {
            foreach (var (name, s) in _orgs) Consider(name, s, establishedOnly);
            foreach (var m in inSentence ?? [])
                if (!_orgs.ContainsKey(m.Name))
                    Consider(m.Name, new Salience { Count = 1, LastSentence = sentence, LastWasSubject = m.Start <= 2, Giant = m.Entity?.Giant ?? false }, establishedOnly);
        }

        void Consider(string name, Salience s, bool establishedOnly)
        {
            if (giant is { } g && s.Giant != g) return;
            if (name == exclude || skip?.Contains(name) == true || (companiesOnly && s.Agency)) return;
            if (establishedOnly && !s.EverSubject && !s.LastWasSubject && !s.Topic && s.Count < 2) return;
            var distance = sentence - s.LastSentence;
            var score = Math.Min(s.Count, 6) * 0.5 + (s.LastWasSubject ? 1.0 : 0) + (s.Topic && topical ? TopicWeight : 0) - Math.Min(distance, 8) * 0.4;
            if (inSentence?.Any(m => m.Name == name) == true) score += 1.5;
            if (score > bestScore) { bestScore = score; best = name; }
        }
    }
}

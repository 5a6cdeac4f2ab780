using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Entities;

/// <summary>
/// Names the catalog does not know, guessed from the shape of the text: people (a known first name or a role
/// before a capitalised pair), organisations ("la startup Helsing", "Acme Robotics Inc"), and products
/// ("MAI-1", "Maia 200", "GPT-5").
/// </summary>
public static partial class NameGuesser
{
    private const string Cap = @"\p{Lu}[\p{L}\p{M}'’.-]*\p{L}";
    private const string NameToken = @"(?:\p{Lu}\p{Ll}[\p{L}\p{M}]*(?:-\p{Lu}[\p{Ll}\p{M}]+)?)";

    [GeneratedRegex(@"(?<![\p{L}\d])(?<name>" + NameToken + @"(?:\s+(?:de\s+|van\s+|von\s+|da\s+|di\s+|le\s+|la\s+|del\s+|\p{Lu}\.\s+)?" + NameToken + @"){1,2})(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex PersonShapeRegex();

    [GeneratedRegex(@"\b(?:chercheuse|chercheur|directeur|directrice|dirigeant|dirigeante|patron|patronne|PDG|fondateur|fondatrice|cofondateur|cofondatrice|co-fondateur|président|présidente|vice-président|vice-présidente|ingénieur|ingénieure|responsable|secrétaire|ministre|M\.|Mme|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|CEO|CFO|CTO|COO|chief|executive|researcher|founder|co-founder|cofounder|president|director|head|chairman|chairwoman|chair|scientist|engineer|officer|lead|leader|manager|partner|analyst|économiste|economist|senator|sénateur|judge|juge|secretary|minister|investor|investisseur)(?:\s+(?-i:\p{Ll})[\p{L}\p{M}'-]*){0,6}[\s,]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex RoleBeforeRegex();

    /// <summary>"chief executive of Brightline Media", "directrice générale de Castelane": after a role and a preposition
    /// comes the employer, not a person.</summary>
    [GeneratedRegex(@"\b(?:of|at|for|from|de|du|des|d'|chez|pour)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EmployerPrepositionRegex();

    [GeneratedRegex(@"^\s*,\s*(?:(?:l'|le\s+|la\s+|the\s+|its\s+|son\s+|sa\s+)?(?:ancien|ancienne|former|chief|CEO|CFO|CTO|PDG|directeur|directrice|président|présidente|fondateur|fondatrice|cofondateur|co-founder|cofounder|founder|head|patron|vice|chercheur|chercheuse|researcher|executive|responsable|secrétaire|directeur|porte-parole|spokesperson|spokesman|spokeswoman|âgé|aged|\d{2}\s+ans)|\d{2},|(?:a|an|un|une)\s+(?:co-?founder|founder|cofondat\w*|co-fondat\w*|fondat\w*|former|ancien\w*)\b|who\s|qui\s+(?:pilot(?:e|ait)|dirige(?:ait)?|supervis(?:e|ait)|men(?:e|ait)|conduisait|a\s+(?:dirig|pilot|supervis|cofond|co-fond|fond)[ée]))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RoleAfterRegex();

    [GeneratedRegex(@"^\s*(?:has\s+left|has\s+joined|is\s+leaving|left|leaves|joins|joined|resigned|stepped\s+down|steps\s+down|quitte|a\s+quitt[ée]|rejoint|a\s+rejoint|d[ée]missionne|a\s+d[ée]missionn[ée])\b", RegexOptions.CultureInvariant)]
    private static partial Regex MoveAfterRegex();

    [GeneratedRegex(@"(?:^|\s)(?:a|has|have|had|was|is|will|est|sera|va|vient|said|says|told|a\s+déclaré|a\s+annoncé|quitte|quittera|leaves|left|joins|joined|rejoint|rejoindra|resigned|démissionne|steps|stepped|a\s+quitté|a\s+rejoint)\b", RegexOptions.NonBacktracking)]
    private static partial Regex VerbAfterRegex();

    private static NameLexicon Lexicon => NameLexicon.Default;

    /// <summary>The first position at or after <paramref name="from"/> where a role noun of the lexicon ("la start-up",
    /// "the carmaker") starts a word, or -1. No role noun holds another's start at a word boundary, so successive calls
    /// give the positions successive matches of the role-noun alternation would.</summary>
    internal static int NextCueWordStart(string sentence, int from)
    {
        for (var p = Lexicon.RoleNounGate.NextStart(sentence, from); p >= 0; p = Lexicon.RoleNounGate.NextStart(sentence, p + 1))
            if (p == 0 || !IsRegexWordChar(sentence[p - 1])) return p;
        return -1;
    }

    /// <summary>A word character for the regex \b: a letter, a non-spacing mark, a decimal digit, a connector, or a zero-width joiner.</summary>
    private static bool IsRegexWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || (c > 0x7F && (c is '\u200C' or '\u200D' ||
            System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.UppercaseLetter
                or System.Globalization.UnicodeCategory.LowercaseLetter or System.Globalization.UnicodeCategory.TitlecaseLetter
                or System.Globalization.UnicodeCategory.ModifierLetter or System.Globalization.UnicodeCategory.OtherLetter
                or System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.DecimalDigitNumber
                or System.Globalization.UnicodeCategory.ConnectorPunctuation));

    [GeneratedRegex(@"(?<![\p{L}\d-])(?<name>(?:\p{Lu}[\p{L}]*\d*(?:-(?:\p{Lu}[\p{L}]*|\d[\w.]*|\p{Ll}+))+|\p{Lu}[\p{Ll}]+\s\d{1,4}(?:\.\d)?(?:\s(?:Pro|Ultra|Max|Mini|Plus|Turbo|Sonnet|Opus|Haiku|Flash|Air))?|\p{Lu}{1,5}-?\d[\w.]*|\p{Lu}\p{Ll}+\d+[\w.]*|\p{Lu}[\p{Ll}]+\p{Lu}[\p{L}\d]*))(?![\p{L}\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex ProductShapeRegex();

    internal static Regex PersonShape => PersonShapeRegex();
    internal static Regex CuedOrgAt => Lexicon.CuedName;
    internal static Regex ProductShape => ProductShapeRegex();

    /// <summary>Guessed people, left to right. The name is the whole match (the lookarounds are zero-width), so the
    /// matches are enumerated without building Match objects.</summary>
    public static List<(int Start, int End, string Name)> People(string sentence)
    {
        var found = new List<(int Start, int End, string Name)>();
        if (!MayHaveFullName(sentence)) return found;
        foreach (var m in PersonShapeRegex().EnumerateMatches(sentence))
        {
            var name = sentence.AsSpan(m.Index, m.Length);
            var first = FirstToken(name);
            var before = sentence.AsSpan(Math.Max(0, m.Index - 80), m.Index - Math.Max(0, m.Index - 80));
            var after = sentence.AsSpan(m.Index + m.Length, Math.Min(60, sentence.Length - m.Index - m.Length));
            var knownFirst = FirstNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first);
            // A stop word starts no name but a known first name's: decided before the context patterns run.
            if (!knownFirst && Stop.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first)) continue;
            // The anchored patterns first: the role before the name runs back over a long window.
            if (knownFirst || RoleAfterRegex().IsMatch(after) ||
                (!OrgWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(LastToken(name)) && MoveAfterRegex().IsMatch(after)) ||
                (RoleBeforeRegex().IsMatch(before) && !EmployerPrepositionRegex().IsMatch(before)))
                found.Add((m.Index, m.Index + m.Length, name.ToString()));
        }
        return found;
    }

    /// <summary>False when <see cref="PersonShapeRegex"/> certainly finds nothing: every match starts with an uppercase
    /// then a lowercase letter, runs on letters, marks and hyphens up to white space, and goes on, past the white space,
    /// with an uppercase letter or a particle ("de", "van", "le"…, all starting with d, v or l). Most sentences have no
    /// such pair, and this scan costs far less than the regex's attempt at every capital.</summary>
    internal static bool MayHaveFullName(string sentence)
    {
        for (var i = 0; i + 1 < sentence.Length; i++)
        {
            if (!char.IsUpper(sentence[i]) || !char.IsLower(sentence[i + 1])) continue;
            var j = i + 2;
            while (j < sentence.Length && (char.IsLetter(sentence[j]) || sentence[j] == '-' || IsMark(sentence[j]))) j++;
            if (j == sentence.Length || !char.IsWhiteSpace(sentence[j])) { i = j; continue; }
            while (j < sentence.Length && char.IsWhiteSpace(sentence[j])) j++;
            if (j < sentence.Length && (char.IsUpper(sentence[j]) || sentence[j] is 'd' or 'v' or 'l')) return true;
            i = j - 1;
        }
        return false;
    }

    /// <summary>A combining mark (\p{M}): part of a word written with a decomposed accent.</summary>
    private static bool IsMark(char c) => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
        or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark;

    /// <summary>False when <see cref="ProductShapeRegex"/> certainly finds nothing: every shape it knows has a hyphen, a
    /// digit, or a lowercase letter right before an uppercase one ("ChatGPT").</summary>
    internal static bool MayHaveProduct(string sentence)
    {
        for (var i = 0; i < sentence.Length; i++)
        {
            var c = sentence[i];
            if (c == '-' || char.IsDigit(c)) return true;
            if (i > 0 && char.IsUpper(c) && char.IsLower(sentence[i - 1])) return true;
        }
        return false;
    }

    /// <summary>A capitalised run at the sentence's start that a comma or a subject verb of the lexicon (<c>subjectVerbs</c>,
    /// maybe after one of its <c>subjectAdverbs</c>) follows.</summary>
    private static readonly Regex SentenceSubject = new(@"\G\s*(?<name>" + Cap + @"(?:\s+(?:" + Cap + @"|AI|IA|\d+)){0,3})(?=\s*,|\s+(?:(?:" + Lexicon.SubjectAdverbs + @")\s+)?(?:" + Lexicon.SubjectVerbs + @")\b)",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static Regex SentenceSubjectRegex() => SentenceSubject;

    /// <summary>Guessed organisations.</summary>
    public static IEnumerable<(int Start, int End, string Name)> Organizations(string sentence)
    {
        var opening = OpeningLength(sentence);
        var subject = opening < 0 ? null : SentenceSubjectRegex().Match(sentence, opening);
        // "D'après la presse, Orvane a procédé…", "In 2019, Halvern bought…": the subject after a short opening adverbial.
        if (subject is not { Success: true } && sentence.IndexOf(',') is var comma and > 2 and <= MaxOpeningAdverbial &&
            comma + 2 < sentence.Length && sentence[comma + 1] == ' ' && char.IsUpper(sentence[comma + 2]))
            subject = SentenceSubjectRegex().Match(sentence, comma + 1);
        if (subject is { Success: true })
        {
            var group = subject.Groups["name"];
            var (placeEnd, placeless) = WithoutLeadingPlace(group.Index, group.Value);
            var (start, name) = WithoutOpeningRoleNoun(placeEnd, WithoutLegalForm(UpToPossessive(placeless)));
            var first = FirstToken(name);
            if ((!NotAName(name, first) || KeepsArticle(name)) && !LoneWordBeforeComma(sentence, group.Index, group.Length))
                yield return (start, start + name.Length, name);
        }
        foreach (var found in CuedOrganizations(sentence)) yield return found;
        if (sentence.AsSpan().IndexOfAny(Lexicon.SuffixValues) >= 0)
            foreach (var found in SuffixedOrganizations(sentence)) yield return found;
        foreach (var found in FramedOrganizations(sentence)) yield return found;
        foreach (var found in RelativeHoldings(sentence)) yield return found;
        foreach (var found in OwnerAppositions(sentence)) yield return found;
        if (sentence.Contains("'s ", StringComparison.Ordinal) || sentence.Contains("’s ", StringComparison.Ordinal))
            foreach (Match m in Lexicon.PossessiveBuyer.Matches(sentence))
                if (Framed(m.Groups["name"]) is { } found) yield return found;
    }

    /// <summary>"Drugmaker Velora", "Chipmaker Halden": a role noun that opens a sentence is no part of the name after it.</summary>
    private static (int Start, string Name) WithoutOpeningRoleNoun(int start, string name)
    {
        var space = name.IndexOf(' ');
        return space > 0 && Lexicon.RoleNounSet.Contains(name[..space].ToLowerInvariant()) ? (start + space + 1, name[(space + 1)..]) : (start, name);
    }

    /// <summary>"France's Vantor", "Germany's Kestrel Motors", "Hong Kong-listed Kestrel Holdings": a place's possessive, or
    /// a place joined to a participle, opening a name is no part of it.</summary>
    private static (int Start, string Name) WithoutLeadingPlace(int start, string name)
    {
        // Most names hold no apostrophe, and so no possessive to compare with the places'.
        if (name.AsSpan().IndexOfAny('\'', '’') > 0)
            foreach (var prefix in PlacePrefixes)
                if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal)) return (start + prefix.Length, name[prefix.Length..]);
        for (var space = name.IndexOf(' '); space > 0; space = name.IndexOf(' ', space + 1))
            if (CompoundAdjective(name.AsSpan(0, space))) return (start + space + 1, name[(space + 1)..]);
        return (start, name);
    }

    /// <summary>"Velmora's Arcus 7 is available": the possessive ends the owner's name; what follows is its product.</summary>
    private static string UpToPossessive(string name)
    {
        var at = name.IndexOf("'s ", StringComparison.Ordinal);
        if (at < 0) at = name.IndexOf("’s ", StringComparison.Ordinal);
        return at > 0 ? name[..at] : name;
    }

    /// <summary>A subject the sentence-subject guess would drop: an elided article ("L'entreprise", "D'autres") starts a
    /// common noun, and stop words, first names and months start no organisation.</summary>
    private static bool NotAName(ReadOnlySpan<char> name, ReadOnlySpan<char> first) =>
        (name.Length > 2 && name[1] == '\'') || name.StartsWith("Qu'", StringComparison.Ordinal) ||
        Stop.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first) || FirstNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first) ||
        Months.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first) || MonthSpan(first) || CompoundAdjective(first) || Adverb(first);

    /// <summary>"Paradoxalement,", "Separately,": a word with an adverb's ending opens a sentence, it names nothing.</summary>
    private static bool Adverb(ReadOnlySpan<char> word)
    {
        if (word.Length >= 9 && word.EndsWith("ment", StringComparison.Ordinal) && AllLowerAfterFirst(word)) return true;
        foreach (var ending in AdverbEndings)
            if (word.Length >= ending.Length + 4 && word.EndsWith(ending, StringComparison.Ordinal) && AllLowerAfterFirst(word)) return true;
        return false;
    }

    private static readonly string[] AdverbEndings = ["ally", "ately", "edly", "ingly", "ously", "ively", "ently", "antly"];

    private static bool AllLowerAfterFirst(ReadOnlySpan<char> word)
    {
        foreach (var c in word[1..])
            if (!char.IsLower(c)) return false;
        return true;
    }

    /// <summary>"the Paris-based group", "a Tokyo-listed maker": a place or a market joined to a participle describes a company.</summary>
    private static bool CompoundAdjective(ReadOnlySpan<char> word) =>
        word.EndsWith("-based", StringComparison.Ordinal) || word.EndsWith("-listed", StringComparison.Ordinal) ||
        word.EndsWith("-headquartered", StringComparison.Ordinal) || word.EndsWith("-born", StringComparison.Ordinal);

    /// <summary>"April-June", "janvier-mars": a span of months names a period.</summary>
    private static bool MonthSpan(ReadOnlySpan<char> word) =>
        word.IndexOf('-') is var dash and > 0 && Months.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..dash]);

    /// <summary>The longest opening adverbial ("D'après la presse,", "In a statement on Monday,") a subject may follow.</summary>
    private const int MaxOpeningAdverbial = 40;

    /// <summary>Where the sentence's subject may start: 0, or past an opening word <see cref="NotAName"/> drops and the
    /// comma after it ("Meanwhile Halvern took…", "However, Halvern said…"); -1 when the sentence opens with such a word
    /// followed by no capitalised one (most sentences open with an article or a preposition: the regex need not run).</summary>
    private static int OpeningLength(string sentence)
    {
        var start = 0;
        while (start < sentence.Length && char.IsWhiteSpace(sentence[start])) start++;
        var end = start;
        while (end < sentence.Length && (char.IsLetter(sentence[end]) || sentence[end] is '\'' or '’' or '.' or '-' || IsMark(sentence[end]))) end++;
        if (end - start < 2 || end == sentence.Length || sentence[end] is not (' ' or ',') || !char.IsLetter(sentence[end - 1])) return 0;
        var word = sentence.AsSpan(start, end - start);
        if (!NotAName(word, word)) return 0;
        // An article opens a noun phrase ("The Halvern board", "Le Qatar"): only "The … Company" names a company.
        if (word.Contains('\'') || word.Contains('’') || Determiners.Contains(word.ToString())) return word is "The" ? 0 : -1;
        var next = end;
        while (next < sentence.Length && sentence[next] is ' ' or ',') next++;
        return next < sentence.Length && char.IsUpper(sentence[next]) && !sentence.AsSpan(end, next - end).Contains(',') ? next : -1;
    }

    /// <summary>"However, the company said…", "Separately, …": a lone capitalised word followed by a comma opens the sentence
    /// as an adverb unless an apposition follows and closes ("Halvern, the Swedish carmaker, bought…", "Halvern, which…",
    /// "Dravik, Europe's second-largest carmaker, reported…").</summary>
    private static bool LoneWordBeforeComma(string sentence, int start, int length)
    {
        var end = start + length;
        if (sentence.AsSpan(start, length).Contains(' ') || end >= sentence.Length || sentence[end] != ',') return false;
        return !AppositionAfterRegex().IsMatch(sentence.AsSpan(end)) && !RoleApposition(sentence, end + 1);
    }

    /// <summary>"Talvane, éditeur lyonnais de logiciels, a nommé…": an apposition may open with its role noun alone.</summary>
    private static bool RoleApposition(string sentence, int from)
    {
        while (from < sentence.Length && sentence[from] == ' ') from++;
        var end = from;
        while (end < sentence.Length && (char.IsLetter(sentence[end]) || sentence[end] == '-')) end++;
        if (end == from || !Lexicon.RoleNouns.Contains(sentence[from..end])) return false;
        var close = sentence.IndexOf(',', end);
        return close > 0 && close - end <= 100;
    }

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
        { "The", "A", "An", "This", "These", "Those", "That", "Le", "La", "Les", "Un", "Une", "Des", "Du", "De", "Ce", "Cet", "Cette", "Ces" };

    [GeneratedRegex(@"^,\s*(?:(?:which|who|whose|qui|dont|based|founded|fond[ée]e?|cr[ée][ée]e?|bas[ée]e?|d[ée]tenue?s?|contr[ôo]l[ée]e?s?|owned|held|controlled|backed|soutenue?s?)\b|\p{Lu}\p{L}*['’]s\s[^,]{1,80},|(?:the|a|an|le|la|les|l'|un|une|its|son|sa|one\s+of|l'une?\s+des)\b[^,]{1,80},|\d[^,]{0,80},|\p{Lu}[^,]{0,40}\s(?:and|et|&)\s\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex AppositionAfterRegex();

    private static IEnumerable<(int Start, int End, string Name)> CuedOrganizations(string sentence)
    {
        var next = 0;
        for (var cue = NextCueWordStart(sentence, 0); cue >= 0; cue = NextCueWordStart(sentence, Math.Max(cue + 1, next)))
        {
            if (!MayNameAfterCue(sentence, cue)) continue;
            var m = Lexicon.CuedName.Match(sentence, cue);
            if (!m.Success) continue;
            next = m.Index + m.Length;
            var name = TrimName(m.Groups["name"].Value);
            if (name.Length >= 2 && !Stop.Contains(FirstToken(name)))
                yield return (m.Groups["name"].Index, m.Groups["name"].Index + name.Length, name);
        }
    }

    /// <summary>False when <see cref="NameLexicon.CuedName"/> certainly finds no name at the cue word starting at
    /// <paramref name="cue"/>: the cue word must be followed by white space and by a word that may open a description
    /// (<see cref="MayOpenDescription"/>) or a name, then by at most 9 words of description (no description has more
    /// than 3 words, and there are at most 3), each made of letters, hyphens and apostrophes, and then by a word starting
    /// uppercase, the name. Most cue words ("la société a annoncé…", "the company said…") fail this at once, which spares
    /// the pattern's costly attempt.</summary>
    internal static bool MayNameAfterCue(string sentence, int cue)
    {
        var j = cue;
        while (j < sentence.Length && (char.IsLetter(sentence[j]) || sentence[j] == '-')) j++;
        for (var word = 0; word < 10; word++)
        {
            if (j == sentence.Length || !char.IsWhiteSpace(sentence[j])) return false;
            while (j < sentence.Length && char.IsWhiteSpace(sentence[j])) j++;
            if (j == sentence.Length) return false;
            if (char.IsUpper(sentence[j])) return true;
            if (word == 0 && !MayOpenDescription(sentence.AsSpan(j, NextWhiteSpace(sentence, j) - j))) return false;
            while (j < sentence.Length && (char.IsLetter(sentence[j]) || sentence[j] is '-' or '\'')) j++;
        }
        return false;
    }

    /// <summary>Whether a lowercase word may start the descriptions between a role noun and a name: a word of the
    /// descriptor list (or the rest of a role noun of two words), "de/d'/du/des/of" and what follows, or an adjective of
    /// nationality or region (a word ending like "grenobloise", "norvégien").</summary>
    private static bool MayOpenDescription(ReadOnlySpan<char> word) =>
        Lexicon.DescriptorStarts.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) ||
        word.StartsWith("de", StringComparison.Ordinal) || word.StartsWith("d'", StringComparison.Ordinal) ||
        word.StartsWith("du", StringComparison.Ordinal) || word.StartsWith("of", StringComparison.Ordinal) || EndsLikeAdjective(word);

    private static bool EndsLikeAdjective(ReadOnlySpan<char> word)
    {
        foreach (var ending in AdjectiveEndings)
            if (word.EndsWith(ending, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The endings of the adjectives of nationality or region <see cref="NameLexicon.CuedName"/> takes as descriptions.</summary>
    private static readonly string[] AdjectiveEndings = ["ois", "oise", "ais", "aise", "ain", "aine", "ien", "ienne", "éen", "éenne", "een", "eenne"];

    private static int NextWhiteSpace(string sentence, int from)
    {
        var j = from;
        while (j < sentence.Length && !char.IsWhiteSpace(sentence[j])) j++;
        return j;
    }

    private static IEnumerable<(int Start, int End, string Name)> SuffixedOrganizations(string sentence)
    {
        foreach (Match m in Lexicon.SuffixedName.Matches(sentence))
        {
            var suffix = m.Groups["suffix"].Value;
            var name = Lexicon.LegalForms.Contains(suffix) ? m.Groups["name"].Value : m.Groups["name"].Value + " " + suffix;
            var first = FirstToken(name);
            if (Stop.Contains(first)) continue;
            var (start, placeless) = WithoutLeadingPlace(m.Index, name);
            yield return (start, m.Index + m.Length, placeless);
        }
    }

    /// <summary>Names framed by a deal: after a holding noun or an acquisition word ("a 12% stake in Globex", "le rachat
    /// de Verkor"), or before a deal verb ("Acme bought…", "Vantor a pris une participation…").</summary>
    private static IEnumerable<(int Start, int End, string Name)> FramedOrganizations(string sentence)
    {
        foreach (var m in Lexicon.ObjectKeys.Matches(Lexicon.ObjectName, sentence))
        {
            if (Framed(m.Groups["name"]) is not { } found) continue;
            yield return found;
            // "the takeover of Brightwave by Halvern", "le rachat d'Orbelle par Vantor": the agent is the buyer.
            if (Lexicon.ByName.Match(sentence, found.End) is { Success: true } by && Framed(by.Groups["name"]) is { } agent) yield return agent;
        }
        foreach (var m in Lexicon.MetricKeys.Matches(Lexicon.MetricObjectName, sentence))
            if (Framed(m.Groups["name"]) is { } found) yield return found;
        foreach (var m in Lexicon.AgentKeys.Matches(Lexicon.AgentName, sentence))
            if (Framed(m.Groups["name"]) is { } found) yield return found;
        if (NameLexicon.MayHaveQuantity(sentence))
            foreach (Match m in Lexicon.QuantityObjectName.Matches(sentence))
                if (Framed(m.Groups["name"]) is { } found && !NotACompanyAfterQuantity(sentence, found)) yield return found;
        if (sentence.AsSpan().IndexOfAny(Lexicon.SubjectKeys) >= 0)
            foreach (Match m in Lexicon.SubjectName.Matches(sentence))
            {
                if (Framed(m.Groups["name"]) is not { } found) continue;
                yield return found;
                if (m.Groups["co"].Success && Framed(m.Groups["co"]) is { } co) yield return co;
            }
    }

    /// <summary>"les 20 % que détient Vantor dans Orbelle", "the stake that Lone Star holds in Novo Banco": a holding
    /// relative clause names its holder and the company it is in.</summary>
    private static IEnumerable<(int Start, int End, string Name)> RelativeHoldings(string sentence)
    {
        if (sentence.AsSpan().IndexOfAny(RelativeKeys) < 0) yield break;
        foreach (Match m in RelativeHoldingRegex().Matches(sentence))
            foreach (var name in new[] { m.Groups["holder"], m.Groups["target"] })
                if (Framed(name) is { } found) yield return found;
    }

    /// <summary>"Orbelle's largest shareholder, Vantor, holds…", "son actionnaire de référence, Vantor,": the name set
    /// between commas after an owner's role is the owner's.</summary>
    private static IEnumerable<(int Start, int End, string Name)> OwnerAppositions(string sentence)
    {
        if (sentence.AsSpan().IndexOfAny(OwnerKeys) < 0) yield break;
        foreach (Match m in OwnerAppositionRegex().Matches(sentence))
            if (Framed(m.Groups["name"]) is { } found) yield return found;
    }

    private static readonly System.Buffers.SearchValues<string> OwnerKeys = System.Buffers.SearchValues.Create(
        ["shareholder, ", "investor, ", "owner, ", "parent, ", "backer, ", "actionnaire, ", "principal, ", "majoritaire, ", "référence, "], StringComparison.Ordinal);

    [GeneratedRegex(@"(?:['’]s|\b(?:its|their|son|sa|leur|l'))\s*(?:[\p{Ll}-]+\s+){0,2}(?:shareholder|investor|owner|parent|backer|actionnaire(?:\s+(?:principal|majoritaire|de\s+référence))?),\s+(?<name>" + NameLexicon.Name + @")\s*,", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerAppositionRegex();

    private static readonly System.Buffers.SearchValues<string> RelativeKeys = System.Buffers.SearchValues.Create(
        ["que détient", "que detient", "que détenait", "que possède", "que possédait", " holds in ", " owns in ", " held in ", " has in "], StringComparison.Ordinal);

    [GeneratedRegex(@"(?:\bque\s+(?:d[ée]tien(?:t|nent)|d[ée]tenait|poss[èe]de(?:nt)?|poss[ée]dait)\s+(?:la\s+|le\s+|l')?(?<holder>" + NameLexicon.Name + @")\s+(?:dans|en)\s+(?:la\s+|le\s+|l')?|\b(?:that|which)\s+(?:the\s+)?(?<holder>" + NameLexicon.Name + @")\s+(?:holds|owns|held|owned|has)\s+in\s+(?:the\s+)?)(?<target>" + NameLexicon.Name + ")", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeHoldingRegex();

    /// <summary>"$10bn in AI", "3 milliards d'euros dans Bordelais, une région…": a field or a place, not a company.</summary>
    private static bool NotACompanyAfterQuantity(string sentence, (int Start, int End, string Name) found) =>
        (found.Name.Length <= 2 && found.Name.All(char.IsUpper)) || found.Name is "AI" or "IA" ||
        PlaceAfterRegex().IsMatch(sentence.AsSpan(found.End));

    [GeneratedRegex(@"^\s*,\s*(?:a|an|the|une?|la|le|l')\s*(?:[\p{Ll}-]+\s+){0,2}?(?:regions?|r[ée]gions?|states?|[ée]tats?|country|countries|pays|city|cities|villes?|provinces?|county|comt[ée]|d[ée]partements?|communes?|towns?|area|zones?|territoires?|territory|market|march[ée])\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceAfterRegex();

    private static (int Start, int End, string Name)? Framed(Group group)
    {
        var name = WithoutLegalForm(TrimName(group.Value));
        var start = group.Index;
        // "Meanwhile Halvern took a stake": an opening word that starts no name is no part of it.
        while (name.IndexOf(' ') is var space and > 0 && Stop.Contains(name[..space]) && !KeepsArticle(name))
        {
            start += space + 1;
            name = name[(space + 1)..];
        }
        (start, name) = WithoutOpeningRoleNoun(start, name);
        (start, name) = WithoutLeadingPlace(start, name);
        if (name.Length < 2 || NotAName(name, FirstToken(name)) || name is "AI" or "IA") return null;
        return (start, start + name.Length, name);
    }

    /// <summary>"The Exploration Company", "The Trade Company": a name that is an article and a company noun keeps its article.</summary>
    private static bool KeepsArticle(string name) => name.StartsWith("The ", StringComparison.Ordinal) && name.EndsWith(" Company", StringComparison.Ordinal);

    /// <summary>Guessed products, left to right; like <see cref="People"/>, the name is the whole match.</summary>
    public static List<(int Start, int End, string Name)> Products(string sentence)
    {
        var found = new List<(int Start, int End, string Name)>();
        if (!MayHaveProduct(sentence)) return found;
        foreach (var m in ProductShapeRegex().EnumerateMatches(sentence))
        {
            var name = sentence.AsSpan(m.Index, m.Length);
            if (NotProducts.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name) || AllUpperOrHyphen(name)) continue;
            if (char.IsDigit(name[^1]) && name.Length >= 4 && int.TryParse(name[^4..], out var y) && y is >= 1900 and <= 2100 && name.Contains(' ')) continue;
            found.Add((m.Index, m.Index + m.Length, name.ToString()));
        }
        return found;
    }

    private static bool AllUpperOrHyphen(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
            if (!char.IsUpper(c) && c != '-') return false;
        return true;
    }

    /// <summary>A capitalised span starting at (or after determiners from) <paramref name="position"/>; null when none.</summary>
    public static (int Start, int End, string Name)? CapitalisedSpanAt(string sentence, int position)
    {
        var i = position;
        while (i < sentence.Length && sentence[i] == ' ') i++;
        var end = i;
        var tokens = 0;
        while (end < sentence.Length && tokens < 4 && char.IsUpper(sentence[end]))
        {
            var tokenEnd = end;
            while (tokenEnd < sentence.Length && (char.IsLetterOrDigit(sentence[tokenEnd]) || sentence[tokenEnd] is '-' or '.' or '&')) tokenEnd++;
            while (tokenEnd > end && sentence[tokenEnd - 1] == '.') tokenEnd--;
            var token = sentence[end..tokenEnd];
            if (tokens == 0 && (Stop.Contains(token) || Months.Contains(token))) return null;
            if (tokens > 0 && (Stop.Contains(token) || Months.Contains(token))) break;
            end = tokenEnd;
            tokens++;
            if (end + 1 < sentence.Length && sentence[end] == ' ' && char.IsUpper(sentence[end + 1])) end++;
            else break;
        }
        var name = sentence[i..end].Trim();
        return name.Length >= 2 ? (i, i + name.Length, name) : null;
    }

    /// <summary>"Acme Corp" is "Acme": a trailing legal form is no part of the canonical name.</summary>
    private static string WithoutLegalForm(string name)
    {
        var space = name.LastIndexOf(' ');
        return space > 0 && Lexicon.LegalForms.Contains(name[(space + 1)..].TrimEnd('.')) ? name[..space] : name;
    }

    private static string TrimName(string name)
    {
        var tokens = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (tokens.Count > 1 && (Stop.Contains(tokens[^1]) || Months.Contains(tokens[^1]))) tokens.RemoveAt(tokens.Count - 1);
        var cut = tokens.FindIndex(1, t => Stop.Contains(t) || Months.Contains(t));
        if (cut > 0) tokens.RemoveRange(cut, tokens.Count - cut);
        var trimmed = string.Join(' ', tokens).TrimEnd('.', '\'', '-');
        // "in Polaride's new factory": the possessive ending is no part of the name.
        return trimmed.Length > 3 && (trimmed.EndsWith("'s", StringComparison.Ordinal) || trimmed.EndsWith("’s", StringComparison.Ordinal)) ? trimmed[..^2] : trimmed;
    }

    private static string FirstToken(string name) { var i = name.IndexOf(' '); return i < 0 ? name : name[..i]; }
    private static ReadOnlySpan<char> FirstToken(ReadOnlySpan<char> name) { var i = name.IndexOf(' '); return i < 0 ? name : name[..i]; }
    private static ReadOnlySpan<char> LastToken(ReadOnlySpan<char> name) { var i = name.LastIndexOf(' '); return i < 0 ? name : name[(i + 1)..]; }

    private static HashSet<string> OrgWords => NameWords.Default.OrganisationWords;
    internal static HashSet<string> Months => NameWords.Default.Calendar;
    private static HashSet<string> NotProducts => NameWords.Default.NotProducts;
    /// <summary>Capitalised words that start sentences or titles but never names.</summary>
    internal static HashSet<string> Stop => NameWords.Default.Stop;
    internal static HashSet<string> FirstNames => NameWords.Default.FirstNames;
    private static string[] PlacePrefixes => NameWords.Default.PlacePrefixes;
}

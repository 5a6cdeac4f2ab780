using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Personnel;

/// <summary>Personnel moves: left, joined, appointed, fired — "la démission de la chercheuse Zoë Hitzig",
/// "X quitte OpenAI pour rejoindre Anthropic" (two facts), "Y named X chief executive", "X succède à Y" and "Y sera remplacé
/// par X" (X joins, Y leaves), "X devient PDG", "le nouveau PDG X". Background ("ancien cofondateur") is not a move, nor is
/// a move told in the past perfect ("était devenu", "had joined"), nor the person quoted ("a déclaré John Elkann"). The cue words are in <c>personnel-lexicon.json</c>.</summary>
public sealed partial class PersonnelExpert : IExpert
{
    public string Name => "personnel";

    private static readonly CueLexicon Lexicon = CueLexicon.Load("Intelligence.Extraction.Experts.Personnel.personnel-lexicon.json");

    /// <summary>Every move word, in a group per change. "replacedBy" comes before "replaces" ("succeeded by" is passive).</summary>
    private static readonly string[] TriggerLists = ["left", "fired", "joined", "replacedBy", "replaces", "appointed", "becomes"];
    internal static readonly Regex Trigger = Lexicon.Groups(TriggerLists);
    /// <summary>Two linear-time gates for <see cref="Trigger"/>: the words of all its lists would make one automaton larger
    /// than .NET allows.</summary>
    internal static readonly Regex[] MayTrigger = [Lexicon.AnyOf(TriggerLists[..3]), Lexicon.AnyOf(TriggerLists[3..])];

    private static readonly Regex RoleRegex = Lexicon.Words("roles");

    /// <summary>"le nouveau PDG", "the new chief executive", "interim CEO": an appointment told by the role.</summary>
    private static readonly Regex NewRoleRegex = new($@"\b(?:(?<new>{Lexicon.Alternation("newRole")})|(?<former>{Lexicon.Alternation("formerRole")}))\s+(?:{Lexicon.Alternation("roles")})\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | RegexOptions.Compiled);

    private static readonly Regex ReportingRegex = Lexicon.Words("reporting");

    /// <summary>Appointment words that also name or choose other things ("a man named X", "appointed Mace as project
    /// manager"): a move only with a role or a board word in reach.</summary>
    private static readonly Regex NeedsRoleRegex = new($@"^(?:{Lexicon.Alternation("needsRole")})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex RoleContextRegex = new($@"\b(?:{Lexicon.Alternation("roles")}|{Lexicon.Alternation("roleContext")})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>"left the company", "left his post", "left Acme": what an English "left" leaves when it is a departure.</summary>
    private static readonly Regex LeftObjectRegex = new($@"^\s+(?:(?:the|his|her|their|its|a|an|as)\s+)?(?:[\p{{Ll}}-]+\s+){{0,2}}?(?:{Lexicon.Alternation("leftObjects")}|{Lexicon.Alternation("roles")})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>"called for X's resignation", "vote on the nomination of X": a demand or a proposal, not a move.</summary>
    private static readonly Regex DemandedRegex = new($@"\b(?:{Lexicon.Alternation("demanded")})\b(?:\s+\S+){{0,4}}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ProposedRegex = Lexicon.Words("proposed");
    private static readonly HashSet<string> NotPersonWords = new(Lexicon.Alternation("notPersonWords").Split('|'), StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:ancien(?:ne)?|former|ex-|naguère|previously|auparavant|jadis|avait\s+(?:\w+\s+)?[ée]t[ée]|avai(?:t|ent)|had(?:\s+been)?|[ée]tait\s+devenue?|en\s+poste\s+depuis|since\s+(?:19|20)\d\d|depuis\s+(?:19|20)\d\d)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BackgroundRegex();

    [GeneratedRegex(@"\b(?:chez|at|de|d'|from|of|(?<verb>quitte|quitter|quitté|left|leaves|leaving|joins|joined|rejoint|rejoindre|rejoin|join)|to|à|pour)\s*(?:la\s+|le\s+|l'|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrgPrepositionRegex();

    public double Gate(SentenceView s)
    {
        // The cheap test first: most sentences name nobody, and the cue regexes then need not run.
        if (!MayNamePerson(s)) return 0;
        var cues = Triggers(s).Count + s.MatchesOf(NewRoleRegex).Count;
        return cues == 0 ? 0 : cues * 0.9 + 0.1;
    }

    /// <summary>The move words of the sentence, found from the linear-time <see cref="MayTrigger"/>'s matches: the full
    /// pattern, with its lookarounds, costs far more per character.</summary>
    private static IReadOnlyList<Match> Triggers(SentenceView s) => s.MatchesOf(Trigger, MayTrigger);

    private static bool MayNamePerson(SentenceView s)
    {
        foreach (var m in s.Mentions)
            if (m.Kind == MentionKind.Person) return true;
        return NameGuesser.MayHaveFullName(s.Text);
    }

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var known = s.People.Where(p => p.Source != MentionSource.Guess || LooksLikePerson(s, p.Start, p.End)).ToList();
        var people = WithGuessedPeople(s, known);
        if (people.Count == 0) yield break;
        known = known.Where(people.Contains).ToList();
        var orgs = Employers(s, people);
        var emitted = new HashSet<(string, string)>();
        var facts = new List<Fact>();

        // A company read only from the article's salient organisation needs a role in the sentence: "Samus Aran departed
        // for the stars" in an article about a games studio is no move.
        var roleInSentence = s.IsMatch(RoleContextRegex) ||
            Triggers(s).Any(t => t.Groups["replaces"].Success || t.Groups["replacedBy"].Success);
        void Add(Mention person, string? company, string change)
        {
            if (company is null || IsPersonName(company, people) || IsPolitical(s, person) || (!roleInSentence && !orgs.Any(o => o.Name == company) && person.Entity?.Company != company)) return;
            if (!emitted.Add((person.Name, Direction(change)))) return;
            facts.Add(Move(s, article, person, company, change));
        }

        foreach (Match trigger in Triggers(s))
        {
            var change = ChangeOf(trigger);
            if (Cues.IsHedgedUnlessReported(s, trigger.Index, 40) || Cues.IsNegated(s, trigger.Index, 30)) continue;
            if (IsBackground(s, trigger)) continue;
            var triggerEnd = trigger.Index + trigger.Length;
            if (!IsMove(s, trigger, orgs)) continue;
            if (change == "becomes" && !RoleFollows(s, triggerEnd)) continue;

            if (change is "replaces" or "replacedBy")
            {
                // "X succède à Y", "X replaces Y": X joins, Y leaves; "Y sera remplacé par X", "Y, succeeded by X": the reverse.
                // "Luc Rémont, remplacé à la tête d'EDF par X": a passive participle may open an apposition.
                var before = AdjacentBefore(s, people, trigger.Index, allowComma: change == "replacedBy") ?? AppositiveSubject(s, people, trigger.Index);
                var after = AdjacentAfter(s, people, triggerEnd);
                var (successor, predecessor) = change == "replaces" ? (before, after) : (after, before);
                var company = CompanyFor(s, orgs, trigger, successor ?? predecessor, "appointed");
                if (successor is not null) Add(successor, company, "appointed");
                if (predecessor is not null) Add(predecessor, company, "left");
                continue;
            }
            if (change == "becomes") change = "appointed";

            if (JoinsForcesRegex().IsMatch(s.Text.AsSpan(triggerEnd))) continue;
            if (change == "joined" && !JoinsAnEmployer(s, triggerEnd)) continue;
            // "X a nommé Y", "the board fired Y": a verb that moves its object; the person before it moves only in the
            // passive ("Y a été nommé", "Y was fired").
            var movesObject = MovesObjectRegex().IsMatch(trigger.ValueSpan);
            bool Moves(Mention before) => !movesObject || PassiveRegex().IsMatch(s.Text.AsSpan(before.End, trigger.Index - before.End));
            // "la démission de Carlos Tavares", "the departure of X": the move noun's own complement.
            var person = people.FirstOrDefault(p => p.Start >= triggerEnd && OfRegex().IsMatch(s.Text.AsSpan(triggerEnd, p.Start - triggerEnd)))
                ?? (AdjacentBefore(s, people, trigger.Index) is { } subject && Moves(subject) ? subject : null)
                ?? (change is "appointed" or "fired" || movesObject ? AdjacentAfter(s, people, triggerEnd) : null)
                ?? AppositiveSubject(s, people, trigger.Index)
                ?? known.Where(p => p.End <= trigger.Index && trigger.Index - p.End <= 60 && !IsQuoted(s, p) && Moves(p) && (!IsPossessive(s, p) || OwnsMoveNoun(s, p, trigger))).LastOrDefault()
                // After a verb of one's own move ("a rejoint X", "joining a family"), the person named next is someone else.
                ?? ((change is "appointed" or "fired" || movesObject || MoveNounRegex().IsMatch(trigger.ValueSpan)) &&
                    people.FirstOrDefault(p => p.Start >= triggerEnd) is { } following && following.Start - triggerEnd <= 60 && !IsQuoted(s, following) &&
                    !OtherClauseRegex().IsMatch(s.Text.AsSpan(triggerEnd, following.Start - triggerEnd)) ? following : null);
            if (person is null) continue;
            var employer = CompanyFor(s, orgs, trigger, person, change);
            Add(person, employer, change);
            // "bringing in Windsurf CEO Varun Mohan, co-founder Douglas Chen": the people listed after the first share the move.
            var previous = person;
            foreach (var listed in people.Where(p => p.Start > person.End))
            {
                // ", remplacé par X" is another move, not a list.
                var gap = s.Text.AsSpan(previous.End, listed.Start - previous.End);
                if (!PeopleListRegex().IsMatch(gap) || Trigger.IsMatch(gap)) break;
                Add(listed, employer, change);
                previous = listed;
            }
            // "left Apple for Meta", "quitte Apple pour Meta": the company after "for" is the one joined.
            if (change == "left" && employer is not null && NextEmployer(s, orgs, employer, triggerEnd) is { } next)
                Add(person, next, "joined");
        }

        // "le nouveau PDG Jean-Pierre Mustier", "Bob Chapek, the new CEO", "outgoing chairman X".
        foreach (Match role in s.MatchesOf(NewRoleRegex))
        {
            if (Cues.IsHedged(s, role.Index, 40) || Cues.IsNegated(s, role.Index, 30)) continue;
            var end = role.Index + role.Length;
            var person = people.FirstOrDefault(p => p.Start >= end && p.Start - end <= 45 && RoleToName(s, end, p.Start))
                ?? people.LastOrDefault(p => p.End <= role.Index && role.Index - p.End <= 12 && NameToRoleRegex().IsMatch(s.Text.AsSpan(p.End, role.Index - p.End)));
            if (person is null) continue;
            var company = orgs.FirstOrDefault(o => o.Start >= end && o.Start - end <= 12)?.Name ?? person.Entity?.Company ?? s.ImplicitSubject ?? Subject(s, orgs)?.Name;
            Add(person, company, role.Groups["former"].Success ? "left" : "appointed");
        }
        foreach (var f in facts) yield return f;
    }

    /// <summary>The organisations a move may be at: those of the sentence that are not a person's name, and the names
    /// the entity table does not know that stand where news puts an employer ("chief executive of Corvane", "Corvane's
    /// board", "joins Corvane", "Corvane a nommé…").</summary>
    private static List<Mention> Employers(SentenceView s, List<Mention> people)
    {
        var orgs = s.Organizations.Where(o => !SlotNames.IsPerson(o, people)).ToList();
        foreach (Match slot in EmployerSlotRegex.Matches(s.Text).Append(OpeningEmployerRegex.Match(s.Text)).Where(m => m.Success))
        {
            var at = slot.Groups["org"];
            if (SlotNames.OrganizationAt(s, at.Index, people) is not { } org || orgs.Any(o => o.Start < org.End && org.Start < o.End)) continue;
            orgs.Add(org);
        }
        orgs.Sort((a, b) => a.Start.CompareTo(b.Start));
        return orgs;
    }

    private static readonly Regex PoliticalRegex = Lexicon.Words("politicalRoles");

    /// <summary>"la ministre des Sports Laura Flessel annonce sa démission", "former Rep. Bill Lipinski": a political office
    /// as the person's title, or a reshuffle in the sentence, is no company's move ("X, a former adviser to the prime
    /// minister, …" tells a past job, not the move's).</summary>
    private static bool IsPolitical(SentenceView s, Mention person)
    {
        foreach (Match m in s.MatchesOf(PoliticalRegex))
            if ((m.Index < person.Start && person.Start - m.Index - m.Length <= 30 &&
                 s.Text.AsSpan(m.Index + m.Length, person.Start - m.Index - m.Length).IndexOfAny(",—–(") < 0) ||
                m.Value.StartsWith("rema", StringComparison.OrdinalIgnoreCase) || m.Value.StartsWith("resh", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool IsPersonName(string company, List<Mention> people) => people.Any(p => p.Name == company);

    private static Mention? Subject(SentenceView s, List<Mention> orgs) => orgs.FirstOrDefault(m => !s.IsComplement(m));

    /// <summary>Where an employer's name stands: after a role or a post and "of/at/de/chez" ("chief executive of X", "à la
    /// tête de X", "la présidence du directoire de X"), before a possessive role ("X's chief financial officer", "X's
    /// board"), after a verb of joining or leaving ("joins X", "quitte X"), in an opening "At X," or before a verb that
    /// appoints ("X has appointed", "X a nommé").</summary>
    private static readonly Regex EmployerSlotRegex = new(
        $@"(?:\b(?:{Lexicon.Alternation("roles")}|{Lexicon.Alternation("posts")})\s+(?:of|at|de|du|d'|chez)\s*(?:the\s+|la\s+|le\s+|l')?" +
        $@"|\b(?:{Lexicon.Alternation("joinsOrLeaves")})\s+(?:the\s+|la\s+|le\s+|l')?|^(?:At|Chez)\s+)(?<org>(?-i:\p{{Lu}}))" +
        $@"|(?<org>(?-i:\p{{Lu}})[\p{{L}}\d&.-]*(?:\s+(?-i:\p{{Lu}})[\p{{L}}\d&.-]*){{0,2}})(?:['’]s\s+(?:(?:new|former|outgoing|interim|current|longtime|long-serving|own)\s+)?(?:{Lexicon.Alternation("roles")}|board|founder|co-?founder)\b" +
        $@"|\s+(?:(?:has|have|had|also|on\s+\p{{L}}+day|a|aussi)\s+)*(?:{Lexicon.Alternation("appoints")})\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>"Orbelle chief executive Jean Marchetti will step down": a name opening the sentence, a role, then the person.
    /// Anchored at the start, so it costs one short match per sentence.</summary>
    private static readonly Regex OpeningEmployerRegex = new(
        $@"^(?<org>(?-i:\p{{Lu}})[\p{{L}}\d&.-]*(?:\s+(?-i:\p{{Lu}})[\p{{L}}\d&.-]*){{0,2}})\s+(?:(?:new|outgoing|interim)\s+)?(?:{Lexicon.Alternation("roles")})\s+(?-i:\p{{Lu}}\p{{Ll}})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>A role or a post, then "of/at/de/chez", right before a name: the name is the employer's.</summary>
    private static readonly Regex EmployerBeforeRegex = new(
        $@"\b(?:{Lexicon.Alternation("roles")}|{Lexicon.Alternation("posts")})\s+(?:of|at|de|du|d'|chez)\s*(?:the\s+|la\s+|le\s+|l')?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static string ChangeOf(Match trigger)
    {
        foreach (var name in (string[])["left", "fired", "joined", "replacedBy", "replaces", "becomes"])
            if (trigger.Groups[name].Success) return name;
        return "appointed";
    }

    /// <summary>The scorer's reading of a change: a person joins or leaves once per sentence.</summary>
    private static string Direction(string change) => change is "left" or "fired" ? "left" : "joined";

    private Fact Move(SentenceView s, ArticleContext article, Mention person, string company, string change) => new()
    {
        Type = FactTypes.Personnel, Person = person.Name, Company = company, Change = change,
        Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.8, person), Expert = Name,
        Evidence = s.Evidence(article.OriginalText),
    };

    /// <summary>The people the mention finder knows, plus full names shaped like a person's ("Delphine Arnault",
    /// "Francesca Bellettini") that it left out; a guessed full name replaces a bare surname resolved to someone else
    /// ("Delphine Arnault" is not "Bernard Arnault"). Guessed names count only right next to a move word.</summary>
    private static List<Mention> WithGuessedPeople(SentenceView s, List<Mention> known)
    {
        if (!NameGuesser.MayHaveFullName(s.Text)) return known;
        List<Mention>? people = null;
        foreach (var m in NameGuesser.PersonShape.EnumerateMatches(s.Text))
        {
            var (start, end) = (m.Index, m.Index + m.Length);
            var first = s.Text.AsSpan(start, end - start);
            var space = first.IndexOfAny(' ', '\u00A0');
            if (space > 0) first = first[..space];
            if (NameGuesser.Stop.Contains(first.ToString()) || NameGuesser.Months.Contains(first.ToString())) continue;
            var clash = false;
            Mention? surname = null;
            foreach (var other in s.Mentions)
            {
                if (other.End <= start || other.Start >= end) continue;
                if (other.Kind == MentionKind.Person && other.Source == MentionSource.Coreference && other.Start > start && other.End <= end) surname = other;
                // "Jon Marsh a été limogé", "chief executive Jon Marsh": a name guessed as an organisation that stands where a
                // move puts its person is that person.
                else if (!(other.IsOrganization && other.Source == MentionSource.Guess && other.Start == start && other.End == end && AtPersonSlot(s, start, end))) clash = true;
            }
            if (clash || !LooksLikePerson(s, start, end)) continue;
            // "directeur financier de Bretonne Télécom", "chief executive of Halden Systems": the employer's slot.
            if (!NameGuesser.FirstNames.Contains(first.ToString()) &&
                EmployerBeforeRegex.IsMatch(s.Text.AsSpan(Math.Max(0, start - 60), start - Math.Max(0, start - 60)))) continue;
            people ??= new List<Mention>(known);
            if (surname is not null) people.Remove(surname);
            people.Add(new Mention(start, end, s.Text[start..end], MentionKind.Person, MentionSource.Guess));
        }
        if (people is null) return known;
        people.Sort((a, b) => a.Start.CompareTo(b.Start));
        return people;
    }

    /// <summary>Right before a move word (auxiliaries between) or right after a role ("Jon Marsh a été limogé", "CEO Jon Marsh").</summary>
    private static bool AtPersonSlot(SentenceView s, int start, int end)
    {
        // "Kestrel Forge has hired…" is the employer: a verb that moves its object moves the name before it only in the passive.
        if (MoveAfterNameRegex().Match(s.Text, end) is { Success: true } gap && MayTrigger.Any(g => g.Match(s.Text, gap.Index + gap.Length) is { Success: true } may && may.Index == gap.Index + gap.Length) &&
            Trigger.Match(s.Text, gap.Index + gap.Length) is { Success: true } t &&
            t.Index == gap.Index + gap.Length && (!MovesObjectRegex().IsMatch(t.ValueSpan) || PassiveRegex().IsMatch(gap.ValueSpan))) return true;
        var from = Math.Max(0, start - 40);
        foreach (Match role in RoleRegex.Matches(s.Text[from..start]))
            if (from + role.Index + role.Length >= start - 2) return true;
        return false;
    }

    [GeneratedRegex(@"\G(?:,\s*(?:who|qui)\b)?(?:\s+(?:has|have|had|is|was|will|would|to|be|been|a|est|sera|va|vient\s+d'être|été|also|aussi|just))*\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoveAfterNameRegex();

    /// <summary>A capitalised pair whose last word names a place or a body is no person ("Gaza Strip", "General
    /// Assembly", "Brightwater Bank", "Holly The"), unless a given name opens it and the last word is a family name too
    /// ("David Park", "Laura Bay").</summary>
    private static bool LooksLikePerson(SentenceView s, int start, int end)
    {
        var name = s.Text.AsSpan(start, end - start);
        var lastSpace = name.LastIndexOfAny(' ', '\u00A0');
        if (lastSpace <= 0) return true;
        var last = name[(lastSpace + 1)..].ToString();
        if (!NotPersonWords.Contains(last)) return true;
        var first = name[..name.IndexOfAny(' ', '\u00A0')];
        return FamilyNamesToo.Contains(last) && NameGuesser.FirstNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first);
    }

    /// <summary>The words of <c>notPersonWords</c> that are family names too, after a given name (<c>familyNamesToo</c>).</summary>
    private static readonly HashSet<string> FamilyNamesToo = new(Lexicon.Alternation("familyNamesToo").Split('|'), StringComparer.Ordinal);

    [GeneratedRegex(@"^(?:had|avai(?:t|ent))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastPerfectRegex();

    /// <summary>"ancien", "had joined", "since 2015" around the move word, in its own clause: a background cue inside an
    /// apposition before it ("Lukas Meyer, who has led the group since 2015, will leave") does not date the move.</summary>
    private static bool IsBackground(SentenceView s, Match trigger)
    {
        var from = Math.Max(0, trigger.Index - 25);
        var clause = s.Text.LastIndexOfAny([',', '—', '–'], Math.Max(0, trigger.Index - 1), trigger.Index - from);
        if (clause >= from) from = clause + 1;
        // "appointed former Orbelle executive Lena Brandt": after a verb that moves its object, a background word qualifies
        // the person appointed, not the appointment.
        var to = MovesObjectRegex().IsMatch(trigger.ValueSpan) ? trigger.Index + trigger.Length : Math.Min(s.Text.Length, trigger.Index + trigger.Length + 25);
        var background = BackgroundRegex().Match(s.Text, from, to - from);
        // "Velmora said that its chief executive had resigned": the past perfect of reported speech tells the news itself.
        if (background.Success && !(PastPerfectRegex().IsMatch(background.Value) && s.IsMatch(ReportingRegex, 0, background.Index) &&
                !BackgroundRegex().Match(s.Text, background.Index + background.Length, to - background.Index - background.Length).Success)) return true;
        // "Under chief executive Jane Doe, appointed in 2019, Acme…": a participle in an apposition, with its year.
        return trigger.Index > 1 && s.Text.AsSpan(0, trigger.Index).TrimEnd().EndsWith(",") &&
            AppositionYearRegex().IsMatch(s.Text.AsSpan(trigger.Index + trigger.Length));
    }

    [GeneratedRegex(@"^(?:\s+[\p{L}-]+){0,3}?\s+(?:in|en)\s+(?:19|20)\d\d\s*,", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AppositionYearRegex();

    /// <summary>The checks a move word passes before its person is looked for: an appointment word that may name something
    /// else needs a role in reach ("a man named X", "named after X"); an English "left" must leave an employer, a post or
    /// the clause ("has left it less healthy" is no departure); a past move in a relative clause is background ("X, who
    /// joined Acme in 2019, said"); a demand or a proposal is no move ("called for X's resignation", "will vote on the
    /// nomination of X").</summary>
    private static bool IsMove(SentenceView s, Match trigger, List<Mention> orgs)
    {
        var triggerEnd = trigger.Index + trigger.Length;
        if (NeedsRoleRegex.IsMatch(trigger.Value))
        {
            if (NamedAfterRegex().IsMatch(s.Text.AsSpan(triggerEnd))) return false;
            var (from, to) = (Math.Max(0, trigger.Index - 60), Math.Min(s.Text.Length, triggerEnd + 70));
            if (!s.IsMatch(RoleContextRegex, from, to)) return false;
        }
        if (BareLeftRegex().IsMatch(trigger.Value) && !LeavesSomething(s, trigger, orgs)) return false;
        // "Judge X, left, walks with…", "(left)": a photo caption's position.
        if (trigger.Value.Equals("left", StringComparison.OrdinalIgnoreCase) && CaptionRegex().IsMatch(s.Text.AsSpan(Math.Max(0, trigger.Index - 2), Math.Min(s.Text.Length, triggerEnd + 1) - Math.Max(0, trigger.Index - 2)))) return false;
        // "Nixon's appointed vice president", "a man named X": a participle that qualifies a noun, not a verb.
        if (trigger.Value.EndsWith("ed", StringComparison.OrdinalIgnoreCase) && NeedsRoleRegex.IsMatch(trigger.Value) &&
            AdjectivalRegex().IsMatch(s.Text.AsSpan(0, trigger.Index))) return false;
        if (trigger.Value.StartsWith("named", StringComparison.OrdinalIgnoreCase) && IndefiniteBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, trigger.Index - 40), Math.Min(40, trigger.Index)))) return false;
        var before = s.Text.AsSpan(Math.Max(0, trigger.Index - 40), Math.Min(40, trigger.Index));
        if (PastRelativeRegex().IsMatch(before) || (RelativeRegex().IsMatch(before) && PastVerbRegex().IsMatch(trigger.Value))) return false;
        if (DemandedRegex.IsMatch(before)) return false;
        return !s.IsMatch(ProposedRegex, Math.Max(0, trigger.Index - 60), trigger.Index);
    }

    /// <summary>"left the company", "left Acme", "leaves at the end of June", "is leaving.", "left to join Y".</summary>
    private static bool LeavesSomething(SentenceView s, Match trigger, List<Mention> orgs)
    {
        var triggerEnd = trigger.Index + trigger.Length;
        var after = s.Text.AsSpan(triggerEnd);
        if (LeftObjectRegex.IsMatch(after) || LeftClauseEndRegex().IsMatch(after)) return true;
        // An organisation right after it, with at most a determiner between.
        return orgs.Any(o => o.Start >= triggerEnd && o.Start - triggerEnd <= 6 &&
            LeftDeterminerGapRegex().IsMatch(s.Text.AsSpan(triggerEnd, o.Start - triggerEnd)));
    }

    [GeneratedRegex(@"^(?:(?:will|to|would)\s+)?(?:left|leaves|leaving|leave|departs?|departed)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareLeftRegex();

    [GeneratedRegex(@"^(?:\s*[,.;:)—–-]|\s*$|\s+(?:at\s+the\s+end|in\s+(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|November|December|the\s+(?:spring|summer|autumn|fall|winter))|on\s+\p{Lu}\p{Ll}+day|after\s+\S+\s+(?:years?|months?|decades?)|last\s+(?:week|month|year)|this\s+(?:week|month|year)|next\s+(?:week|month|year)|earlier\s+this|later\s+this|effective|immediately|to\s+(?:join|start|found|launch|set\s+up|become|pursue|lead|run)|for\s+(?:the\s+)?\p{Lu}))", RegexOptions.CultureInvariant)]
    private static partial Regex LeftClauseEndRegex();

    [GeneratedRegex(@"^\s*(?:the\s+|its\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeftDeterminerGapRegex();

    [GeneratedRegex(@"^(?:,\s*left\s*,|\(left\))$|^.?\(left\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionRegex();

    [GeneratedRegex(@"(?:['’]s|\b(?:his|her|its|their|the|a|an))\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdjectivalRegex();

    [GeneratedRegex(@"\b(?:[Aa]n?|[Oo]ne|[Ss]ome)\s+(?:[\p{Ll}-]+\s+|\p{Lu}\p{Ll}+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IndefiniteBeforeRegex();

    [GeneratedRegex(@"^\s+after\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamedAfterRegex();

    /// <summary>"who had joined", "who was appointed", "qui a rejoint", "qui avait été nommé": a relative clause in a past tense.</summary>
    [GeneratedRegex(@"\b(?:who|qui)\s+(?:had|has|was|were|a|avait|avaient|ont)\s+(?:(?:been|été|also|aussi|already|déjà)\s+)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastRelativeRegex();

    [GeneratedRegex(@"\b(?:who|qui)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"(?:ed|left|quit|took\s+over|took\s+the\s+helm|became)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastVerbRegex();

    /// <summary>"Delphine Arnault devenait PDG", "Bob Chapek replaces", "X a été nommé": the person right before the move
    /// word, with only lower-case words (auxiliaries, adverbs) between them.</summary>
    private static Mention? AdjacentBefore(SentenceView s, List<Mention> people, int triggerStart, bool allowComma = false)
    {
        var p = people.LastOrDefault(p => p.End <= triggerStart);
        if (p is null || triggerStart - p.End > 30 || IsQuoted(s, p)) return null;
        var gap = s.Text.AsSpan(p.End, triggerStart - p.End);
        if (allowComma && gap.TrimStart().StartsWith(",")) gap = gap.TrimStart()[1..];
        // "X a annoncé le départ…": an article opens the verb's object, so X is not the one who leaves.
        return LowerWordsRegex().IsMatch(gap) && !ArticleRegex().IsMatch(gap) ? p : null;
    }

    /// <summary>"promu Francesca Bellettini", "names Bob Chapek", "replaces Bob Iger", "appointed CFO Jane Doe": the person
    /// right after the move word, with only lower-case words, roles and organisations between them.</summary>
    private static Mention? AdjacentAfter(SentenceView s, List<Mention> people, int triggerEnd)
    {
        var p = people.FirstOrDefault(p => p.Start >= triggerEnd);
        if (p is null || p.Start - triggerEnd > 45) return null;
        var gap = Gap(s, triggerEnd, p.Start);
        // "named its finance chief, Natalie Knight, as…": a possessive before a role, then the name in apposition.
        if (RoleRegex.IsMatch(s.Text.AsSpan(triggerEnd, p.Start - triggerEnd))) gap = PossessiveRoleGapRegex().Replace(gap, " ");
        return LowerWordsRegex().IsMatch(gap) && !DeterminerRegex().IsMatch(gap) ? p : null;
    }

    /// <summary>The text between two positions with roles and organisations blanked out.</summary>
    private static string Gap(SentenceView s, int from, int to)
    {
        var gap = s.Text[from..to];
        foreach (var m in s.Mentions)
            if (m.IsOrganization && m.Start >= from && m.End <= to) gap = gap.Remove(m.Start - from, m.End - m.Start).Insert(m.Start - from, new string(' ', m.End - m.Start));
        return RoleRegex.Replace(gap, r => new string(' ', r.Length));
    }

    /// <summary>"le nouveau PDG Jean-Pierre Mustier", "the new CEO of Disney, Bob Chapek".</summary>
    private static bool RoleToName(SentenceView s, int roleEnd, int nameStart) =>
        RoleToNameRegex().IsMatch(Gap(s, roleEnd, nameStart));

    [GeneratedRegex(@"^[\s,]*(?:(?:de|d'|du|of|at|chez)\s*(?:l'|la\s+|le\s+|the\s+)?[\s,]*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleToNameRegex();

    [GeneratedRegex(@"^\s*,\s*(?:the|its|le|la|l'|son|sa)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameToRoleRegex();

    [GeneratedRegex(@"^[\s\p{Ll}'’-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerWordsRegex();

    [GeneratedRegex(@"^\s*(?:its|their|his|her|son|sa|ses|leur)\b|,\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveRoleGapRegex();

    [GeneratedRegex(@"\b(?:le|la|les|l'|un|une|des|du|de|d'|the|an)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArticleRegex();

    [GeneratedRegex(@"\b(?:former|ex-?|ancien(?:ne)?s?|previously|one-?time)\s+(?:[\p{Ll}-]+\s+){0,2}(?:(?:at|of|de|d'|chez|du)\s*)?(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastTitleBeforeRegex();

    [GeneratedRegex(@"^(?:a\s+)?(?:nomm|appoint|nam(?:e|es|ed|ing)\b|promu|promot|tapped|pick|chose|select|choisi|d[ée]sign|elect|hire|recrut|embauch|d[ée]bauch|poach|bring|brought|licenci|limog|renvoy|fired|ousted|[ée]vinc|sacked|dismissed|r[ée]voqu|remov)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MovesObjectRegex();

    [GeneratedRegex(@"\b(?:été|was|were|is|are|been|be|being|est|sont|sera|seront|serait|vient\s+d'être|get|gets|got)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassiveRegex();

    /// <summary>"joined the call", "joined other tech leaders at the White House", "a rejoint le mouvement": a determiner
    /// then a noun that names no employer (<c>notJoinedObjects</c>) is no hire. "joined in October", "joins Anthropic",
    /// "joined the board", "rejoint le groupe Renault" are.</summary>
    private static bool JoinsAnEmployer(SentenceView s, int triggerEnd)
    {
        // "Amy Stone joins the Cloud Platform team": a team the entity table does not know is a unit, not an employer.
        if (JoinTeamRegex().Match(s.Text, triggerEnd) is { Success: true } team &&
            !s.Organizations.Any(o => o.Source != MentionSource.Guess && o.Start >= team.Index && o.End <= team.Index + team.Length))
            return false;
        var obj = JoinObjectRegex().Match(s.Text, triggerEnd);
        if (!obj.Success) return true;
        // The noun phrase's words up to a preposition ("other tech leaders at…").
        foreach (Match word in WordRegex().Matches(obj.Groups["nouns"].Value))
        {
            if (JoinStopRegex().IsMatch(word.Value)) break;
            if (NotJoinedObjectRegex.IsMatch(word.Value)) return false;
        }
        return true;
    }

    [GeneratedRegex(@"[\p{L}'-]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\G\s+(?:the\s+|l'|la\s+|le\s+)?(?:\p{Lu}[\p{L}\d.-]*\s+(?:&\s+)?){1,4}(?:team|squad|[ée]quipe)\b(?!\s+(?:at|of|chez|de|d')\s)", RegexOptions.CultureInvariant)]
    private static partial Regex JoinTeamRegex();

    [GeneratedRegex(@"^(?:at|in|on|with|for|of|to|from|à|au|aux|dans|avec|pour|de|du|des|en|chez|sur|in|as)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JoinStopRegex();

    private static readonly Regex NotJoinedObjectRegex = new($@"^(?:{Lexicon.Alternation("notJoinedObjects")})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\G\s+(?:(?:the|a|an|other|its|their|his|her|le|la|les|un|une|des|l'|d'autres|ses|son|sa)\s*)*(?<nouns>\p{Ll}[\p{Ll}'-]*(?:\s+\p{Ll}[\p{Ll}'-]*){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex JoinObjectRegex();

    /// <summary>"appointed a new minister after X was fired", "would step down, to be replaced by X": a person in another
    /// clause after the move word is not the one it moves ("the departure of its chief executive, Jim Farley" is the same clause).</summary>
    [GeneratedRegex(@";|\b(?:after|before|while|when|to\s+be|(?:and|et)\s+(?:be|been|was|will|is|sera|a\s+été)|from|après|avant|alors|pour\s+être)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherClauseRegex();

    /// <summary>"joins forces with", "s'associe": a partnership, not a hire.</summary>
    [GeneratedRegex(@"^\s+forces\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JoinsForcesRegex();

    /// <summary>"quittait le groupe belgo-suisse Barry Callebaut": a determiner opens a noun phrase, not a person's name.</summary>
    [GeneratedRegex(@"\b(?:le|la|les|l'|un|une|des|du|the|a|an|its|their|son|sa|ses|leur)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeterminerRegex();

    /// <summary>"devient PDG de Dior", "became chief executive": "become" is a move only when a role follows.</summary>
    private static bool RoleFollows(SentenceView s, int triggerEnd)
    {
        var window = s.Text.AsSpan(triggerEnd, Math.Min(40, s.Text.Length - triggerEnd));
        foreach (var r in RoleRegex.EnumerateMatches(window)) return r.Index <= 25;
        return false;
    }

    /// <summary>"…, a déclaré John Elkann", "said Jane Doe", "selon X": the person quoted is not the one who moves.</summary>
    private static bool IsQuoted(SentenceView s, Mention person)
    {
        // "Acme said Priya Raman has been named…", "said its chief executive X would retire": the person is the subject of
        // the reported clause, not the one quoted.
        if (ReportedSubjectRegex().IsMatch(s.Text.AsSpan(person.End))) return false;
        var from = Math.Max(0, person.Start - 25);
        foreach (var r in ReportingRegex.EnumerateMatches(s.Text.AsSpan(from, person.Start - from)))
            if (LowerWordsOrRoleRegex().IsMatch(s.Text.AsSpan(from + r.Index + r.Length, person.Start - from - r.Index - r.Length))) return true;
        return false;
    }

    [GeneratedRegex(@"^[\s\p{Ll}'’,-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerWordsOrRoleRegex();

    [GeneratedRegex(@"^\s+(?:has|have|had|will|would|is|was|were|could|should|a|est|sera|va|avait|allait|devrait|doit)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportedSubjectRegex();

    /// <summary>"Mira Murati's Thinking Machines Lab": a possessive names an owner, not the person who moves.</summary>
    private static bool IsPossessive(SentenceView s, Mention person) =>
        person.End + 1 < s.Text.Length && s.Text[person.End] is '\'' or '’' && s.Text[person.End + 1] == 's';

    /// <summary>"Mira Murati's departure", "X's abrupt resignation": a possessive person owns the move noun that follows.</summary>
    private static bool OwnsMoveNoun(SentenceView s, Mention person, Match trigger)
    {
        var between = s.Text.AsSpan(person.End + 2, Math.Max(0, trigger.Index - person.End - 2));
        return between.Length <= 20 && !between.ContainsAnyExcept(LowercaseOrSpace) && MoveNounRegex().IsMatch(trigger.ValueSpan);
    }

    private static readonly System.Buffers.SearchValues<char> LowercaseOrSpace =
        System.Buffers.SearchValues.Create(" abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ-");

    [GeneratedRegex(@"^(?:d[ée]parts?|departure|d[ée]mission|resignation|nomination|appointment|exit|retirement|limogeage|licenciement)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoveNounRegex();

    /// <summary>"Ruoming Pang, qui pilotait l'équipe…, a quitté Apple": the person who opens the sentence, set off by an
    /// apposition, is the subject of a verb a few words after the apposition closes, when no other person stands between
    /// them and nobody is reported speaking ("Sam Altman, OpenAI's chief executive, told staff that Meta had poached…").</summary>
    private static Mention? AppositiveSubject(SentenceView s, List<Mention> people, int triggerIndex)
    {
        // The sentence's first name, a guessed one included ("Thomas Buberl, le directeur général d'Axa, quittera le groupe").
        var first = people.Count > 0 ? people[0] : null;
        if (first is null || first.Start > 3 || s.Mentions.Any(m => m.Start < first.Start)) return null;
        var close = AppositionEnd(s, first);
        if (close < 0 || close > triggerIndex || triggerIndex - close > 40) return null;
        if (SpeechRegex().IsMatch(s.Text.AsSpan(close, triggerIndex - close))) return null;
        // Other people may stand inside the apposition ("Luc Rémont, remplacé par Bernard Fontana, a quitté…"), not after it.
        return people.Any(p => p != first && p.Start >= close && p.Start < triggerIndex) ? null : first;
    }

    /// <summary>Where the apposition after a person closes ("X, a co-founder of Y, joined"): its second comma, or -1.</summary>
    private static int AppositionEnd(SentenceView s, Mention person)
    {
        if (person.End >= s.Text.Length) return -1;
        if (s.Text[person.End] == ',') return s.Text.IndexOf(',', person.End + 1);
        // "Dee Vanek — a former adviser to the mayor — is leaving": a dash opens the apposition and another closes it.
        var open = person.End < s.Text.Length - 1 && s.Text[person.End] == ' ' ? person.End + 1 : person.End;
        return s.Text[open] is '—' or '–' ? s.Text.IndexOf(s.Text[open], open + 1) : -1;
    }

    [GeneratedRegex(@"\b(?:said|says|told|tells|that|que|qu'|selon|according|a\s+d[ée]clar[ée]|a\s+indiqu[ée]|a\s+expliqu[ée]|estime|believes|thinks)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpeechRegex();

    /// <summary>The organisation right after "for"/"pour" that follows the company left ("left Apple for Meta").</summary>
    private static string? NextEmployer(SentenceView s, List<Mention> orgs, string left, int triggerEnd)
    {
        var leftMention = orgs.FirstOrDefault(m => m.Start >= triggerEnd && m.Name == left);
        if (leftMention is null) return null;
        var next = orgs.FirstOrDefault(m => m.Start > leftMention.End && m.Start - leftMention.End <= 45 && m.Name != left);
        return next is not null && ForRegex().IsMatch(s.Text.AsSpan(leftMention.End, next.Start - leftMention.End)) ? next.Name : null;
    }

    [GeneratedRegex(@"^\s*(?:de|d'|du|of)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfRegex();

    [GeneratedRegex(@"^\s*(?:,|and|et|,\s*(?:and|et))\s*(?:(?!(?:her|him|them|with|avec|par|by|to|à)\s)[\p{Ll}-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PeopleListRegex();

    /// <summary>"left Apple for Meta", "quitte Renault pour prendre la tête de Kering", "leaves X to run Y".</summary>
    [GeneratedRegex(@"^\s+(?:(?:for|pour)\s+|(?:pour|afin\s+de)\s+(?:prendre\s+(?:la\s+t[êe]te|la\s+direction|les\s+r[êe]nes|la\s+pr[ée]sidence)|diriger|rejoindre|piloter)\s+(?:de\s+|d'|du\s+)?|to\s+(?:join|lead|run|head|take\s+the\s+helm\s+at|become\s+[\p{L} -]{2,30}?\s+(?:of|at))\s+)(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForRegex();

    private enum Link { None, Trigger, OtherVerb }

    /// <summary>What ties <paramref name="org"/> to the words before it: a preposition or the trigger itself, or another move
    /// verb, which takes its own object ("joined in October after leaving the start-up").</summary>
    private static Link LinkTo(SentenceView s, int triggerStart, int triggerEnd, Mention org)
    {
        var from = Math.Max(triggerStart, org.Start - 25);
        var link = OrgPrepositionRegex().Match(s.Text, from, org.Start - from);
        if (!link.Success) return Link.None;
        return link.Index >= triggerEnd && link.Groups["verb"].Success ? Link.OtherVerb : Link.Trigger;
    }

    private static string? CompanyFor(SentenceView s, List<Mention> orgs, Match trigger, Mention? person, string change)
    {
        var triggerEnd = trigger.Index + trigger.Length;
        // "OpenAI has appointed X", "Kestrel Forge a recruté X": the hiring organisation is the subject.
        if (change is "appointed" or "joined")
        {
            // "Former Calvera executive Jane Doe joins Tessaro": a past employer before the person hires no one, nor does the
            // organisation before a person who joins of their own accord.
            var hirer = orgs.LastOrDefault(m => m.End <= trigger.Index && trigger.Index - m.End <= 30 && !s.IsComplement(m) &&
                !PastTitleBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, m.Start - 30), m.Start - Math.Max(0, m.Start - 30))));
            var ownMove = person is not null && person.End <= trigger.Index && !MovesObjectRegex().IsMatch(trigger.ValueSpan);
            if (hirer is not null && !ownMove && (person is null || hirer.End <= person.Start)) return hirer.Name;
        }
        // The organisation right after the verb or after "chez/at/from": "quitte OpenAI", "joins Anthropic". The window
        // may reach back over the verb itself, which is how "a quitté Apple pour rejoindre Meta" pairs each verb with its object.
        var after = orgs.FirstOrDefault(m => m.Start >= triggerEnd && m.Start - triggerEnd <= 50 &&
            LinkTo(s, trigger.Index, triggerEnd, m) == Link.Trigger);
        if (after is not null) return after.Name;
        if (person is null) return s.ImplicitSubject ?? Subject(s, orgs)?.Name;
        // "X, a co-founder of Thinking Machines Lab, joined in October": a company in the person's apposition is where they
        // come from, not the one they join.
        var appositionEnd = change is "appointed" or "joined" ? AppositionEnd(s, person) : -1;
        var near = orgs.Where(m => m.Kind == MentionKind.Organization && !(m.Start > person.End && m.End <= appositionEnd) &&
                (m.Start < triggerEnd || LinkTo(s, trigger.Index, triggerEnd, m) != Link.OtherVerb))
            .OrderBy(m => Math.Abs(m.Start - person.Start)).FirstOrDefault();
        if (near is not null) return near.Name;
        return person.Entity?.Company ?? s.ImplicitSubject;
    }
}

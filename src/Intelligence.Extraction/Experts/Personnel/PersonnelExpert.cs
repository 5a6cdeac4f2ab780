using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Personnel;

/// <summary>Personnel moves: left, joined, appointed, fired — "la démission de la chercheuse Zoë Hitzig",
/// "X quitte OpenAI pour rejoindre Anthropic" (two facts), "Y named X chief executive". Background ("ancien cofondateur") is not a move.</summary>
public sealed partial class PersonnelExpert : IExpert
{
    public string Name => "personnel";

    [GeneratedRegex(@"\b(?:(?<left>d[ée]mission\w*|d[ée]missionn\w*|quitt\w*|a\s+quitt[ée]|(?<!nouveau\s)(?<!new\s)(?<!fresh\s)d[ée]parts?|leaves|left|leaving|resign\w*|step(?:s|ped|ping)?\s+down|exit(?:s|ed|ing)?(?!\s+(?:the\s+)?(?:year|quarter|market|business))|mis\s+fin\s+au\s+mandat|[ée]viction|s'en\s+va|departure|depart(?:s|ed)?|prend\s+sa\s+retraite|retir(?:es|ed|ing)\b)|(?<fired>licenci[ée]\w*|limog\w*|renvoy[ée]\w*|fired|ousted|[ée]vinc[ée]\w*|sacked|dismissed|remerci[ée]\w*\s+par)|(?<joined>rejoin\w*|rejoint|joins?|joined|joining|recrut[ée]\w*|hired|hires|embauch\w*|d[ée]bauch\w*|poach\w*)|(?<appointed>nomm[ée]\w*|nomination|appoint\w*|named|promu\w*|promoted|succ[èe]de\w*|succeed(?:s|ed)?|successeur|successor|takes\s+over|took\s+over|prend\s+la\s+t[êe]te|pren(?:d|ait|dra)\s+les\s+r[êe]nes|takes?\s+the\s+helm|took\s+the\s+helm|becomes|became|will\s+become|devient|devenait|deviendra|[ée]lu\w*|elected|tapped|will\s+serve\s+as|assurera\s+l'int[ée]rim|remplac[ée]\w*|replaced\s+by|bringing\s+in|brings\s+in|brought\s+in|choisi\w*|d[ée]sign[ée]\w*))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRegex();

    [GeneratedRegex(@"\b(?:ancien(?:ne)?|former|ex-|naguère|previously|auparavant|jadis)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BackgroundRegex();

    [GeneratedRegex(@"\b(?:chez|at|de|d'|from|of|(?<verb>quitte|quitter|quitté|left|leaves|leaving|joins|joined|rejoint|rejoindre|rejoin|join)|to|à|pour)\s*(?:la\s+|le\s+|l'|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex OrgPrepositionRegex();

    public double Gate(SentenceView s)
    {
        var people = s.Mentions.Count(m => m.Kind == MentionKind.Person);
        return people == 0 ? 0 : s.MatchesOf(TriggerRegex()).Count * 0.9 + 0.1;
    }

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var people = s.People.ToList();
        if (people.Count == 0) yield break;
        var emitted = new HashSet<(string, string, string)>();
        foreach (Match trigger in s.MatchesOf(TriggerRegex()))
        {
            var change = trigger.Groups["left"].Success ? "left" : trigger.Groups["fired"].Success ? "fired" : trigger.Groups["joined"].Success ? "joined" : "appointed";
            if (Cues.IsHedged(s, trigger.Index, 40) || Cues.IsNegated(s, trigger.Index, 30)) continue;
            if (Cues.Near(BackgroundRegex(), s, trigger.Index, 25)) continue;
            var triggerEnd = trigger.Index + trigger.Length;
            // "la démission de Carlos Tavares", "the departure of X": the move noun's own complement.
            var person = people.FirstOrDefault(p => p.Start >= triggerEnd && OfRegex().IsMatch(s.Text.AsSpan(triggerEnd, p.Start - triggerEnd)))
                ?? people.Where(p => p.End <= trigger.Index && trigger.Index - p.End <= 60 && (!IsPossessive(s, p) || OwnsMoveNoun(s, p, trigger))).LastOrDefault()
                ?? people.FirstOrDefault(p => p.Start >= triggerEnd && p.Start - triggerEnd <= 60)
                ?? AppositiveSubject(s, people, trigger.Index);
            if (person is null) continue;
            var company = CompanyFor(s, trigger, person, change);
            if (company is null || !emitted.Add((person.Name, company, change))) continue;
            yield return Move(s, article, person, company, change);
            // "bringing in Windsurf CEO Varun Mohan, co-founder Douglas Chen": the people listed after the first share the move.
            var previous = person;
            foreach (var listed in people.Where(p => p.Start > person.End))
            {
                if (!PeopleListRegex().IsMatch(s.Text.AsSpan(previous.End, listed.Start - previous.End))) break;
                if (emitted.Add((listed.Name, company, change))) yield return Move(s, article, listed, company, change);
                previous = listed;
            }
            // "left Apple for Meta", "quitte Apple pour Meta": the company after "for" is the one joined.
            if (change == "left" && NextEmployer(s, company, triggerEnd) is { } next && emitted.Add((person.Name, next, "joined")))
                yield return Move(s, article, person, next, "joined");
        }
    }

    private Fact Move(SentenceView s, ArticleContext article, Mention person, string company, string change) => new()
    {
        Type = FactTypes.Personnel, Person = person.Name, Company = company, Change = change,
        Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.8, person), Expert = Name,
        Evidence = s.Evidence(article.OriginalText),
    };

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
        var first = s.Mentions.Count > 0 ? s.Mentions[0] : null;
        if (first is null || first.Kind != MentionKind.Person || first.Start > 3) return null;
        var close = AppositionEnd(s, first);
        if (close < 0 || close > triggerIndex || triggerIndex - close > 40) return null;
        if (ReportingRegex().IsMatch(s.Text.AsSpan(close, triggerIndex - close))) return null;
        return people.Any(p => p != first && p.Start < triggerIndex) ? null : first;
    }

    /// <summary>Where the apposition after a person closes ("X, a co-founder of Y, joined"): its second comma, or -1.</summary>
    private static int AppositionEnd(SentenceView s, Mention person) =>
        person.End < s.Text.Length && s.Text[person.End] == ',' ? s.Text.IndexOf(',', person.End + 1) : -1;

    [GeneratedRegex(@"\b(?:said|says|told|tells|that|que|qu'|selon|according|a\s+d[ée]clar[ée]|a\s+indiqu[ée]|a\s+expliqu[ée]|estime|believes|thinks)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportingRegex();

    /// <summary>The organisation right after "for"/"pour" that follows the company left ("left Apple for Meta").</summary>
    private static string? NextEmployer(SentenceView s, string left, int triggerEnd)
    {
        var leftMention = s.Organizations.FirstOrDefault(m => m.Start >= triggerEnd && m.Name == left);
        if (leftMention is null) return null;
        var next = s.Organizations.FirstOrDefault(m => m.Start > leftMention.End && m.Start - leftMention.End <= 12 && m.Name != left);
        return next is not null && ForRegex().IsMatch(s.Text.AsSpan(leftMention.End, next.Start - leftMention.End)) ? next.Name : null;
    }

    [GeneratedRegex(@"^\s*(?:de|d'|du|of)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfRegex();

    [GeneratedRegex(@"^\s*(?:,|and|et|,\s*(?:and|et))\s*(?:[\p{Ll}-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PeopleListRegex();

    [GeneratedRegex(@"^\s+(?:for|pour)\s+(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
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

    private static string? CompanyFor(SentenceView s, Match trigger, Mention person, string change)
    {
        var triggerEnd = trigger.Index + trigger.Length;
        // "OpenAI has appointed X", "Kestrel Forge a recruté X": the hiring organisation is the subject.
        if (change is "appointed" or "joined")
        {
            var hirer = s.NearestOrgBefore(trigger.Index, subjectsOnly: true, maxDistance: 30);
            if (hirer is not null && hirer.End <= person.Start) return hirer.Name;
        }
        // The organisation right after the verb or after "chez/at/from": "quitte OpenAI", "joins Anthropic". The window
        // may reach back over the verb itself, which is how "a quitté Apple pour rejoindre Meta" pairs each verb with its object.
        var after = s.Organizations.FirstOrDefault(m => m.Start >= triggerEnd && m.Start - triggerEnd <= 50 &&
            LinkTo(s, trigger.Index, triggerEnd, m) == Link.Trigger);
        if (after is not null) return after.Name;
        // "X, a co-founder of Thinking Machines Lab, joined in October": a company in the person's apposition is where they
        // come from, not the one they join.
        var appositionEnd = change is "appointed" or "joined" ? AppositionEnd(s, person) : -1;
        var near = s.Organizations.Where(m => m.Kind == MentionKind.Organization && !(m.Start > person.End && m.End <= appositionEnd) &&
                (m.Start < triggerEnd || LinkTo(s, trigger.Index, triggerEnd, m) != Link.OtherVerb))
            .OrderBy(m => Math.Abs(m.Start - person.Start)).FirstOrDefault();
        if (near is not null) return near.Name;
        return person.Entity?.Company ?? s.ImplicitSubject;
    }
}

using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Dispute;

/// <summary>Disputes, pairwise: "un conflit entre le Pentagone et Anthropic", "X sues Y and Z" (two facts),
/// "Y, poursuivi par X", "la plainte de X contre Y". The plaintiff comes first.</summary>
public sealed partial class DisputeExpert : IExpert
{
    public string Name => "dispute";

    private static readonly CueLexicon Lexicon = CueLexicon.Load("Intelligence.Extraction.Experts.Dispute.dispute-lexicon.json");

    /// <summary>The dispute words (<c>dispute-lexicon.json</c>'s triggers).</summary>
    private static readonly Regex TriggerWords = Lexicon.Words("triggers");

    /// <summary>A dispute word that takes the defendant as its object, then that object: "sued Globex", "a assigné Bosch en
    /// justice", "a lawsuit against Initech", "its dispute with Regeneron", "was sued by Initech" (the agent).</summary>
    private static readonly Regex ObjectAfterRegex = new(
        $@"\G(?:{Lexicon.Alternation("takesObject")})\s+(?:(?:brought|filed|initiated|intent[ée]e?|engag[ée]e?|d[ée]pos[ée]e?|proceedings|proc[ée]dures?|claims?|cases?|suits?|actions?|against|contre|with|avec|by|par|from|de\s+la\s+part\s+d[e']|à\s+l'encontre\s+d[e']|en\s+justice|in\s+court)\s*)*(?:the\s+|la\s+|le\s+|l')?(?=\p{{Lu}})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    internal static Regex Trigger => TriggerWords;

    private static readonly Regex SoftTrigger = new($@"^(?:{Lexicon.Alternation("softTriggers")})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>"to avoid trademark conflicts with X": a dispute avoided is none.</summary>
    private static readonly Regex NotDisputeRegex = new($@"\b(?:{Lexicon.Alternation("notDispute")})\b(?:\s+\S+){{0,3}}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b(?:entre|between)\s+(?<a>.{1,80}?)\s+(?:et|and)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BetweenRegex();

    [GeneratedRegex(@"\b(?:poursuivi\w*|attaqu[ée]e?s?|sued|accus[ée]e?s?|accused|vis[ée]e?s?|targeted|menac[ée]e?s?|threatened|brought|filed|lodged|intent[ée]e?s?|engag[ée]e?s?)\s+(?:en\s+justice\s+)?(?:par|by)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassiveByRegex();

    [GeneratedRegex(@"\G[^.;:]*?\b(?:against|contre|à\s+l'encontre\s+d[e'])\s*(?:the\s+|la\s+|le\s+|l')?(?=\p{Lu})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgainstNameRegex();

    [GeneratedRegex(@"\b(?:brought|filed|lodged|intent[ée]e?s?|engag[ée]e?s?)\s+(?:par|by)\s*(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FiledByRegex();

    [GeneratedRegex(@"\b(?:porte\s+sur|portait\s+sur|concerne|over|about|concerning|regarding|au\s+sujet\s+d[e']|sur|li[ée]e?\s+à|for|pour)\s+(?<subject>[^.;:!?]{8,120})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectRegex();

    [GeneratedRegex(@"^\s*(?:,|et|and|&|,\s*(?:et|and))\s*(?:l'|la\s+|le\s+|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListJoinRegex();

    public double Gate(SentenceView s)
    {
        // A sentence with no known organisation still goes to the expert on a dispute word: its parties may be guessed.
        var orgs = s.DistinctOrganizationCount();
        return (s.MatchesOf(TriggerWords).Count + s.MatchesOf(FineRegex()).Count) * (orgs >= 2 ? 1.0 : 0.5);
    }

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var emitted = new HashSet<(string, string)>();
        // A regulator's fine or sanction is a dispute between the regulator and each company it fines.
        foreach (var (regulator, company, fine) in Fines(s, article))
        {
            if (!emitted.Add(Pair(regulator, company.Name))) continue;
            yield return new Fact
            {
                Type = FactTypes.Dispute, Parties = [regulator, company.Name], Subject = SubjectOf(s, fine),
                Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.8, company), Expert = Name,
                Evidence = s.Evidence(article.OriginalText),
            };
        }
        // A settlement with authorities ends a dispute between each of them and the company that settles.
        foreach (var (authority, company, settlement) in Settlements(s))
        {
            if (!emitted.Add(Pair(authority, company))) continue;
            yield return new Fact
            {
                Type = FactTypes.Dispute, Parties = [authority, company], Subject = SubjectOf(s, settlement),
                Date = s.FirstDate?.Iso, Confidence = 0.6, Expert = Name, Evidence = s.Evidence(article.OriginalText),
            };
        }
        foreach (Match trigger in s.MatchesOf(TriggerWords))
        {
            if (Cues.IsNegated(s, trigger.Index, 30) || Cues.IsHedged(s, trigger.Index, 50)) continue;
            if (NotDisputeRegex.IsMatch(s.Text.AsSpan(Math.Max(0, trigger.Index - 40), Math.Min(40, trigger.Index)))) continue;
            // "Velmora faces a lawsuit from Orbis": the subject is the defendant, the party after "from" the plaintiff.
            var soft = SoftTrigger.IsMatch(trigger.Value);
            var faces = FacesRegex().IsMatch(s.Text.AsSpan(Math.Max(0, trigger.Index - 30), Math.Min(30, trigger.Index)));
            foreach (var (first, second) in Pairs(s, trigger, article))
            {
                var (plaintiff, defendant) = faces ? (second, first) : (first, second);
                if (plaintiff.Name == defendant.Name) continue;
                // "the conflict in the Middle East", "a feud between two rappers": a word that names any conflict needs a
                // party the entity table knows.
                if (soft && plaintiff.Source == MentionSource.Guess && defendant.Source == MentionSource.Guess) continue;
                if (!emitted.Add(Pair(plaintiff.Name, defendant.Name))) continue;
                yield return new Fact
                {
                    Type = FactTypes.Dispute, Parties = [plaintiff.Name, defendant.Name], Subject = SubjectOf(s, trigger),
                    Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.8, plaintiff, defendant), Expert = Name,
                    Evidence = s.Evidence(article.OriginalText),
                };
            }
        }
    }

    /// <summary>A pair of parties in either order: a suit and its counter-suit, or a fine read twice, are one dispute.</summary>
    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    /// <summary>"Apple a été condamné à une amende de 150 millions d'euros, a annoncé l'Autorité de la concurrence",
    /// "X, Y et Z s'étaient vu infliger 470 millions d'euros d'amendes", "the FTC fined X and Y": the regulator named in the
    /// sentence (or, for a passive fine with none named, the article's salient organisation) against each company.</summary>
    private static IEnumerable<(string Regulator, Mention Company, Match Fine)> Fines(SentenceView s, ArticleContext article)
    {
        var fine = FineRegex().Match(s.Text);
        if (!fine.Success || Cues.IsHedged(s, fine.Index, 50) || Cues.IsNegated(s, fine.Index, 30)) yield break;
        var orgs = Parties(s);
        // "fined Velmora €20 million", "une amende de 20 millions d'euros à Velmora": the company fined is the fine's object,
        // known or not.
        if (FinedObjectRegex().Match(s.Text) is { Success: true } fined && Guess(s, fined.Index + fined.Length, article) is { } guessed)
        {
            orgs.Add(guessed);
            orgs.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
        var regulator = orgs.FirstOrDefault(IsRegulator)?.Name
            ?? (PassiveFineRegex().IsMatch(s.Text) && s.ImplicitSubject is { } salient ? salient : null);
        if (regulator is null) yield break;
        foreach (var company in orgs)
            if (company.Name != regulator && !IsRegulator(company)) yield return (regulator, company, fine);
    }

    /// <summary>"The settlements were reached with the Justice Department, the EPA and the FTC", "the unit settled charges
    /// with the SEC": each authority named after "with" and the company that settles (the subject, else the one the article
    /// is about).</summary>
    private static IEnumerable<(string Authority, string Company, Match Settlement)> Settlements(SentenceView s)
    {
        var settlement = SettlementWithRegex().Match(s.Text);
        if (!settlement.Success || Cues.IsHedged(s, settlement.Index, 50) || Cues.IsNegated(s, settlement.Index, 30)) yield break;
        var withEnd = settlement.Index + settlement.Length;
        var company = s.Organizations.LastOrDefault(m => m.End <= settlement.Index && !IsRegulator(m) && !s.IsComplement(m))?.Name ?? s.ImplicitSubject;
        if (company is null) yield break;
        foreach (var m in s.Organizations)
            if (m.Start >= withEnd && m.Entity?.Kind == EntityKind.Agency && m.Name != company) yield return (m.Name, company, settlement);
    }

    [GeneratedRegex(@"\b(?:settle(?:s|d)?\b[^.;]{0,60}?|settlements?\s+(?:were\s+|was\s+)?(?:reached\s+|agreed\s+|struck\s+)?)with\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SettlementWithRegex();

    private static bool IsRegulator(Mention m) =>
        m.Entity?.Kind == EntityKind.Agency || RegulatorNameRegex().IsMatch(m.Name);

    [GeneratedRegex(@"\b(?:amendes?|fined|fines?|sanctionn\w*|sanctions?|condamn\w*|inflig\w*|penali[sz]\w*|penalt(?:y|ies)|p[ée]nalit[ée]s?|[ée]cop\w*|ordered\s+to\s+pay)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FineRegex();

    [GeneratedRegex(@"\b(?:fined|penali[sz]ed|sanctioned|sanctionn[ée]e?s?|(?:amendes?|p[ée]nalit[ée]s?|sanctions?)\s+(?:de\s+(?:[^,;:.]|[,.](?=\d)){1,40}?\s+)?(?:à|a|on|against|contre)|(?:fines?|penalt(?:y|ies))\s+(?:of\s+[^,;:]{1,40}?\s+)?(?:on|against))\s+(?:the\s+|la\s+|le\s+|l')?(?=\p{Lu})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FinedObjectRegex();

    [GeneratedRegex(@"\b(?:a\s+[ée]t[ée]\s+(?:condamn|sanctionn)\w*|ont\s+[ée]t[ée]\s+(?:condamn|sanctionn)\w*|s'(?:est|[ée]taient|[ée]tait|sont)\s+vus?\s+infliger|[ée]cop\w*|(?:was|were|has\s+been|have\s+been)\s+(?:fined|penali[sz]ed|sanctioned|ordered\s+to\s+pay))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassiveFineRegex();

    [GeneratedRegex(@"\b(?:Autorit[ée]|Authority|Commission|Agency|Agence|Regulator|R[ée]gulateur|Minist(?:ry|[èe]re)|Department|D[ée]partement|Office|Bureau|CNIL|Arcep|AMF|SEC|FTC|DOJ|CMA)\b")]
    private static partial Regex RegulatorNameRegex();

    private static IEnumerable<(Mention, Mention)> Pairs(SentenceView s, Match trigger, ArticleContext article)
    {
        var parties = Parties(s, trigger, article);
        // "un conflit entre X et Y": "between" right after the dispute word ("sues to block a merger between X and Y" is no
        // dispute between X and Y).
        foreach (Match between in BetweenRegex().Matches(s.Text))
        {
            // "un conflit séparé qui s'intensifie entre X et Y" reaches further, but not over the deal the dispute is about.
            var gap = between.Index - (trigger.Index + trigger.Length);
            if (between.Index < trigger.Index + trigger.Length || gap > 30 ||
                (gap > 12 && DealWordRegex().IsMatch(s.Text.AsSpan(trigger.Index + trigger.Length, gap)))) continue;
            var a = parties.FirstOrDefault(m => m.Start >= between.Index && m.End <= between.Index + between.Length);
            var b = parties.FirstOrDefault(m => m.Start >= between.Index + between.Length && m.Start - (between.Index + between.Length) <= 40);
            if (a is not null && b is not null) { yield return (a, b); yield break; }
        }
        // "le litige qui oppose Velmora à Orbelle", "a case that pits X against Y".
        if (OpposesRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } opposes)
        {
            var a = parties.FirstOrDefault(m => m.Start == opposes.Groups["a"].Index);
            var b = a is null ? null : parties.FirstOrDefault(m => m.Start > a.End && m.Start - a.End <= 45 &&
                VersusGapRegex().IsMatch(s.Text.AsSpan(a.End, m.Start - a.End)));
            if (a is not null && b is not null) { yield return (a, b); yield break; }
        }
        // "Y, poursuivi par X"
        var by = parties.FirstOrDefault(m => m.Start > trigger.Index && m.Start - trigger.Index < 50 &&
            PassiveByRegex().IsMatch(s.Text[Math.Max(0, m.Start - 50)..m.Start]));
        // "the suit filed by X against Y": the party after "against" is the defendant, read below.
        if (by is not null && !(AgainstRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } byAgainst && byAgainst.Index > by.Start))
        {
            var victim = parties.LastOrDefault(m => m.End <= trigger.Index);
            if (victim is not null) { yield return (by, victim); yield break; }
            // "The lawsuit, filed by Quorvia…, accuses Tallis": the defendant comes later, read below.
            if (!FiledByRegex().IsMatch(s.Text.AsSpan(Math.Max(0, by.Start - 30), by.Start - Math.Max(0, by.Start - 30)))) yield break;
        }
        // "le tribunal a condamné X à verser 10 millions à Y", "X was ordered to pay Y": the party paid is the plaintiff.
        var paid = PayToRegex().Match(s.Text, trigger.Index);
        if (paid.Success && paid.Index - trigger.Index < 60)
        {
            var payee = parties.FirstOrDefault(m => m.Start >= paid.Index + paid.Length && m.Start - paid.Index - paid.Length <= 60 &&
                ToRegex().IsMatch(s.Text.AsSpan(Math.Max(paid.Index, m.Start - 12), m.Start - Math.Max(paid.Index, m.Start - 12))));
            // "ordered Calvera to pay": the payer may stand inside the dispute words.
            var payer = parties.FirstOrDefault(m => m.Start > trigger.Index && m.End <= paid.Index)
                ?? parties.LastOrDefault(m => m.End <= trigger.Index && !s.IsComplement(m));
            if (payee is not null && payer is not null && payee.Name != payer.Name) { yield return (payee, payer); yield break; }
        }
        // "X sues Y and Z", "la plainte de X contre Y"
        var person = s.People.LastOrDefault(p => p.End <= trigger.Index && trigger.Index - p.End <= 25 && p.Entity is not null && !s.IsComplement(p));
        // "an investigation by the FTC into X", "la plainte de X contre Y": the plaintiff named after the dispute word.
        var named = AgainstRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } against && against.Index - trigger.Index < 90
            ? parties.FirstOrDefault(m => m.Start > trigger.Index + trigger.Length && m.End <= against.Index &&
                ByOfRegex().IsMatch(s.Text.AsSpan(Math.Max(trigger.Index, m.Start - 12), m.Start - Math.Max(trigger.Index, m.Start - 12))) &&
                // "une plainte auprès de la CNIL contre X": the forum a complaint is filed with is not its author.
                !ForumBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(trigger.Index, m.Start - 20), m.Start - Math.Max(trigger.Index, m.Start - 20))))
            : null;
        // "a lawsuit brought by Inkwell Guild, a collective that accuses X": a relative clause's subject is its antecedent.
        var antecedent = RelativeBeforeRegex().IsMatch(s.Text.AsSpan(0, trigger.Index))
            ? parties.LastOrDefault(m => m.End <= trigger.Index && trigger.Index - m.End <= 60) : null;
        // A verb that takes the defendant as its object ("accuses X", "sued X") never has the plaintiff right after it
        // ("le litige oppose Vivendi à Mediaset" does).
        var takesObject = ObjectVerb.IsMatch(trigger.Value);
        var plaintiff = person ?? named ?? antecedent ?? parties.LastOrDefault(m => m.End <= trigger.Index && !s.IsComplement(m)) ?? parties.LastOrDefault(m => m.End <= trigger.Index && trigger.Index - m.End <= 60)
            ?? (takesObject ? null : parties.FirstOrDefault(m => m.Start > trigger.Index && m.Start - trigger.Index - trigger.Length < 12));
        if (plaintiff is null) yield break;
        var defendants = parties.Where(m => m.Start > Math.Max(trigger.Index, plaintiff.End) && m.Name != plaintiff.Name &&
            m.Start - trigger.Index < 110).ToList();
        // "a complaint with the European Commission against Microsoft": the party after "against" is the defendant, not
        // the forum the complaint is filed with.
        if (AgainstRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } versus && versus.Index - trigger.Index < 90 &&
            defendants.FirstOrDefault(m => m.Start >= versus.Index + versus.Length && m.Start - versus.Index - versus.Length <= 12) is { } defendant)
            defendants = defendants.Where(m => m.Start >= defendant.Start).ToList();
        // "Sanofi et Pfizer sont en litige", "Boeing and Embraer went to arbitration": two parties joined before the word.
        if (defendants.Count == 0 && parties.LastOrDefault(m => m.End <= plaintiff.Start) is { } first &&
            ListJoinRegex().IsMatch(s.Text[first.End..plaintiff.Start]) && first.Name != plaintiff.Name &&
            CoPartiesGapRegex().IsMatch(s.Text.AsSpan(plaintiff.End, trigger.Index - plaintiff.End)))
        {
            yield return (first, plaintiff);
            yield break;
        }
        // Keep the first defendant and those listed right after it ("Y et Z", "Y, Z and W").
        var last = -1;
        foreach (var d in defendants)
        {
            if (last >= 0 && !ListJoinRegex().IsMatch(s.Text[last..d.Start]) && !DealGapRegex().IsMatch(s.Text[last..d.Start])) break;
            yield return (plaintiff, d);
            last = d.End;
        }
    }

    [GeneratedRegex(@"\G\s+(?:(?:its|their|son|sa|ses|leur)\s+)?(?:(?!(?:over|for|in|on|at|after|before|to|from|with|de|du|des|pour|en|sur|avec|and|et|or|ou|the|la|le|les|a|an|un|une|said|says|that|qui|que|which)\b)\p{Ll}[\p{Ll}-]+\s+){1,3}(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex DescribedObjectRegex();

    [GeneratedRegex(@"^(?:t(?:ook|akes?|aking|aken)|tra[îi]n\w*|attaqu\w*|ordered|challeng\w*)\s+(?=\p{Lu})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ObjectInsideRegex();

    [GeneratedRegex(@"\b(?:faces?|facing|faced|fait\s+face\s+à|hit\s+with|vis[ée]e?\s+par|cibl[ée]e?\s+par)\s+(?:(?:a|an|the|new|fresh|another|une?|des|nouvelles?|the\s+first)\s+)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FacesRegex();

    [GeneratedRegex(@"\b(?:that|which|who|qui)\s+(?:\p{Ll}+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeBeforeRegex();

    private static readonly Regex TakesObject = new($@"^(?:{Lexicon.Alternation("takesObject")})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex ObjectVerb = new($@"^(?:{Lexicon.Alternation("objectVerbs")})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>What stands between two parties and the dispute word they share: "sont en", "are locked in a", "went to".</summary>
    [GeneratedRegex(@"^(?:\s+(?:sont|are|were|étaient|remain|restent|locked|engaged|engagés|also|toujours|still|have|ont|been|went|se|to|in|en|a|an|the|un|une|le|la|legal|juridique|long-running|bitter|ongoing))*\s*$|^(?:\s+(?:have|has|had|are|were|is|been|remain\w*|sont|ont|été|restent))*\s+(?:locked|engaged|embroiled|entangled|engag[ée]e?s|empêtr[ée]e?s)\s+(?:in|dans)(?:\s+(?:a|an|the|un|une|le|la))?(?:\s+[\p{Ll}-]+){0,3}\s*$|^(?:\s+[\p{Ll}'’-]+){0,10}?\s+(?:their|leur|leurs)(?:\s+[\p{Ll}-]+){0,3}\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CoPartiesGapRegex();

    /// <summary>Names the entity table does not know, read from where the dispute word puts its parties: its object
    /// ("Acme sued Globex", "a lawsuit against Initech", "sued by Initech") and its subject right before it ("Initech
    /// sued", "Globex a assigné"). A guessed name is a capitalised run that is not a stop word, a month or a known mention.</summary>
    private static void GuessPartiesAround(SentenceView s, Match trigger, List<Mention> parties, ArticleContext article)
    {
        // A known organisation close by is the party itself ("sued Seattle-based Getty Images", "sued Chinese rival BYD"):
        // the capitalised words before it are no name.
        var obj = ObjectAfterRegex.Match(s.Text, trigger.Index);
        if (obj.Success && !s.Organizations.Any(m => m.Start >= obj.Index + obj.Length && m.Start - obj.Index - obj.Length <= 30 &&
                !ListSeparatorRegex().IsMatch(s.Text.AsSpan(obj.Index + obj.Length, m.Start - obj.Index - obj.Length))) &&
            Guess(s, obj.Index + obj.Length, article) is { } after) parties.Add(after);
        // "sued streaming platform Lyriq", "a assigné son partenaire Orbelle": a verb's object after a descriptor of up to three words.
        else if (ObjectVerb.IsMatch(trigger.Value) && DescribedObjectRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } described &&
            Guess(s, described.Index + described.Length, article) is { } objectGuess) parties.Add(objectGuess);
        // "a complaint with the European Commission against Tessaro": the defendant named after "against", past the forum.
        else if (TakesObject.IsMatch(trigger.Value) && AgainstNameRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } against && against.Index - trigger.Index < 90)
            AddGuess(s, against.Index + against.Length, parties, article);
        // "has taken Velmora to arbitration", "a traîné Velmora devant les tribunaux": the defendant stands inside the words.
        if (ObjectInsideRegex().Match(trigger.Value) is { Success: true } inside &&
            !s.Organizations.Any(m => m.Start == trigger.Index + inside.Length) &&
            Guess(s, trigger.Index + inside.Length, article) is { } within) parties.Add(within);
        // "The lawsuit, filed by Quorvia…", "poursuivi par Orbelle", "brought by X": the agent of a participle after the word.
        if (AgentAfterRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } agent)
            AddGuess(s, agent.Index + agent.Length, parties, article);
        // "une plainte de l'UFC-Que Choisir", "a complaint by Orbelle": the plaintiff right after a dispute noun.
        if (NounAgentRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } nounAgent)
            AddGuess(s, nounAgent.Index + nounAgent.Length, parties, article);
        // "le litige qui oppose Velmora à Orbelle", "pits X against Y": both sides after the verb.
        if (OpposesRegex().Match(s.Text, trigger.Index + trigger.Length) is { Success: true } opposes)
        {
            AddGuess(s, opposes.Groups["a"].Index, parties, article);
            if (NameGuesser.CapitalisedSpanAt(s.Text, opposes.Groups["a"].Index) is var (_, aEnd, _) &&
                VersusRegex().Match(s.Text, aEnd) is { Success: true } versus) AddGuess(s, versus.Index + versus.Length, parties, article);
        }
        // "condamné à verser 30 millions d'euros à Orbelle", "ordered to pay $50 million to X": the party paid.
        if (PayeeRegex().Match(s.Text, trigger.Index) is { Success: true } payee && payee.Index - trigger.Index < 60)
            AddGuess(s, payee.Index + payee.Length, parties, article);
        // "Tessaro's acquisition of Lumen Apparel", "le rachat de Kelvane par Dorsia": both sides of the deal a regulator
        // challenges.
        foreach (Match deal in DealPartiesRegex().Matches(s.Text, trigger.Index))
        {
            if (deal.Index - trigger.Index > 80) break;
            foreach (var g in new[] { deal.Groups["buyer"], deal.Groups["target"], deal.Groups["agent"] })
                if (g.Success) AddGuess(s, g.Index, parties, article);
        }
        // "Drugmaker Solvane filed a patent infringement lawsuit against…", "Solvane and Meditrex have settled their
        // dispute": the names that open the clause, then only lower-case words up to the dispute word.
        if (ClauseSubjectsRegex().Match(s.Text[..trigger.Index]) is { Success: true } opening)
            foreach (Capture c in opening.Groups["name"].Captures)
                AddGuess(s, c.Index, parties, article);
        var subject = SubjectBeforeRegex().Match(s.Text[..trigger.Index]);
        if (subject.Success && !s.Organizations.Any(m => m.End <= trigger.Index && trigger.Index - m.End <= 30 &&
                !ListSeparatorRegex().IsMatch(s.Text.AsSpan(m.End, trigger.Index - m.End))) &&
            Guess(s, subject.Groups["name"].Index, article) is { } before &&
            before.End == subject.Groups["name"].Index + subject.Groups["name"].Length)
            parties.Add(before);
    }

    /// <summary>"Tessaro's $8.5 billion acquisition of Lumen", "le rachat de Kelvane par Dorsia": the other side of the deal
    /// a regulator challenges is a defendant too.</summary>
    [GeneratedRegex(@"^(?:['’]s\s+(?:[^\s,;]+\s+){0,4}?(?:acquisition|takeover|purchase|merger|buyout)\s+(?:of|with)\s+(?:the\s+)?|\s+(?:by|par)\s+(?:la\s+|le\s+|l'|the\s+)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DealGapRegex();

    [GeneratedRegex(@"^\s+(?:à|au|aux|against|to|and|et)\s+(?:la\s+|le\s+|l'|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersusGapRegex();

    private static void AddGuess(SentenceView s, int position, List<Mention> parties, ArticleContext article)
    {
        if (SlotNames.OrganizationAt(s, position, s.People) is not { } org || NotPartyRegex.IsMatch(org.Name)) return;
        if (parties.Any(m => m.Start < org.End && org.Start < m.End)) return;
        var full = org.Source == MentionSource.Guess ? article.OrganizationNames.FirstOrDefault(o => o.StartsWith(org.Name + " ", StringComparison.Ordinal)) : null;
        parties.Add(full is null ? org : org with { Name = full });
    }

    /// <summary>"Analysts", "Shareholders": plural common nouns that open a sentence are no party.</summary>
    private static readonly Regex NotPartyRegex = new($@"^(?:{Lexicon.Alternation("notParties")})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\G(?:\s*,)?(?:\s+\p{Ll}[\p{Ll}'’-]*){0,3}?\s+(?:filed|brought|initiated|lodged|launched|opened|engag[ée]e?s?|intent[ée]e?s?|d[ée]pos[ée]e?s?|ouverte?s?|lanc[ée]e?s?|poursuivie?s?|attaqu[ée]e?s?|sued|condamn[ée]e?s?|vis[ée]e?s?|accus[ée]e?s?|assign[ée]e?s?)\s+(?:\p{Ll}+\s+){0,2}?(?:by|par)\s+(?:the\s+|la\s+|le\s+|l')?(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex AgentAfterRegex();

    [GeneratedRegex(@"\G\s+(?:de\s+la\s+part\s+d[e']\s*|de\s+|d'|du\s+|by\s+|from\s+)(?:la\s+|le\s+|l'|the\s+)?(?=\p{Lu})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NounAgentRegex();

    [GeneratedRegex(@"\G\s+(?:qui\s+|which\s+|that\s+)?(?:oppos(?:e|ait|ent|aient)|pits|pitted|pitting)\s+(?:la\s+|le\s+|l'|the\s+)?(?<a>\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex OpposesRegex();

    [GeneratedRegex(@"\G[\p{L}\d&.' -]{0,40}?\s+(?:à|au|aux|against|to)\s+(?:la\s+|le\s+|l'|the\s+)?(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex VersusRegex();

    [GeneratedRegex(@"\b(?:verser|payer|rembourser|pay|repay)\s+(?:[^;:.]|[.,](?=\d)){0,50}?\s+(?:à|to)\s+(?:l'|la\s+|le\s+|the\s+)?(?=\p{Lu})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PayeeRegex();

    [GeneratedRegex(@"(?:(?<buyer>\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})['’]s\s+(?:[^\s,;]+\s+){0,4}?(?:acquisition|takeover|purchase|merger|buyout)\s+(?:of|with)\s+(?:the\s+)?(?<target>\p{Lu})|\b(?:acquisition|takeover|purchase|merger|buyout|rachat|acquisition|fusion|reprise)\s+(?:of|de|d'|du)\s+(?:la\s+|le\s+|l'|the\s+)?(?<target>\p{Lu})[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2}\s+(?:by|par)\s+(?:la\s+|le\s+|l'|the\s+)?(?<agent>\p{Lu}))", RegexOptions.CultureInvariant)]
    private static partial Regex DealPartiesRegex();

    /// <summary>The names that open a clause (after an opening adverbial of a few words), listed or alone, then only lower-case
    /// words up to the end: "Drugmaker Solvane filed a patent infringement", "Solvane and Meditrex have settled their".</summary>
    [GeneratedRegex(@"(?:^|^[^,]{1,40},\s+)(?:(?:the|la|le|l')\s*)?(?<name>\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,3})(?:(?:\s*,\s*|\s+(?:and|et|&)\s+)(?:(?:the|la|le|l')\s*)?(?<name>\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,3}))*(?:\s+(?:\p{Ll}[\p{Ll}'’-]*|[$€£]?\d[\d.,]*)){1,10}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseSubjectsRegex();

    /// <summary>"Velmont, Quillary Labs and…": a list separator between a guess and a known name keeps both.</summary>
    [GeneratedRegex(@",|\b(?:and|et)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparatorRegex();

    private static Mention? Guess(SentenceView s, int position, ArticleContext article)
    {
        if (NameGuesser.CapitalisedSpanAt(s.Text, position) is not var (start, end, name)) return null;
        foreach (var m in s.Mentions)
            if (m.Start < end && start < m.End) return null;
        if (name.Length < 2 || (name.Length > 6 && name.All(c => char.IsUpper(c) || !char.IsLetter(c))) || NotPartyRegex.IsMatch(name)) return null;
        // "Getty accused Stability of…": a short form of an organisation the article names elsewhere is that organisation.
        var full = article.OrganizationNames.FirstOrDefault(o => o.StartsWith(name + " ", StringComparison.Ordinal));
        return new Mention(start, end, full ?? name, MentionKind.Organization, MentionSource.Guess);
    }

    /// <summary>A capitalised name, then only auxiliaries and adverbs before the dispute word: "Initech has sued", "Globex a".</summary>
    [GeneratedRegex(@"(?:^|[\s,(])(?<name>\p{Lu}[\p{L}\d&'’.-]*(?:\s+\p{Lu}[\p{L}\d&'’.-]*){0,2})(?:\s+(?:has|have|had|is|are|was|also|then|on\s+\p{L}+day|a|an|ont|aussi|également|filed|a\s+porté|porte|a\s+déposé|dépose|faces?|facing|fait\s+face\s+à|une?|now|new))*\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectBeforeRegex();

    [GeneratedRegex(@"\b(?:merger|fusion|deal|accord|rachat|acquisition|takeover|block\w*|bloqu\w*|emp[êe]ch\w*|prevent\w*|stop\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DealWordRegex();

    [GeneratedRegex(@"\b(?:verser|payer|rembourser|indemniser|pay|repay|compensate)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PayToRegex();

    [GeneratedRegex(@"\b(?:à|to)\s+(?:l'|la\s+|le\s+|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToRegex();

    /// <summary>The organisations of the sentence, and the names listed with one of them that the mention finder did not
    /// know ("Schneider Electric, Legrand, Rexel et Sonepar", "Pfizer and BioNTech"): a list of parties is a list of
    /// organisations.</summary>
    private static List<Mention> Parties(SentenceView s, Match? trigger = null, ArticleContext? article = null)
    {
        // "Unsurprisingly, the company sued…": a sentence-opening adverb is no party, nor is "the company" read as it.
        var adverb = s.Mentions.FirstOrDefault(m => IsOpeningAdverb(s, m))?.Name;
        var parties = s.Organizations.Where(m => m.Kind == MentionKind.Organization && m.Name != adverb && !NotPartyRegex.IsMatch(m.Name)).ToList();
        // Names guessed around the dispute word come first, so that the names listed after them are read too.
        if (trigger is not null && article is not null) GuessPartiesAround(s, trigger, parties, article);
        for (var i = 0; i < parties.Count; i++)
        {
            var listed = ListedNameRegex().Match(s.Text, parties[i].End);
            if (!listed.Success) continue;
            var name = listed.Groups["name"];
            if (NameGuesser.Stop.Contains(name.Value.Split(' ')[0])) continue;
            var (start, end) = (name.Index, name.Index + name.Length);
            if (s.Mentions.Any(m => m.Start < end && start < m.End && m.Kind != MentionKind.Product)) continue;
            parties.Add(new Mention(start, end, name.Value, MentionKind.Organization, MentionSource.Guess));
        }
        parties.Sort((a, b) => a.Start.CompareTo(b.Start));
        return parties;
    }

    private static bool IsOpeningAdverb(SentenceView s, Mention m) =>
        m.Start <= 1 && m.End < s.Text.Length && s.Text[m.End] == ',' && !m.Name.Contains(' ') &&
        (m.Name.EndsWith("ly", StringComparison.Ordinal) || m.Name.EndsWith("ment", StringComparison.Ordinal));

    [GeneratedRegex(@"\G(?:\s*,\s*(?:et\s+|and\s+)?|\s+(?:et|and|&)\s+)(?<name>\p{Lu}[\p{L}\d&'’.-]*(?:\s+(?!(?:Over|For|In|On|Against|After|With|Of|To|At|By|From|Sur|Pour|Contre|Après|Avec|Dans)\b)\p{Lu}[\p{L}\d&'’.-]*){0,2})(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex ListedNameRegex();

    [GeneratedRegex(@"\b(?:against|contre|into|visant|targeting|à\s+l'encontre\s+d[e'])\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgainstRegex();

    [GeneratedRegex(@"\b(?:auprès\s+d[eu']|devant|with|before)\s*(?:la\s+|le\s+|l'|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForumBeforeRegex();

    [GeneratedRegex(@"\b(?:by|of|de|du|d'|par)\s+(?:la\s+|le\s+|l'|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByOfRegex();

    private static string? SubjectOf(SentenceView s, Match trigger)
    {
        var m = SubjectRegex().Match(s.Text, trigger.Index);
        if (m.Success && m.Index - trigger.Index < 120) return m.Groups["subject"].Value.Trim().TrimEnd(',', ' ');
        return null;
    }
}

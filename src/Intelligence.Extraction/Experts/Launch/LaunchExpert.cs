using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Launch;

/// <summary>Launches of named products, models, chips, vehicles and launchers: "Microsoft a dévoilé la Maia 200", "le
/// lancement de MAI-1-preview", "X unveiled GPT-5", "Tesla handed over its first Cybertruck", "DeepSeek-R1, released last
/// week". The product is a known or guessed product, or else the name that is the launch word's direct object (only
/// determiners and adjectives between them) or its subject ("Mistral Large est disponible"). Someone else's product named
/// nearby (a rival's GPU) is not the launch. The cue words are in <c>launch-lexicon.json</c>.</summary>
public sealed partial class LaunchExpert : IExpert
{
    public string Name => "launch";

    private static readonly CueLexicon Lexicon = CueLexicon.Load("Intelligence.Extraction.Experts.Launch.launch-lexicon.json");
    private static readonly Regex TriggerRegex = Lexicon.Words("triggers");
    private static readonly Regex NotYetRegex = Lexicon.Words("notYet");
    private static readonly Regex KindRegex = Lexicon.Groups("chip", "model", "vehicle", "launcher", "product");
    private static readonly Regex NewMarkerRegex = Lexicon.Words("newMarker");
    private static readonly Regex SinceRegex = new($@"\b(?:{Lexicon.Alternation("since")})\b(?!.*[,;])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex AgoRegex = Lexicon.Words("ago");
    /// <summary>Time and place phrases between a launch verb and its object ("a lancé mardi en France Lunava"), matched as
    /// written: a place is capitalised.</summary>
    private static readonly Regex AdverbialsRegex = new($@"\G(?:\s*,?\s*(?:{Lexicon.Alternation("adverbials")})(?![\p{{L}}\d]))+", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly HashSet<string> NotObjects = new(Lexicon.Alternation("notObjects").Split('|'), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*(?:,|and|et|&|or|ou|,\s*(?:and|et|or|ou))\s*(?:the\s+|la\s+|le\s+|les\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListJoinRegex();

    /// <summary>A date or a period is no product ("the end of Q2", "on February 19").</summary>
    [GeneratedRegex(@"^(?:Q[1-4]|T[1-4]|H[12]|S[12]|FY\s?\d{2,4}|(?:19|20)\d{2}|(?:January|February|March|April|May|June|July|August|September|October|November|December|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)(?:\s+\d{1,4})*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodName();

    /// <summary>"conçu par sa société xAI", "built by the start-up Mistral AI", "by Google".</summary>
    [GeneratedRegex(@"\b(?:par|by)\s+(?:[\p{Ll}'’-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ByRegex();

    /// <summary>A product name: a capitalised word, then up to three capitalised words, numbers or version words
    /// ("Grok 3", "Mistral Large", "Llama 4 Maverick", "5 E-Tech").</summary>
    [GeneratedRegex(@"\G(?<name>(?:\p{Lu}|\d|\p{Ll}(?=\p{Lu}))[\p{L}\d+.’'-]*(?:[ \u00A0](?:\p{Lu}[\p{L}\d+.-]*|\d[\w.+]*)){0,3})(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex NameAtRegex();

    /// <summary>The words between a launch word and its object: determiners, adjectives, acronyms, an apposition comma,
    /// an opening quote ("a dévoilé lundi la", "unveiled its next line of AI chips,", "a annoncé «").</summary>
    // Atomic runs: a run of spaces or of lower-case letters is taken whole, so a gap that fails is not re-split (which is
    // exponential in its length); no alternative can continue a run the one before it took.
    [GeneratedRegex(@"^(?>[\s,]+|[\p{Ll}'’-]+|AI|IA|GPU|LLM|[«“""])*$", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectGapRegex();

    /// <summary>What may stand between a product and the launch word after it: "DeepSeek-R1, released", "the DeepSeek-V3
    /// model, launched", "Mistral Large est disponible", "Trainium2 … is now generally available", "the Volta 4 scooters
    /// arrived" (any product word of the lexicon's kinds).</summary>
    private static readonly Regex SubjectGap = new(
        $@"^(?:\s*,)?(?:\s+(?:{Lexicon.Alternation("chip")}|{Lexicon.Alternation("model")}|{Lexicon.Alternation("vehicle")}|{Lexicon.Alternation("launcher")}|{Lexicon.Alternation("product")}|is|est|sont|are|was|were|has\s+been|have\s+been|a\s+été|ont\s+été|now|désormais|d[ée]j[àa]|officially|officiellement|first|d'abord|»|”))*\s*,?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>A stem of every launch word (<c>launch-lexicon.json</c>'s triggers): a sentence with none is no launch, and
    /// the trigger regex need not run. ASCII stems keep the search vectorized: "lanç" is looked for by its "ç".</summary>
    private static readonly System.Buffers.SearchValues<string> TriggerStems = System.Buffers.SearchValues.Create(
        ["lanc", "launch", "voil", "unveil", "releas", "sent", "nnonc", "nnounc", "sorti", "ploi", "ploy", "introdu", "but",
         "commercialis", "vente", "service", "disponib", "availab", "livr", "deliver", "roll", "ship", "sell", "vend", "open-sourc", "publi", "hand",
         "sale", "orders", "commandes", "march", "stores", "shelves", "showrooms", "dealerships", "magasin", "concession", "rayon", "inaugur", "flight", "vol", "ligne", "lift", "blast", "coll"], StringComparison.OrdinalIgnoreCase);

    public double Gate(SentenceView s)
    {
        if (!s.Text.AsSpan().ContainsAny(TriggerStems) && !s.Text.AsSpan().ContainsAny('ç', 'Ç')) return 0;
        var triggers = s.MatchesOf(TriggerRegex).Count;
        if (triggers == 0) return 0;
        var products = 0;
        foreach (var m in s.Mentions)
            if (m.Kind == MentionKind.Product) products++;
        // Without a known product the launch word's object is guessed: a weaker claim on the sentence.
        return products > 0 ? triggers * 0.9 + 0.1 : 0.55;
    }

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var products = s.Mentions.Where(m => m.Kind == MentionKind.Product).ToList();
        var emitted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match trigger in s.MatchesOf(TriggerRegex))
        {
            if (Cues.IsHedged(s, trigger.Index, 40) || Cues.IsNegated(s, trigger.Index, 30)) continue;
            // "already-released games", "newly-launched": a participle inside a compound adjective tells no launch.
            if (trigger.Index > 0 && s.Text[trigger.Index - 1] == '-') continue;
            // Only released or available products are launches: "still in development", "will be available next year" are not.
            if (Cues.Near(NotYetRegex, s, trigger.Index, 60)) continue;
            // "since OpenAI released ChatGPT", "depuis le lancement de…": an earlier launch told as background.
            if (SinceRegex.IsMatch(s.Text.AsSpan(Math.Max(0, trigger.Index - 45), Math.Min(45, trigger.Index)))) continue;
            // "Lancé il y a moins d'un an, ChatGPT…", "launched two years ago": a launch dated back is background too.
            if (AgoRegex.IsMatch(s.Text.AsSpan(trigger.Index, Math.Min(40, s.Text.Length - trigger.Index)))) continue;
            var triggerEnd = ObjectStart(s, trigger.Index + trigger.Length);
            var chosen = products.Where(p => p.Start >= triggerEnd && p.Start - triggerEnd <= 45 && IsObjectGap(s.Text.AsSpan(triggerEnd, p.Start - triggerEnd))).ToList();
            // "made its Sentinel app available", "a rendu disponible son application": the object of "make" is the product.
            if (chosen.Count == 0 && AvailableRegex().IsMatch(trigger.ValueSpan) && MadeAvailableRegex().Match(s.Text[..trigger.Index]) is { Success: true } made &&
                ObjectAfter(s, made.Groups["verb"].Index + made.Groups["verb"].Length) is { } madeAvailable && madeAvailable.End <= trigger.Index)
                chosen.Add(madeAvailable);
            if (chosen.Count == 0 && ObjectAfter(s, triggerEnd) is { } guessed)
            {
                chosen.Add(guessed);
                // "trois modèles d'IA, Scout, Maverick et Behemoth": the names listed right after the first.
                for (var next = ListedAfter(s, guessed); next is not null; next = ListedAfter(s, next)) chosen.Add(next);
            }
            if (chosen.Count == 0)
            {
                // "Firefox 3.6, and the following release": only a product the launch word has as its subject.
                var before = products.LastOrDefault(p => p.End <= trigger.Index && trigger.Index - p.End <= 30 && IsSubjectGap(s.Text.AsSpan(p.End, trigger.Index - p.End)))
                    ?? SubjectBefore(s, trigger.Index);
                if (before is not null && !IsAgentOf(s, before, trigger)) chosen.Add(before);
            }
            else
            {
                // Only the first product and the ones listed right after it.
                var listed = new List<Mention> { chosen[0] };
                foreach (var next in chosen.Skip(1))
                {
                    if (!ListJoinRegex().IsMatch(s.Text.AsSpan(listed[^1].End, Math.Max(0, next.Start - listed[^1].End)))) break;
                    listed.Add(next);
                }
                chosen = listed;
            }
            // "Lumio unveiled Nimbus-3. The model is still in training.": the next sentence takes the launch back.
            if (chosen.Count > 0 && NextSentence(s, article) is { } following && AnaphoricOpeningRegex().IsMatch(following) && NotYetRegex.IsMatch(following)) continue;
            foreach (var product in chosen)
            {
                // "the Aria X5, a mid-size SUV that goes on sale in March": shown now, available later.
                if (AvailableLater(s, product)) continue;
                var company = CompanyFor(s, trigger, product, article);
                var modelNumber = product.Source == MentionSource.Guess && NewModelNumberRegex().IsMatch(product.Name);
                if (product.Source == MentionSource.Guess && PlainCompoundRegex().IsMatch(product.Name)) continue;
                if (company is null || PeriodName().IsMatch(product.Name) || (NotProductRegex().IsMatch(product.Name) && !modelNumber && !ArticleNameRegex().IsMatch(product.Name)) || !emitted.Add(product.Name)) continue;
                // A product named right after another company ("GPU Nvidia H100") belongs to that company.
                var owner = s.NearestOrgBefore(product.Start, maxDistance: 2);
                if (owner is not null && owner.Name != company) continue;
                if (product.Entity?.Company is { } maker && maker != company) continue;
                if (company == product.Name) continue;
                yield return new Fact
                {
                    Type = FactTypes.Launch, Company = company, Product = product.Name, Kind = KindOf(s, product),
                    Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.8, product), Expert = Name,
                    Evidence = s.Evidence(article.OriginalText),
                };
            }
        }
    }

    /// <summary>Where the launch word's object may start: past the time and place phrases right after the word, unless
    /// one of them is a name the sentence knows.</summary>
    private static int ObjectStart(SentenceView s, int triggerEnd)
    {
        var adverbials = AdverbialsRegex.Match(s.Text, triggerEnd);
        if (!adverbials.Success || adverbials.Length == 0) return triggerEnd;
        var end = adverbials.Index + adverbials.Length;
        foreach (var m in s.Mentions)
            if (m.Start < end && triggerEnd < m.End && m.Kind is MentionKind.Product or MentionKind.Person) return triggerEnd;
        return end;
    }

    /// <summary>The name a launch word takes as its direct object: "la sortie de Grok 3", "handed over its first Cybertruck",
    /// "unveiled its next line of AI chips, Trainium3"; not a place or a date ("launched in France", "a lancé lundi").</summary>
    private static Mention? ObjectAfter(SentenceView s, int triggerEnd)
    {
        var limit = Math.Min(s.Text.Length, triggerEnd + 45);
        for (var i = triggerEnd; i < limit; i++)
        {
            var c = s.Text[i];
            // "« le Chat »", "Le Scribe, son assistant": a name that keeps its article.
            if (c is 'L' or 'l' or 'T' && (i == 0 || !char.IsLetterOrDigit(s.Text[i - 1])) && ArticleNameAt(s, triggerEnd, i) is { } withArticle)
                return withArticle;
            // "iOS 18", "iX3", "bZ4X": a product name may start with a lower-case letter before a capital.
            var camel = char.IsLower(c) && i + 1 < limit && char.IsUpper(s.Text[i + 1]);
            if (!char.IsUpper(c) && !camel && !(char.IsDigit(c) && i > 0 && s.Text[i - 1] == ' ')) continue;
            if (i > 0 && char.IsLetterOrDigit(s.Text[i - 1])) continue;
            var gap = s.Text.AsSpan(triggerEnd, i - triggerEnd);
            if (!IsObjectGap(gap)) return null;
            var name = NameAtRegex().Match(s.Text, i);
            if (!name.Success) return null;
            // "trois modèles d'IA multimodaux, Scout": the acronyms the gap may hold are no product.
            if (GapAcronymRegex().IsMatch(name.Groups["name"].Value)) continue;
            // "its first electric motorcycle, the Roadster": a product word in the gap names what follows.
            return Guessed(s, name.Groups["name"], NewMarkerRegex.IsMatch(gap), plainName: KindRegex.IsMatch(gap));
        }
        return null;
    }

    /// <summary>"a lancé « le Chat »", "a présenté Le Scribe, son assistant juridique", "l'application Le Chat": a product
    /// whose name keeps its article, when quotes, a product word before it or an apposition saying what it is tell it
    /// from a common noun.</summary>
    private static Mention? ArticleNameAt(SentenceView s, int triggerEnd, int i)
    {
        var m = ArticleNameRegex().Match(s.Text, i);
        if (!m.Success) return null;
        var gap = s.Text.AsSpan(triggerEnd, i - triggerEnd);
        if (!IsObjectGap(gap)) return null;
        var end = i + m.Length;
        var quoted = gap.TrimEnd().EndsWith("«") || gap.TrimEnd().EndsWith("“") || gap.TrimEnd().EndsWith("\"");
        // "la Zephyr X" is a determiner and a name; a capitalised article inside a sentence is part of the name.
        if (!quoted && (char.IsLower(m.Value[0]) || (!KindRegex.IsMatch(gap) && !KindInApposition(s, end)))) return null;
        foreach (var other in s.Mentions)
            if (other.Start < end && i < other.End && other.Kind != MentionKind.Product) return null;
        var name = char.ToUpperInvariant(m.Value[0]) + m.Value[1..];
        return new Mention(i, end, name, MentionKind.Product, MentionSource.Guess);
    }

    [GeneratedRegex(@"\G(?:[Ll]e|[Ll]a|L'|The)\s*\p{Lu}[\p{L}\d+.-]*(?:[ \u00A0](?:\p{Lu}[\p{L}\d+.-]*|\d[\w.+]*)){0,2}(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleNameRegex();

    /// <summary>The product right before a launch word in the passive or an apposition: "DeepSeek-R1, released last week",
    /// "Trainium2, first presented last year, is now generally available", "Le modèle Mistral Large est disponible".</summary>
    private static Mention? SubjectBefore(SentenceView s, int triggerStart)
    {
        var from = Math.Max(0, triggerStart - 110);
        var window = s.Text.AsSpan(from, triggerStart - from);
        Mention? found = null;
        foreach (var m in NameGuesser.ProductShape.EnumerateMatches(window))
            if (IsSubjectGap(window[(m.Index + m.Length)..])) found = Candidate(s, from + m.Index, from + m.Index + m.Length);
        // "DeepSeek-R1, released last week": a name shaped like a product the name guesser left out.
        if (found is null)
            foreach (var m in NameBeforeRegex().EnumerateMatches(window))
                if (IsSubjectGap(window[(m.Index + m.Length)..]) && ProductShapedRegex().IsMatch(window.Slice(m.Index, m.Length)))
                    found = Candidate(s, from + m.Index, from + m.Index + m.Length) ?? found;
        // "Tessaro's Helion chips are now shipping": a name, then the product word that says what it is.
        for (var m = NameThenKind.Match(s.Text, from, triggerStart - from); m.Success; m = m.NextMatch())
        {
            var name = m.Groups["name"];
            if (IsSubjectGap(s.Text.AsSpan(name.Index + name.Length, triggerStart - name.Index - name.Length)))
                found = Candidate(s, name.Index, name.Index + name.Length, afterKindWord: true) ?? found;
        }
        for (var m = KindThenName.Match(s.Text, from, triggerStart - from); m.Success; m = m.NextMatch())
        {
            var name = m.Groups["name"];
            if (name.Index + name.Length <= triggerStart && IsSubjectGap(s.Text.AsSpan(name.Index + name.Length, triggerStart - name.Index - name.Length)))
                found = Candidate(s, name.Index, name.Index + name.Length, afterKindWord: true) ?? found;
        }
        return found;
    }

    private static bool IsSubjectGap(ReadOnlySpan<char> gap) =>
        SubjectGap.IsMatch(gap) || (AppositionRegex().Match(gap.ToString()) is { Success: true } a && SubjectGap.IsMatch(gap[a.Length..])) ||
        // "Le Nova S9 de Calvera est disponible", "the Vela 3 model from Dorsia is available": the maker between them.
        (MakerComplementRegex.Match(gap.ToString()) is { Success: true } maker && SubjectGap.IsMatch(gap[maker.Length..]));

    /// <summary>A product word, then "de/from/by" and the maker's name, right after the product ("Nova S9 de Calvera",
    /// "Vela 3 model from Dorsia").</summary>
    private static readonly Regex MakerComplementRegex = new(
        $@"^(?:\s+(?i:{Lexicon.Alternation("chip")}|{Lexicon.Alternation("model")}|{Lexicon.Alternation("vehicle")}|{Lexicon.Alternation("launcher")}|{Lexicon.Alternation("product")}))?\s+(?i:de|d'|du|from|by|par)\s*(?i:la\s+|le\s+|l'|the\s+)?(?<maker>\p{{Lu}}[\p{{L}}\d&.+-]*(?:\s+\p{{Lu}}[\p{{L}}\d&.+-]*){{0,2}})",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>A guessed product before the launch word: not a person or an organisation, but it may contain its maker's
    /// name ("DeepSeek-V3", "Mistral Large").</summary>
    private static Mention? Candidate(SentenceView s, int start, int end, bool afterKindWord = false)
    {
        var value = s.Text[start..end];
        if (NameGuesser.Stop.Contains(value.Split(' ')[0]) || NotProductRegex().IsMatch(value) || PeriodName().IsMatch(value) || PlainCompoundRegex().IsMatch(value)) return null;
        foreach (var m in s.Mentions)
        {
            if (m.End <= start || m.Start >= end) continue;
            if (m.Kind == MentionKind.Product) return m;
            if (IsPossessiveGuess(m)) continue;
            // "Ariane 6 a décollé": a name shaped like a product, guessed as an organisation for opening the sentence.
            // "its new drug Zelvox went on sale": a product word before the name says what it is.
            if (m.IsOrganization && m.Source == MentionSource.Guess && m.Start == start && m.End == end && (afterKindWord || ProductShapedRegex().IsMatch(value))) continue;
            if (!(m.IsOrganization && m.Start == start && m.End < end)) return null;
        }
        return new Mention(start, end, value, MentionKind.Product, MentionSource.Guess);
    }

    /// <summary>"Velmora's Arcus 7" guessed as one organisation: a maker's possessive and its product.</summary>
    private static bool IsPossessiveGuess(Mention m) =>
        m.IsOrganization && m.Source == MentionSource.Guess && (m.Name.Contains("'s ", StringComparison.Ordinal) || m.Name.Contains("’s ", StringComparison.Ordinal));

    [GeneratedRegex(@"(?<![\p{L}\d+.-])(?:\p{Lu}|\p{Ll}(?=\p{Lu}))[\p{L}\d+.-]*[\p{L}\d](?:[ \u00A0](?:\p{Lu}[\p{L}\d+.-]*|\d[\w.+]*)){0,2}(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex NameBeforeRegex();

    /// <summary>", first presented at last year's Re:Invent," — an apposition between a product and its launch word.</summary>
    [GeneratedRegex(@"^\s*,[^,]{1,70}(?=,)", RegexOptions.CultureInvariant)]
    private static partial Regex AppositionRegex();

    /// <summary>"le modèle Mistral Large", "its chip Trainium2", "its new drug Zelvox": a product word (the lexicon's kinds),
    /// then the name.</summary>
    private static readonly Regex KindThenName = new(
        $@"\b(?i:{Lexicon.Alternation("chip")}|{Lexicon.Alternation("model")}|{Lexicon.Alternation("vehicle")}|{Lexicon.Alternation("launcher")}|{Lexicon.Alternation("product")})\s+(?<name>\p{{Lu}}[\p{{L}}\d+.-]*(?:\s+(?:\p{{Lu}}[\p{{L}}\d+.-]*|\d[\w.+]*)){{0,2}})",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex NameThenKind = new(
        $@"(?<![\p{{L}}\d'’])(?<name>\p{{Lu}}[\p{{L}}\d+.-]*(?:\s+(?:\p{{Lu}}[\p{{L}}\d+.-]*|\d[\w.+]*)){{0,2}})\s+(?i:{Lexicon.Alternation("chip")}|{Lexicon.Alternation("model")}|{Lexicon.Alternation("vehicle")}|{Lexicon.Alternation("launcher")}|{Lexicon.Alternation("product")})\b",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>"made its Sentinel app", "a rendu disponible": a verb of making, then its object, right before "available".</summary>
    [GeneratedRegex(@"\b(?<verb>made|makes|making|make|rend|rendu|rendent)\s+(?:[^\s,;]+\s+){1,5}?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MadeAvailableRegex();

    /// <summary>"When Quillmart first introduced dynamic pricing", "Pellam released a statement": a name right before an
    /// active launch verb that has an object of its own is the verb's agent, not the product launched (a product stands
    /// there only in the passive, an apposition or with an intransitive verb: "DeepSeek-R1, released last week", "the PS4
    /// Pro launched at $400").</summary>
    private static bool IsAgentOf(SentenceView s, Mention before, Match trigger)
    {
        var gap = s.Text.AsSpan(before.End, trigger.Index - before.End);
        if (gap.Contains(',') || PassiveGapRegex().IsMatch(gap)) return false;
        var triggerEnd = trigger.Index + trigger.Length;
        if (AdverbialsRegex.Match(s.Text, triggerEnd) is { Success: true, Length: > 0 }) return false;
        var next = NextWordRegex().Match(s.Text, triggerEnd);
        if (!next.Success) return false;
        var word = next.Groups["word"].Value;
        return !NotObjects.Contains(word) && !word.EndsWith("ly", StringComparison.Ordinal) && !word.EndsWith("ment", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?:available|disponibles?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AvailableRegex();

    [GeneratedRegex(@"\b(?:is|are|was|were|been|be|est|sont|été|était|sera)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassiveGapRegex();

    /// <summary>The lower-case word that opens what follows a verb (its object, or a preposition).</summary>
    [GeneratedRegex(@"\G\s+(?<word>\p{Ll}[\p{Ll}'’-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex NextWordRegex();

    /// <summary>"the Aria X5, a mid-size electric SUV that goes on sale in March", "l'Aria X5, qui sera commercialisée en
    /// mars": the product's own apposition or relative clause says it is available only later.</summary>
    private static bool AvailableLater(SentenceView s, Mention product)
    {
        var rest = s.Text.AsSpan(product.End, Math.Min(s.Text.Length - product.End, 110));
        var stop = rest.IndexOfAny(";.");
        // "…on Tuesday; it goes on sale September 19": the next clause goes on about the product.
        if (stop >= 0 && rest[stop] == ';' && AnaphoricClauseRegex().Match(s.Text, product.End + stop + 1) is { Success: true } next &&
            NotYetRegex.IsMatch(next.Value)) return true;
        if (!RelativeOpeningRegex().IsMatch(rest)) return false;
        return NotYetRegex.IsMatch(stop < 0 ? rest : rest[..stop]);
    }

    /// <summary>An apposition or a relative clause after the product, past up to three adjectives ("la nouvelle Zeta
    /// électrique, qui sera commercialisée en 2026").</summary>
    [GeneratedRegex(@"^(?:\s+[\p{Ll}-]+){0,3}?(?:\s*,|\s+(?:that|which|qui)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeOpeningRegex();

    [GeneratedRegex(@"\G\s*(?:it|they|elle|il|elles|ils)\b[^;.]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnaphoricClauseRegex();

    private static bool IsObjectGap(ReadOnlySpan<char> gap) => ObjectGapRegex().IsMatch(gap) && !HasNotObjectWord(gap);

    private static bool HasNotObjectWord(ReadOnlySpan<char> gap)
    {
        foreach (var range in gap.SplitAny(' ', ',', '\u00A0'))
        {
            var word = gap[range];
            if (word.Length > 0 && NotObjects.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)) return true;
        }
        return false;
    }

    /// <summary>A guessed name becomes a product unless it is an organisation, a person, a stop word or a period.</summary>
    [GeneratedRegex(@"^(?:AI|IA|GPU|LLM)$", RegexOptions.CultureInvariant)]
    private static partial Regex GapAcronymRegex();

    /// <summary>The name listed right after a guessed product ("Scout, Maverick et Behemoth"), as plain a name as it.</summary>
    private static Mention? ListedAfter(SentenceView s, Mention previous)
    {
        var join = ListedJoinRegex().Match(s.Text, previous.End);
        if (!join.Success) return null;
        var name = NameAtRegex().Match(s.Text, join.Index + join.Length);
        if (!name.Success || SpeakerAfterRegex().IsMatch(s.Text, name.Index + name.Length)) return null;
        return Guessed(s, name.Groups["name"], plainName: true);
    }

    /// <summary>"…, Jane Doe said": a name followed by a reporting verb is a speaker, not a listed product.</summary>
    [GeneratedRegex(@"\G\s+(?:said|says|told|added|explained|a\s+d[ée]clar[ée]|a\s+indiqu[ée]|a\s+expliqu[ée]|estime|pr[ée]cise)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpeakerAfterRegex();

    [GeneratedRegex(@"\G(?:\s*,\s*(?:et\s+|and\s+)?|\s+(?:et|and|&)\s+)(?=\p{Lu}|\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ListedJoinRegex();

    private static Mention? Guessed(SentenceView s, Group name, bool isNew = false, bool plainName = false)
    {
        var (start, end) = (name.Index, name.Index + name.Length);
        foreach (var m in s.Mentions)
        {
            if (m.End <= start || m.Start >= end) continue;
            // "its Zephyr X2 accelerator": a product shape found inside the name ("X2") stands for the whole name.
            if (m.Kind == MentionKind.Product)
                return m.Start > start && m.End <= end && !s.Mentions.Any(o => o != m && o.Start < m.Start && start < o.End) && char.IsUpper(s.Text[start])
                    ? new Mention(start, end, name.Value.TrimEnd('.', '-'), MentionKind.Product, MentionSource.Guess) : m;
            if (IsPossessiveGuess(m)) continue;
            // "Mistral Medium 3", "Citroën ë-C3": a name that starts with its maker's is the maker's product.
            if (!(m.IsOrganization && m.Start == start && m.End < end)) return null;
        }
        var value = name.Value.TrimEnd('.', '-');
        var first = value.Split(' ')[0];
        var numberAfterNew = isNew && NewModelNumberRegex().IsMatch(value);
        if (NameGuesser.Stop.Contains(first) || NameGuesser.Months.Contains(first) || PeriodName().IsMatch(value) || (NotProductRegex().IsMatch(value) && !numberAfterNew) ||
            PlainCompoundRegex().IsMatch(value)) return null;
        // Only a name shaped like a product ("Grok 3", "Trainium2", "DeepSeek-R1"), one a product word stands next to
        // ("sa nouvelle puce X", "its first Cybertruck electric pick-ups") or one called new ("the new Clio", "la nouvelle 3008").
        if (!isNew && !plainName && !ProductShapedRegex().IsMatch(value) && !KindRegex.IsMatch(s.Text.AsSpan(Math.Max(0, start - 25), Math.Min(s.Text.Length, end + 25) - Math.Max(0, start - 25))) &&
            !KindInApposition(s, end))
            return null;
        return new Mention(start, end, value, MentionKind.Product, MentionSource.Guess);
    }

    /// <summary>"Lunava, its once-weekly obesity injection,": an apposition after the name says what it is.</summary>
    private static bool KindInApposition(SentenceView s, int end)
    {
        var apposition = AppositionDeterminerRegex().Match(s.Text, end);
        if (!apposition.Success) return false;
        var close = s.Text.IndexOfAny([',', ';', '.', '('], apposition.Index + apposition.Length);
        var to = close < 0 ? s.Text.Length : close;
        return to - end <= 70 && KindRegex.IsMatch(s.Text.AsSpan(end, to - end));
    }

    [GeneratedRegex(@"\G\s*,\s*(?:its|their|his|her|son|sa|ses|leur|a|an|the|un|une|le|la|l')\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AppositionDeterminerRegex();

    /// <summary>"la nouvelle 3008": a model number of three or four digits, no amount or year.</summary>
    [GeneratedRegex(@"^\d{3,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex NewModelNumberRegex();

    /// <summary>"Year-month", "Multi-compartment", "Fall-Winter", "Pierre-Yves", "500-600", "100-day": words or numbers joined by
    /// hyphens, none of them shaped like a model name (a capital or a digit inside, a single letter), are no product.</summary>
    [GeneratedRegex(@"^(?!\p{Lu}\p{Ll}+-\d$)(?:[\d.,]+|\p{L}\p{Ll}{2,})(?:-(?:[\d.,]+|\p{L}\p{Ll}+))+$|^(?:[\d.,]+-)+\p{Ll}+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainCompoundRegex();

    [GeneratedRegex(@"^(?:\d[\d.,]*|\p{Lu}{1,3}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Its|Their|His|Her|This|That|These|The|Le|La|Les|Un|Une|Ce|Cette|Son|Sa|Ses)\b.*|(?:In|On|At|By|En|Au|Dans|Depuis|Since|From|For|Pour)\s.*|.*\s(?:1[5-9]|20)\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex NotProductRegex();

    [GeneratedRegex(@"\d|\p{Ll}\p{Lu}|-|^\p{Lu}{2,}\p{Ll}|\s(?:Pro|Max|Ultra|Mini|Plus|Turbo|Large|Small|Medium|Nano|Lite|Flash|Air)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProductShapedRegex();

    /// <summary>The sentence after <paramref name="s"/> in the article, up to its end (at most 300 characters), or null.</summary>
    private static string? NextSentence(SentenceView s, ArticleContext article)
    {
        var text = article.OriginalText;
        var start = s.Sentence.End;
        if (s.IsVirtual || start >= text.Length) return null;
        var window = text.AsSpan(start, Math.Min(300, text.Length - start));
        var end = window.TrimStart().IndexOfAny(".!?");
        var lead = window.Length - window.TrimStart().Length;
        return end < 0 ? window.ToString() : window[..(lead + end + 1)].ToString();
    }

    /// <summary>"The model is…", "Ce premier vol…", "It will…": a sentence that goes on about what the one before told.</summary>
    [GeneratedRegex(@"^\s*(?:The|This|These|Its|It|They|Le|La|Les|L'|Ce|Cet|Cette|Ces|Son|Sa|Ses|Il|Elle)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AnaphoricOpeningRegex();

    /// <summary>"Ariane 6 a décollé… Ce premier vol est un succès pour ArianeGroup": with no maker in the sentence, an
    /// organisation the next sentence names when it goes on about the launch.</summary>
    private static string? MakerInNextSentence(SentenceView s, ArticleContext article)
    {
        if (NextSentence(s, article) is not { } next || !AnaphoricOpeningRegex().IsMatch(next) || !TriggerRegex.IsMatch(next)) return null;
        string? best = null;
        var bestAt = int.MaxValue;
        foreach (var name in article.OrganizationNames)
        {
            var at = next.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0 && at < bestAt && (at == 0 || !char.IsLetter(next[at - 1]))) { best = name; bestAt = at; }
        }
        return best;
    }

    /// <summary>Makers the entity table does not know: "Velmora's Arcus 7", "Velmora's new drug Zelvox" (a possessive before the
    /// product, only lower-case words between them), and the
    /// name that opens the clause of the launch word with only lower-case words after it ("La start-up Lumio a mis en
    /// ligne", "Quorvia introduced the Q9"). Neither is the product itself.</summary>
    private static Mention? GuessedMaker(SentenceView s, Match trigger, Mention product)
    {
        var possessive = PossessiveBeforeRegex().Match(s.Text, 0, product.Start);
        if (possessive.Success && SlotNames.OrganizationAt(s, possessive.Groups["name"].Index, s.People) is { } owner &&
            owner.End <= product.Start) return owner;
        var opening = OpeningSubjectRegex().Match(s.Text, 0, trigger.Index);
        if (opening.Success && SlotNames.OrganizationAt(s, opening.Groups["name"].Index, s.People) is { } subject &&
            !(subject.Start < product.End && product.Start < subject.End)) return subject;
        return null;
    }

    [GeneratedRegex(@"(?<name>\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})['’]s\s+(?:[\p{Ll}-]+\s+){0,3}(?:[\p{Ll}-]+,\s+(?:the|its|la|le|l')\s*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveBeforeRegex();

    [GeneratedRegex(@"^(?:[^,]{1,40},\s+)?(?:(?i:the|la|le|l')\s*(?:[\p{Ll}-]+\s+){0,3})?(?<name>\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})(?!\s+(?:the|a|an|la|le|les|un|une|des|of|de|du|d'|in|en|à|au|for|pour|with|avec|on|sur|to|after|après|before|avant)\b)(?:\s+(?:\p{Ll}[\p{Ll}'’-]*)){0,6}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex OpeningSubjectRegex();

    private static string? CompanyFor(SentenceView s, Match trigger, Mention product, ArticleContext article)
    {
        // Not the product itself ("Ariane 6 a décollé" guessed as an organisation), nor a maker and its product guessed as one name.
        var orgs = s.Organizations.Where(o => !(o.Start <= product.Start && o.End >= product.End) && !IsPossessiveGuess(o)).ToList();
        if (product.Source == MentionSource.Guess && product.Entity is null && PossessiveBeforeRegex().IsMatch(s.Text.AsSpan(0, product.Start)) &&
            GuessedMaker(s, trigger, product) is { } possessor && orgs.All(o => o.End <= possessor.Start || o.Start >= possessor.End))
            return possessor.Name;
        // "Le Nova S9 de Calvera est disponible": the maker named right after the product it launches.
        if (product.End < trigger.Index && MakerComplementRegex.Match(s.Text[product.End..trigger.Index]) is { Success: true } complement &&
            (orgs.FirstOrDefault(o => o.Start == product.End + complement.Groups["maker"].Index)
                ?? SlotNames.OrganizationAt(s, product.End + complement.Groups["maker"].Index, s.People)) is { } ofMaker)
            return ofMaker.Name;
        var by = orgs.FirstOrDefault(m => m.Start > trigger.Index && m.Start - trigger.Index < 90 &&
            ByRegex().IsMatch(s.Text.AsSpan(Math.Max(trigger.Index, m.Start - 40), m.Start - Math.Max(trigger.Index, m.Start - 40))));
        if (by is not null) return by.Name;
        var subject = orgs.FirstOrDefault(m => m.Start < trigger.Index && !s.IsComplement(m)) ?? orgs.LastOrDefault(m => m.End <= trigger.Index && !s.IsComplement(m));
        if (subject is not null && subject.End <= product.Start + product.Name.Length) return subject.Name;
        if (product.Entity?.Company is { } maker) return maker;
        // "DeepSeek-R1", "Mistral Large": a product named after its maker.
        foreach (var org in orgs)
            if (product.Name.StartsWith(org.Name.Split(' ')[0], StringComparison.Ordinal)) return org.Name;
        if (s.ImplicitSubject is { } salient && salient != product.Name && product.Name.StartsWith(salient.Split(' ')[0], StringComparison.Ordinal)) return salient;
        if (subject is null && GuessedMaker(s, trigger, product) is { } guessed) return guessed.Name;
        var implicitSubject = s.ImplicitSubject == product.Name ? null : s.ImplicitSubject;
        return subject?.Name ?? implicitSubject ?? MakerInNextSentence(s, article);
    }

    private static string KindOf(SentenceView s, Mention product)
    {
        var from = Math.Max(0, product.Start - 50);
        var to = Math.Min(s.Text.Length, product.End + 50);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (Match k in KindRegex.Matches(s.Text[from..to]))
        {
            var distance = Math.Abs(k.Index + from - product.Start);
            if (distance >= bestDistance) continue;
            bestDistance = distance;
            best = k.Groups["chip"].Success ? "chip" : k.Groups["model"].Success ? "model" : k.Groups["vehicle"].Success ? "vehicle" : k.Groups["launcher"].Success ? "launcher" : "product";
        }
        return best ?? product.Entity?.ProductKind ?? "product";
    }
}

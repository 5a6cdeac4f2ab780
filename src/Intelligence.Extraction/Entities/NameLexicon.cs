using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Entities;

/// <summary>The words that introduce or frame an unknown organisation (<c>lexicon.json</c>), and the patterns built from
/// them once: a role noun then a name, a name then a legal form or organisation word, a name after a holding or
/// acquisition phrase, a name before a deal verb.</summary>
internal sealed class NameLexicon
{
    private sealed record File(
        string[] RoleNouns, string[] NationalityNouns, string[] Descriptors, string[] LegalForms, string[] OrganisationWords,
        string[] HoldingNouns, string[] HoldingPrepositions, string[] AcquisitionObjects, string[] MetricObjects, string[] PercentPrepositions,
        string[] AmountPrepositions, string[] SubjectFrames, string[] AgentFrames, string[] PossessiveDealNouns, string[] NotNames,
        string[] SubjectVerbs, string[] SubjectAdverbs);

    /// <summary>A capitalised word of a name ("Globex", "CD&amp;R", "L'Oréal", "Don't").</summary>
    public const string Cap = @"\p{Lu}[\p{L}\p{M}'’.&-]*[\p{L}\d]";
    /// <summary>A name: a capitalised word, then up to three more (or "AI", a number, "&amp; Co").</summary>
    public const string Name = Cap + @"(?:\s+(?:" + Cap + @"|AI|IA|\d+|&\s+" + Cap + @")){0,3}";
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    public static NameLexicon Default { get; } = Load();

    public IReadOnlyList<string> RoleNouns { get; }
    /// <summary>The role nouns in lower case, to tell one that opens a name ("Drugmaker Velora", "Le constructeur Orvane").</summary>
    public IReadOnlySet<string> RoleNounSet { get; }
    /// <summary>The verbs after which a capitalised run opening a sentence is its subject, as one regex alternation.</summary>
    public string SubjectVerbs { get; }
    /// <summary>The adverbs that may come between such a subject and its verb, as one regex alternation.</summary>
    public string SubjectAdverbs { get; }
    public IReadOnlyList<string> NotNames { get; }
    /// <summary>The first words of the descriptors and the words after the first of the role nouns ("manager" in "asset
    /// manager"), as written: a lowercase word after a role noun that is none of them, no "de/of" and no adjective of
    /// nationality cannot go on to a name (<see cref="NameGuesser.MayNameAfterCue"/>).</summary>
    public HashSet<string> DescriptorStarts { get; }
    /// <summary>Where role nouns start.</summary>
    public PhraseGate RoleNounGate { get; }
    public IReadOnlySet<string> LegalForms { get; }
    public SearchValues<string> SuffixValues { get; }
    /// <summary>Anchored (\G) at a role noun: descriptors, then the name.</summary>
    public Regex CuedName { get; }
    public Regex SuffixedName { get; }
    /// <summary>Anchored (\G) at a holding noun and preposition or an acquisition word: the name after it (run through <see cref="ObjectKeys"/>).</summary>
    public Regex ObjectName { get; }
    public PhraseGate ObjectKeys { get; }
    /// <summary>Anchored (\G) at a result noun and its preposition: the name after it ("sales at Brontel", "le chiffre d'affaires de Veltris"; run through <see cref="MetricKeys"/>).</summary>
    public Regex MetricObjectName { get; }
    public PhraseGate MetricKeys { get; }
    /// <summary>A name after a percent or an amount and a preposition ("50 % de Sapura OMV", "$6 billion in Aligned").</summary>
    public Regex QuantityObjectName { get; }
    /// <summary>Whether a text may hold a <see cref="QuantityObjectName"/> frame: a percent sign or a scale word. The sign is
    /// looked for apart: a one-character value among the words would make their search a slow one.</summary>
    public static bool MayHaveQuantity(ReadOnlySpan<char> text) => text.Contains('%') || text.ContainsAny(QuantityWords);

    private static readonly SearchValues<string> QuantityWords = SearchValues.Create(["cent", "illion", "illiard", "bn ", "mn "], StringComparison.Ordinal);
    /// <summary>A name before a deal verb ("Acme bought", "Vantor a pris une participation").</summary>
    public Regex SubjectName { get; }
    public SearchValues<string> SubjectKeys { get; }
    /// <summary>Anchored (\G) at a passive deal participle: "by/par" and the name after it ("acquired by Halvern",
    /// "détenue à 30 % par Vantor"; run through <see cref="AgentKeys"/>).</summary>
    public Regex AgentName { get; }
    public PhraseGate AgentKeys { get; }
    /// <summary>Anchored (\G) after a name: a subject verb of the lexicon, maybe after one of its adverbs.</summary>
    public Regex VerbAfter { get; }
    /// <summary>A possessive name before a deal noun ("Halvern's $3 billion purchase").</summary>
    public Regex PossessiveBuyer { get; }
    /// <summary>Anchored (\G) after a name: "by/par" and the agent's name.</summary>
    public Regex ByName { get; }

    private NameLexicon(File f)
    {
        RoleNouns = f.RoleNouns;
        RoleNounSet = new HashSet<string>(f.RoleNouns, StringComparer.Ordinal);
        SubjectVerbs = string.Join("|", f.SubjectVerbs.Distinct().OrderByDescending(v => v.Length));
        SubjectAdverbs = string.Join("|", f.SubjectAdverbs.Distinct().OrderByDescending(v => v.Length));
        NotNames = f.NotNames;
        DescriptorStarts = new HashSet<string>(f.Descriptors.Select(d => d.Split(' ')[0]).Concat(f.RoleNouns.SelectMany(r => r.Split(' ').Skip(1))), StringComparer.Ordinal);
        RoleNounGate = new PhraseGate(f.RoleNouns.Concat(f.NationalityNouns));
        LegalForms = new HashSet<string>(f.LegalForms, StringComparer.Ordinal);
        var suffixes = f.LegalForms.Concat(f.OrganisationWords).ToArray();
        SuffixValues = SearchValues.Create(suffixes.Select(s => " " + s).ToArray(), StringComparison.Ordinal);

        // A descriptor of the list, or an adjective of nationality or region ("grenobloise", "norvégien") that is not one
        // of the common adjectives sharing its ending.
        var descriptor = $@"(?:{Alternation(f.Descriptors)}|(?:de|d'|du|des|of)\s*\p{{Ll}}[\p{{Ll}}-]{{2,}}|(?!(?:jamais|certaine?|prochaine?|lointaine?|humaine?|quotidien(?:ne)?|ancien(?:ne)?|moyen(?:ne)?|r[ée]cente?|m[èe]re)\b)\p{{Ll}}[\p{{Ll}}-]{{2,}}(?:oise?|aise?|aine?|i(?:en|enne)|[ée]en(?:ne)?))";
        // A nationality noun names a company only after its article ("le japonais Mitsora", "l'américain Halvern", "du
        // français Brevane"): the gate finds the noun, the pattern looks back for the article.
        var nationality = $@"(?<=(?<![\p{{L}}])(?:[Ll][ea]\s+|[Ll]'|[Dd]u\s+))(?:{Alternation(f.NationalityNouns)})";
        CuedName = new Regex($@"\G(?:{Alternation(f.RoleNouns)}|{nationality})(?:\s+{descriptor}){{0,3}}\s+(?<name>{Name})", Options);
        SuffixedName = new Regex($@"(?<![\p{{L}}])(?<name>{Cap}(?:\s+(?:{Cap}|&)){{0,3}})\s+(?<suffix>{Alternation(suffixes)})\b\.?", Options);
        var holding = $@"(?:{Alternation(f.HoldingNouns)})(?:\s+(?:de|of)\s+(?:près\s+de\s+|about\s+|around\s+|some\s+)?[\d.,]+(?:\s|\u202F)*(?:%|per\s*cent|percent|pour\s+cent))?\s+(?:{Alternation(f.HoldingPrepositions)})";
        // The frame words in any case ("Acquisition of…" opens a sentence), the name capitalised.
        // A phrase ending in an apostrophe ("l'acquisition d'Imperva") runs into the name.
        ObjectName = new Regex($@"\G(?<![\p{{L}}])(?i:{holding}|{Alternation(f.AcquisitionObjects)})(?:\s+|(?<=['’]))(?:(?:the|la|le|les|l'|its|sa|son)\s*)?(?<name>{Name})", Options);
        MetricObjectName = new Regex($@"\G(?<![\p{{L}}])(?i:{Alternation(f.MetricObjects)})(?:\s+|(?<=['’]))(?:(?:the|la|le|les|l')\s*)?(?<name>{Name})", Options);
        MetricKeys = new PhraseGate(f.MetricObjects.Select(p => p.EndsWith('\'') ? p : p + " ").SelectMany(p => new[] { p, char.ToUpperInvariant(p[0]) + p[1..] }));
        var percent = @"\d(?:[\d.,]*\d)?(?:\s|\u202F)*(?:%|per\s*cent|percent|pour\s+cent)";
        var amount = @"(?:\d\s*(?:bn|mn|m|md|mds|Md|Mds)|billions?|millions?|milliards?|trillions?)(?:\s+(?:de\s+|d')?(?:dollars|euros|livres|pounds|yens?|francs|couronnes|wons?|roupies)(?:\s+(?:américains|US))?)?";
        QuantityObjectName = new Regex($@"(?:{percent}\s+(?:{Alternation(f.PercentPrepositions)})|{amount}\s+(?:{Alternation(f.AmountPrepositions)}))(?:\s+|(?<=['’]))(?:(?:the|la|le|les|l'|its|sa|son)\s*)?(?<name>{Name})", Options);
        // Whole phrases, each followed by a space, as the gates: the patterns run only where one starts (text is
        // normalized to single spaces). The gates compare as written, so each phrase comes in lower case and capitalised.
        ObjectKeys = new PhraseGate(f.HoldingNouns.Concat(f.AcquisitionObjects)
            .Select(p => p.EndsWith('\'') ? p : p + " ")
            .SelectMany(p => new[] { p, char.ToUpperInvariant(p[0]) + p[1..] }));
        // "Castor and Pollard invested…": a name joined to the subject by "and/et" is a subject too.
        SubjectName = new Regex($@"(?<![\p{{L}}\d])(?:(?<co>{Cap}(?:\s+{Cap}){{0,2}})\s+(?:and|et)\s+)?(?<name>{Cap}(?:\s+(?:{Cap}|&\s+{Cap}|AI)){{0,3}})\s+(?:{Alternation(f.SubjectFrames)})\b", Options);
        SubjectKeys = SearchValues.Create(f.SubjectFrames.Select(p => " " + p).Distinct().ToArray(), StringComparison.Ordinal);
        // The participle and its agent may be apart: "détenue à 30 % par Vantor", "40%-owned by Halvern".
        var participles = f.AgentFrames.Select(p => p[..p.LastIndexOf(' ')]).Distinct().ToArray();
        var agents = f.AgentFrames.Select(p => p[(p.LastIndexOf(' ') + 1)..]).Distinct().ToArray();
        AgentName = new Regex($@"\G(?<![\p{{L}}])(?i:{Alternation(participles)})(?:\s+(?:à|at|de|of|about|environ|près\s+de)?\s*{percent})?\s+(?:{Alternation(agents)})\s+(?:(?:the|la|le|les|l')\s*)?(?<name>{Name})", Options);
        AgentKeys = new PhraseGate(participles.SelectMany(p => new[] { p, char.ToUpperInvariant(p[0]) + p[1..] }));
        PossessiveBuyer = new Regex($@"(?<![\p{{L}}])(?<name>{Cap}(?:\s+{Cap}){{0,3}})(?:'s|’s)\s+(?:(?:[$€£¥]?\d[\d.,]*\s*(?:billion|million|trillion|bn|mn|m)?|[\p{{Ll}}-]+)\s+){{0,3}}(?:{Alternation(f.PossessiveDealNouns)})\b", Options);
        VerbAfter = new Regex($@"\G\s+(?:(?:{SubjectAdverbs})\s+)?(?:{SubjectVerbs})\b", Options);
        ByName = new Regex($@"\G\s+(?:by|par)\s+(?:(?:the|la|le|les|l')\s*)?(?<name>{Name})", Options);
    }

    /// <summary>The phrases as a regex alternation, longest first; a space matches any white space.</summary>
    private static string Alternation(IEnumerable<string> phrases) =>
        string.Join("|", phrases.Distinct().OrderByDescending(p => p.Length).Select(p => Regex.Escape(p).Replace(@"\ ", @"\s+")));

    private static NameLexicon Load()
    {
        using var stream = typeof(NameLexicon).Assembly.GetManifestResourceStream("Intelligence.Extraction.Entities.lexicon.json")
            ?? throw new InvalidOperationException("Embedded lexicon.json is missing.");
        var file = JsonSerializer.Deserialize<File>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip })
            ?? throw new InvalidOperationException("lexicon.json is empty.");
        return new NameLexicon(file);
    }
}

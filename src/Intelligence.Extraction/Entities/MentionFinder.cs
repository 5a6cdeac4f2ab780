using System.Text.RegularExpressions;

namespace Intelligence.Extraction.Entities;

/// <summary>All mentions in one sentence: catalog aliases first, then guessed people, products and organisations
/// in the gaps, then resolved anaphors. Media names are kept (so they are never mistaken for parties) but typed apart.</summary>
public sealed partial class MentionFinder(EntityMatcher matcher)
{
    public EntityMatcher Matcher => matcher;

    public List<Mention> Find(string sentence, int sentenceIndex, Coreference coreference)
    {
        var mentions = new List<Mention>();
        foreach (var (start, end, entity) in matcher.Find(sentence))
        {
            if (entity.Kind == EntityKind.Product)
            {
                // "Claude Opus 4.5", "Gemini 3", "ChatGPT Atlas": a known product line plus the version named after it.
                var extended = ExtendProduct(sentence, end);
                mentions.Add(new Mention(start, extended, extended == end ? entity.Name : sentence[start..extended], MentionKind.Product, MentionSource.Catalog, entity));
                continue;
            }
            // "Arnaud Lagardère", "Martin Bouygues": a family name that is also a company's, after a first name, is a person.
            if (entity.IsOrganization && AfterFirstName(sentence, start)) continue;
            if (entity.IsOrganization && CommonWordNames.Contains(sentence[start..end]) && !NameOfCommonWord(sentence, end)) continue;
            if (entity.IsOrganization && ExtendToAffiliate(sentence, end) is var affiliate && affiliate > end)
            {
                mentions.Add(new Mention(start, affiliate, sentence[start..affiliate], MentionKind.Organization, MentionSource.Guess));
                continue;
            }
            mentions.Add(new Mention(start, end, entity.Name, KindOf(entity), MentionSource.Catalog, entity));
        }

        foreach (var (start, end, name) in NameGuesser.People(sentence))
            if (IsFree(mentions, start, end)) mentions.Add(new Mention(start, end, name, MentionKind.Person, MentionSource.Guess));


        // A bare surname of someone named earlier in the article.
        for (var i = 0; coreference.KnowsSurnames && i < sentence.Length; i++)
        {
            if (!char.IsUpper(sentence[i]) || (i > 0 && char.IsLetter(sentence[i - 1]))) continue;
            var end = i;
            while (end < sentence.Length && (char.IsLetter(sentence[end]) || sentence[end] == '-')) end++;
            if (end - i >= 3 && coreference.FullNameFor(sentence.AsSpan(i, end - i)) is { } full && IsFree(mentions, i, end))
                mentions.Add(new Mention(i, end, full, MentionKind.Person, MentionSource.Coreference));
            i = end;
        }

        foreach (var (start, end, name) in NameGuesser.Organizations(sentence))
            if (IsFree(mentions, start, end)) mentions.Add(new Mention(start, end, name, MentionKind.Organization, MentionSource.Guess));

        AddCoordinated(sentence, mentions);

        // After the organisations: a camel-case name in a company's place ("racheter le réassureur PartnerRe") is one.
        foreach (var (start, end, name) in NameGuesser.Products(sentence))
            if (IsFree(mentions, start, end)) mentions.Add(new Mention(start, end, name, MentionKind.Product, MentionSource.Guess));

        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var anaphor in coreference.Resolve(sentence, sentenceIndex, mentions).ToList())
            if (IsFree(mentions, anaphor.Start, anaphor.End) && !NamesItself(sentence, anaphor, mentions)) mentions.Add(anaphor);
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        return mentions;
    }

    /// <summary>"Castellan Energy and Norvik", "Orbis et Calder", "Renault, Nissan and Mitsubishi": a capitalised name joined to
    /// an organisation by "and", "et", "&amp;" or a comma is one too.</summary>
    private static void AddCoordinated(string sentence, List<Mention> mentions)
    {
        if (!mentions.Any(m => m.IsOrganization)) return;
        for (var added = true; added;)
        {
            added = false;
            // The organisations known when the pass starts: those it adds are read by the next pass.
            var known = mentions.Count;
            for (var i = 0; i < known; i++)
            {
                var org = mentions[i];
                if (!org.IsOrganization) continue;
                if (JoinAfterRegex().Match(sentence, org.End, Math.Min(8, sentence.Length - org.End)) is { Success: true } join &&
                    NameGuesser.CapitalisedSpanAt(sentence, join.Index + join.Length) is { } next && Coordinated(sentence, mentions, next) &&
                    (!join.Value.TrimStart().StartsWith(',') || join.Value.Contains(" and ") || join.Value.Contains(" et ") || ListGoesOn(sentence, next.End)))
                {
                    mentions.Add(new Mention(next.Start, next.End, next.Name, MentionKind.Organization, MentionSource.Guess));
                    added = true;
                }
                var from = Math.Max(0, org.Start - 60);
                if (EndsWithJoin(sentence.AsSpan(0, org.Start)) && JoinBeforeRegex().Match(sentence, from, org.Start - from) is { Success: true } before)
                {
                    var name = before.Groups["name"];
                    // "TF1, Rodolphe Belmer": a comma alone may be an apposition; it joins a list only when the list goes on.
                    var comma = !before.Value.Contains(" and ") && !before.Value.Contains(" et ") && !before.Value.Contains(" & ");
                    if (NameGuesser.CapitalisedSpanAt(sentence, name.Index) is { } previous && previous.End <= org.Start && Coordinated(sentence, mentions, previous) &&
                        (!comma || ListGoesOn(sentence, org.End) || (previous.Start >= 2 && sentence[..previous.Start].TrimEnd().EndsWith(','))))
                    {
                        mentions.Add(new Mention(previous.Start, previous.End, previous.Name, MentionKind.Organization, MentionSource.Guess));
                        added = true;
                    }
                }
            }
        }
    }

    private static bool EndsWithJoin(ReadOnlySpan<char> before)
    {
        before = before.TrimEnd(' ');
        return before.EndsWith(",") || before.EndsWith(" and") || before.EndsWith(" et") || before.EndsWith(" &");
    }

    private static bool ListGoesOn(string sentence, int end) => ListGoesOnRegex().IsMatch(sentence.AsSpan(end));

    [GeneratedRegex(@"^(?:\s*,\s*|\s(?:and|et|&)\s)\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex ListGoesOnRegex();

    private static bool Coordinated(string sentence, List<Mention> mentions, (int Start, int End, string Name) span) =>
        IsFree(mentions, span.Start, span.End) && !NameGuesser.Stop.Contains(span.Name.Split(' ')[0]) &&
        !NameGuesser.FirstNames.Contains(span.Name.Split(' ')[0]) && !NameGuesser.Months.Contains(span.Name.Split(' ')[0]) &&
        !(span.Name.Length <= 2 && span.Name.All(char.IsUpper)) && (span.Start == 0 || sentence[span.Start - 1] != '\'');

    [GeneratedRegex(@"\G\s*(?:,\s*(?:and\s+|et\s+)?|\s(?:and|et|&)\s+)(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex JoinAfterRegex();

    [GeneratedRegex(@"(?<![\p{L}\d'’])(?<name>\p{Lu}[\p{L}\p{M}.&-]*[\p{L}\d](?:\s\p{Lu}[\p{L}\p{M}.&-]*[\p{L}\d]){0,2})(?:\s*,\s*|\s(?:and|et|&)\s)\z", RegexOptions.CultureInvariant)]
    private static partial Regex JoinBeforeRegex();

    private static bool AfterFirstName(string sentence, int start)
    {
        var end = start;
        while (end > 0 && sentence[end - 1] == ' ') end--;
        if (end == start) return false;
        var begin = end;
        while (begin > 0 && (char.IsLetter(sentence[begin - 1]) || sentence[begin - 1] == '-')) begin--;
        return end > begin && NameGuesser.FirstNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(sentence.AsSpan(begin, end - begin));
    }

    /// <summary>"le laboratoire rival Anthropic": the noun phrase introduces the name that follows, it does not refer back.</summary>
    private static bool NamesItself(string sentence, Mention anaphor, List<Mention> mentions)
    {
        foreach (var m in mentions)
        {
            if (!m.IsOrganization || m.Start < anaphor.End || m.Start - anaphor.End > 30) continue;
            var words = sentence[anaphor.End..m.Start].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length <= 2 && words.All(w => w.All(c => char.IsLower(c) || c == '-') && !Linking.Contains(w));
        }
        return false;
    }

    private static HashSet<string> Linking => NameWords.Default.Linking;
    private static HashSet<string> CommonWordNames => NameWords.Default.CommonWordNames;
    private static HashSet<string> AffiliateWords => NameWords.Default.AffiliateWords;

    /// <summary>"Adani Green Energy", "Allianz Global Investors": the end of the capitalised words after a known name
    /// when the last of them is an affiliate word, else <paramref name="end"/>.</summary>
    private static int ExtendToAffiliate(string sentence, int end)
    {
        var extended = end;
        for (var (p, tokens) = (end, 0); tokens < 3; tokens++)
        {
            if (p + 1 >= sentence.Length || sentence[p] != ' ' || !char.IsUpper(sentence[p + 1])) break;
            var next = p + 1;
            while (next < sentence.Length && (char.IsLetter(sentence[next]) || sentence[next] == '-')) next++;
            var token = sentence[(p + 1)..next];
            if (NameGuesser.Stop.Contains(token) || NameGuesser.Months.Contains(token)) break;
            p = next;
            if (AffiliateWords.Contains(token)) extended = p;
        }
        return extended;
    }

    /// <summary>Whether a catalog name that is also a common word ("Total") stands as a name: at the end of a phrase
    /// (before punctuation, a number or the end) or before a verb, not before the noun it would qualify ("Total revenue").</summary>
    private static bool NameOfCommonWord(string sentence, int end)
    {
        if (end >= sentence.Length || sentence[end] != ' ') return true;
        if (end + 1 < sentence.Length && !char.IsLower(sentence[end + 1])) return true;
        return NameLexicon.Default.VerbAfter.IsMatch(sentence, end);
    }

    private static int ExtendProduct(string sentence, int end)
    {
        for (var tokens = 0; tokens < 3; tokens++)
        {
            if (end + 1 >= sentence.Length || sentence[end] != ' ' || !(char.IsUpper(sentence[end + 1]) || char.IsDigit(sentence[end + 1]))) break;
            var next = end + 1;
            while (next < sentence.Length && (char.IsLetterOrDigit(sentence[next]) || sentence[next] is '.' or '-')) next++;
            while (next > end + 1 && sentence[next - 1] == '.') next--;
            var token = sentence[(end + 1)..next];
            if (NameGuesser.Stop.Contains(token) || NameGuesser.Months.Contains(token) || (token.All(char.IsDigit) && token.Length == 4)) break;
            end = next;
        }
        return end;
    }

    private static MentionKind KindOf(Entity e) => e.Kind switch
    {
        EntityKind.Person => MentionKind.Person,
        EntityKind.Product => MentionKind.Product,
        EntityKind.Media => MentionKind.Media,
        _ => MentionKind.Organization,
    };

    private static bool IsFree(List<Mention> mentions, int start, int end)
    {
        foreach (var m in mentions)
            if (start < m.End && m.Start < end) return false;
        return true;
    }
}

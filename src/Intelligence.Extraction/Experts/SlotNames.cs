using System.Text.RegularExpressions;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts;

/// <summary>Organisations the entity table does not know, read from a slot of an expert's frame ("chief executive of
/// Corvane", "Corvane's board", "sued by Quorvia"): the capitalised name the slot opens on, unless it is a person, a stop
/// word, a month or a name already found. A role noun that opens the name ("Drugmaker Solvane") is no part of it, nor is a
/// possessive or a legal form at its end.</summary>
internal static partial class SlotNames
{
    /// <summary>The organisation whose name starts at <paramref name="position"/> (after determiners and white space), or
    /// null. <paramref name="people"/> are the people the expert reads: a slot that holds one of them names no organisation.</summary>
    public static Mention? OrganizationAt(SentenceView s, int position, IEnumerable<Mention>? people = null)
    {
        if (NameGuesser.CapitalisedSpanAt(s.Text, position) is not var (start, end, _)) return null;
        // "Drugmaker Solvane", "Rival Meditrex": a role noun before the name.
        var space = s.Text.IndexOf(' ', start, end - start);
        if (space > 0 && IsRoleNoun(s.Text[start..space])) start = space + 1;
        var name = s.Text[start..end];
        if (name.EndsWith("'s", StringComparison.Ordinal) || name.EndsWith("’s", StringComparison.Ordinal)) name = name[..^2];
        var lastSpace = name.LastIndexOf(' ');
        if (lastSpace > 0 && NameLexicon.Default.LegalForms.Contains(name[(lastSpace + 1)..].TrimEnd('.'))) name = name[..lastSpace];
        end = start + name.Length;
        if (name.Length < 2 || IsRoleNoun(name) || NameGuesser.Stop.Contains(name.Split(' ')[0]) || NameGuesser.Months.Contains(name.Split(' ')[0]))
            return null;
        // "Maria Olsen": a known first name and a surname name a person.
        if (name.Split(' ') is [var first, _] && NameGuesser.FirstNames.Contains(first)) return null;
        foreach (var m in s.Mentions)
        {
            // "Velmora's Arcus 7" guessed as one organisation holds the name, not the organisation.
            if (m.Source == MentionSource.Guess && (m.Name.Contains("'s ", StringComparison.Ordinal) || m.Name.Contains("’s ", StringComparison.Ordinal))) continue;
            if (m.Start < end && start < m.End) return m.IsOrganization && m.Start == start ? m : null;
        }
        if (people is not null)
            foreach (var p in people)
                if (p.Start < end && start < p.End) return null;
        return new Mention(start, end, name, MentionKind.Organization, MentionSource.Guess);
    }

    private static bool IsRoleNoun(string word) =>
        NameLexicon.Default.RoleNouns.Contains(word.ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>An organisation mention that is a person's name ("Alexandre Benalla" read as a company): it overlaps a
    /// person the expert reads, or is a known first name and a surname.</summary>
    public static bool IsPerson(Mention org, IEnumerable<Mention> people)
    {
        foreach (var p in people)
            if (p.Start < org.End && org.Start < p.End) return true;
        return org.Source == MentionSource.Guess && org.Name.Split(' ') is [var first, var last] &&
            NameGuesser.FirstNames.Contains(first) && last.Length > 1 && char.IsUpper(last[0]) && !NameGuesser.Stop.Contains(last);
    }
}

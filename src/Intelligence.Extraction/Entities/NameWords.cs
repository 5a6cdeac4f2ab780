using System.Text.Json;

namespace Intelligence.Extraction.Entities;

/// <summary>The word lists of <c>name-words.json</c>: given names, words that start no name, months and days, shapes that
/// are no products, organisation words, linking words and places whose possessive opens a name.</summary>
internal sealed class NameWords
{
    private sealed record File(
        string[] FirstNames, string[] StopWords, string[] CalendarWords, string[] NotProducts, string[] OrganisationWords, string[] LinkingWords,
        string[] PlacePossessives, string[] AffiliateWords, string[] CommonWordNames);

    public static NameWords Default { get; } = Load();

    public HashSet<string> FirstNames { get; }
    /// <summary>The stop words plus lexicon.json's <c>notNames</c>.</summary>
    public HashSet<string> Stop { get; }
    public HashSet<string> Calendar { get; }
    public HashSet<string> NotProducts { get; }
    public HashSet<string> OrganisationWords { get; }
    public HashSet<string> Linking { get; }
    /// <summary>The places of <c>placePossessives</c>, each with its possessive ("France's "), as the start of a guessed name.</summary>
    public string[] PlacePrefixes { get; }
    public HashSet<string> AffiliateWords { get; }
    public HashSet<string> CommonWordNames { get; }

    private NameWords(File f)
    {
        FirstNames = new HashSet<string>(f.FirstNames, StringComparer.Ordinal);
        Stop = new HashSet<string>(f.StopWords.Concat(NameLexicon.Default.NotNames), StringComparer.Ordinal);
        Calendar = new HashSet<string>(f.CalendarWords, StringComparer.OrdinalIgnoreCase);
        NotProducts = new HashSet<string>(f.NotProducts, StringComparer.Ordinal);
        OrganisationWords = new HashSet<string>(f.OrganisationWords, StringComparer.Ordinal);
        Linking = new HashSet<string>(f.LinkingWords, StringComparer.Ordinal);
        AffiliateWords = new HashSet<string>(f.AffiliateWords, StringComparer.Ordinal);
        CommonWordNames = new HashSet<string>(f.CommonWordNames, StringComparer.Ordinal);
        PlacePrefixes = f.PlacePossessives.SelectMany(p => new[] { p + "'s ", p + "’s " }).ToArray();
    }

    private static NameWords Load()
    {
        using var stream = typeof(NameWords).Assembly.GetManifestResourceStream("Intelligence.Extraction.Entities.name-words.json")
            ?? throw new InvalidOperationException("Embedded name-words.json is missing.");
        var file = JsonSerializer.Deserialize<File>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip })
            ?? throw new InvalidOperationException("name-words.json is empty.");
        return new NameWords(file);
    }
}

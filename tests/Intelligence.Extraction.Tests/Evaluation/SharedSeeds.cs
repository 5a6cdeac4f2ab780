namespace Intelligence.Extraction.Tests.Evaluation;

/// <summary>
/// The seed articles live outside the project (`../shared/corpus/` next to the checkout) and are not copied into it:
/// they are third-party news text. Tests that need them run when they are present and are skipped, with this reason, elsewhere.
/// </summary>
public static class SharedSeeds
{
    public static string? Corpus { get; } = Find();

    public static string Folder => Path.Combine(Corpus!, "seeds");
    public static string Gold => Path.Combine(Corpus!, "seeds-gold.jsonl");

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (File.Exists(Path.Combine(candidate, "seeds-gold.jsonl"))) return candidate;
        }
        return null;
    }
}

public sealed class SeedsFactAttribute : FactAttribute
{
    public SeedsFactAttribute()
    {
        if (SharedSeeds.Corpus is null) Skip = "The seed articles (../shared/corpus/seeds and seeds-gold.jsonl) are not present on this machine.";
    }
}

namespace Intelligence.Server.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Intelligence.sln), found from the test binaries.</summary>
    public static string Root { get; } = Find();

    public static string SampleCorpus => Path.Combine(Root, "samples", "corpus");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Intelligence.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find Intelligence.sln above " + AppContext.BaseDirectory);
    }
}

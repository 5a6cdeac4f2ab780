using System.CommandLine;

namespace Intelligence.Cli.Extraction;

/// <summary>`intel extract`, `intel eval`, `intel bench extract`.</summary>
public static class ExtractionCommands
{
    public static void AddTo(RootCommand root, Command bench)
    {
        // Filled in by the summarizer work (issue 3).
    }
}

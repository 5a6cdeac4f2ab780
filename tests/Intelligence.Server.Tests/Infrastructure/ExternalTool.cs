using System.Diagnostics;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>Runs a tool (npm, node) in a folder and collects its output; killed with its children past the timeout.</summary>
public static class ExternalTool
{
    public sealed record Result(int Code, string Stdout, string Stderr);

    public static async Task<Result> Run(string folder, string tool, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

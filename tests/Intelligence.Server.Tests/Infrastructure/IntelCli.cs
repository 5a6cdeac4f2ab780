using System.Diagnostics;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>Runs the real `intel` CLI (the built intel.dll) as a child process.</summary>
public static class IntelCli
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    public static async Task<Run> Invoke(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "intel.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["INTELLIGENCE_DB"] = connectionString;
        // The tests' local Slack stand-ins listen on loopback: the CLI's host lists them as receivers, as the test servers do.
        start.Environment["Alerts__WebhookReceivers__0"] = "http://127.0.0.1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}

namespace Intelligence.Cli.Hosting;

public static class CliErrors
{
    /// <summary>Runs a command body; known failures become a one-line message on stderr and a non-zero exit code.</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (Intelligence.Ingestion.Reading.ArticleReadException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (Npgsql.NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"error: database: {e.Message}");
            return 3;
        }
        catch (Exception e) when (e is not OperationCanceledException && Environment.GetEnvironmentVariable("INTELLIGENCE_DEBUG") is null)
        {
            await Console.Error.WriteLineAsync($"error: unexpected {e.GetType().Name}: {e.Message} (set INTELLIGENCE_DEBUG=1 for the stack trace)");
            return 70;
        }
    }
}

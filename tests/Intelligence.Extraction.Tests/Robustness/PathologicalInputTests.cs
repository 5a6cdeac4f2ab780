namespace Intelligence.Extraction.Tests.Robustness;

/// <summary>Hang guards, not timings: each input must simply complete (the generous limit only stops a runaway test).</summary>
public class PathologicalInputTests
{
    private static readonly Summarizer Summarizer = Summarizer.CreateDefault();

    private static void CompletesWithin(string text, int seconds = 120)
    {
        var task = Task.Run(() => Summarizer.Analyze(text));
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), "analysis did not complete");
        Assert.NotNull(task.Result);
    }

    [Fact]
    public void One_megabyte_without_punctuation() =>
        CompletesWithin(string.Concat(Enumerable.Repeat("Microsoft investit milliards dans OpenAI sans ponctuation aucune ", 16_000))[..1_000_000]);

    [Fact]
    public void A_hundred_thousand_digits() => CompletesWithin(new string('7', 100_000));

    [Fact]
    public void Digits_separated_by_spaces_and_commas() =>
        CompletesWithin(string.Concat(Enumerable.Repeat("123 456,789.012 ", 20_000)) + " milliards de dollars");

    [Fact]
    public void Mixed_scripts()
    {
        var chunk = "Microsoft 微软 投资 130亿美元 в OpenAI — مايكروسوفت تستثمر 13 مليار دولار; 🚀 Ünïcödé «27 %» ";
        CompletesWithin(string.Concat(Enumerable.Repeat(chunk, 5_000)));
    }

    [Fact]
    public void Empty_and_whitespace_input()
    {
        Assert.Empty(Summarizer.Analyze("").Facts);
        Assert.Empty(Summarizer.Analyze(" \n\t\u00A0 ").Facts);
    }
}

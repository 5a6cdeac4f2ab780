using System.Net;
using Intelligence.Domain.Facts;
using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Companies.Profiling;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.Partnerships.Timelines;
using Intelligence.Server.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Tests.Facts;

/// <summary>Runs only where the seed articles are present next to the checkout (they are third-party text, not copied into the project).</summary>
public sealed class SeedsFactAttribute : FactAttribute
{
    public static readonly string? SeedsFolder = Find();

    public SeedsFactAttribute()
    {
        if (SeedsFolder is null) Skip = "The seed articles (../shared/corpus/seeds) are not present on this machine.";
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "seeds");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>Both seed articles plus the sample corpus, through the real pipeline, give the knowledge analysts expect.</summary>
public sealed class SeedAcceptanceTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [SeedsFact]
    public async Task Seeds_and_samples_give_the_expected_timeline_profile_and_dispute()
    {
        await using var server = await RunningServer.Start(db.ConnectionString);
        foreach (var seed in Directory.GetFiles(SeedsFactAttribute.SeedsFolder!, "*.txt").Order(StringComparer.Ordinal))
        {
            var html = "<html lang=\"fr\"><head><title>Seed</title></head><body><article>"
                + string.Concat(File.ReadAllLines(seed).Where(l => l.Trim().Length > 0).Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"))
                + "</article></body></html>";
            var result = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle($"https://seeds.example/{Path.GetFileNameWithoutExtension(seed)}", html, Outlet: "seed " + Path.GetFileName(seed)));
            await server.WaitForAnalysis(result.ArticleId);
        }
        foreach (var page in Directory.GetFiles(RepoPaths.SampleCorpus, "*.html").Order(StringComparer.Ordinal))
            await server.IngestSample(Path.GetFileName(page));

        await using var session = server.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var timeline = await session.LoadAsync<PartnershipTimeline>(PartnershipTimelineProjection.PairKey("Microsoft", "OpenAI"));
        Assert.NotNull(timeline);
        var entries = timeline.Chronological().ToList();
        Assert.Contains(entries, e => e.Fact.Type == FactTypes.Investment && e.Fact.AmountUsd == 13_000_000_000m);
        Assert.Contains(entries, e => e.Fact.Type == FactTypes.Stake && e.Fact.Percent is >= 26.5 and <= 27.5);
        Assert.Contains(entries, e => e.Fact.Type == FactTypes.Partnership && e.Fact.Change == "restructured" && e.Date.Year == 2025 && e.Date.Month == 10 && e.DateSource == "text");
        Assert.Contains(entries, e => e.Fact.Until == "2032");

        var stake = (await session.Query<FactView>().Where(f => f.Type == FactTypes.Stake).ToListAsync())
            .Single(f => f.Fact.Holder == "Microsoft" && f.Fact.Target == "OpenAI");
        Assert.True(stake.SourceCount >= 2, $"stake reported by {stake.SourceCount} source(s)");

        var openAi = await session.LoadAsync<CompanyProfile>("OpenAI");
        Assert.NotNull(openAi);
        Assert.Contains(openAi.OfType(FactTypes.Loss), e => e.Fact.Period == "2026" && e.Fact.Kind == "projected" && e.Fact.AmountUsd == 14_000_000_000m);
        Assert.Contains(openAi.OfType(FactTypes.Revenue), e => e.Fact.Period == "annualized" && e.Fact.AmountUsd is >= 19_000_000_000m and <= 21_000_000_000m);

        var disputes = await session.Query<FactView>().Where(f => f.Type == FactTypes.Dispute).ToListAsync();
        Assert.Contains(disputes, d => d.Companies.Contains("US Department of Defense") && d.Companies.Contains("Anthropic"));
    }
}

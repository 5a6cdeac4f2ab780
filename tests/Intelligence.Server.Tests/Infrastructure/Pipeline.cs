using Intelligence.Server.Articles.Ingesting;
using Intelligence.Server.Articles.Viewing;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Intelligence.Server.Tests.Infrastructure;

public static class Pipeline
{
    /// <summary>Ingests a sample page through the bus and waits until the pipeline has analysed it.</summary>
    public static async Task<IngestResult> IngestSample(this RunningServer server, string fileName, string? asUrl = null)
    {
        var path = Path.Combine(RepoPaths.SampleCorpus, fileName);
        var html = await File.ReadAllTextAsync(path);
        var result = await server.Bus.InvokeAsync<IngestResult>(new IngestArticle(asUrl ?? new Uri(path).AbsoluteUri, html, SourceId: "samples"));
        if (result.Outcome == IngestOutcome.Ingested) await server.WaitForAnalysis(result.ArticleId);
        return result;
    }

    public static Task<ArticleView> WaitForAnalysis(this RunningServer server, Guid articleId) => server.App.WaitForAnalysis(articleId);

    public static async Task<ArticleView> WaitForAnalysis(this Microsoft.AspNetCore.Builder.WebApplication app, Guid articleId)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            var view = await session.LoadAsync<ArticleView>(articleId);
            if (view?.ExtractorVersion is not null)
            {
                // Company profiles and timelines are kept by the async daemon: wait until it has caught up too.
                await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
                return view;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Article {articleId} was not analysed within 60 s.");
    }
}

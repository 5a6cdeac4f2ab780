using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Server.Articles.Viewing;

namespace Intelligence.Server.Articles.Analyzing;

/// <summary>
/// What <see cref="AnalyzeArticle"/> decides on, folded from the article's own stream and loaded with FetchForWriting
/// (which also guards the append with the stream's version): the text and language, when and where it appeared, the
/// facts it states now and the extractor version that last analysed it. Analysts read <see cref="ArticleView"/>.
/// </summary>
public sealed class Article
{
    public Guid Id { get; set; }
    public string Text { get; set; } = "";
    public string Language { get; set; } = "";
    public DateTimeOffset? PublishedAt { get; set; }
    public string? Outlet { get; set; }
    public string? ExtractorVersion { get; set; }
    public List<ArticleFactRef> Facts { get; set; } = [];

    public static Article Create(ArticleIngested e) => new()
    {
        Id = e.ArticleId, Text = e.Text, Language = e.Language, PublishedAt = e.PublishedAt, Outlet = e.Outlet,
    };

    public void Apply(FactExtracted e)
    {
        if (Facts.All(f => f.Key != e.FactKey)) Facts.Add(new ArticleFactRef(e.FactKey, [.. e.Fact.Companies]));
    }

    public void Apply(FactRetracted e) => Facts.RemoveAll(f => f.Key == e.FactKey);

    public void Apply(ArticleAnalyzed e) => ExtractorVersion = e.ExtractorVersion;
}

using Intelligence.Domain.Articles;
using Intelligence.Domain.Facts;
using Intelligence.Ingestion.Dedup;
using Marten.Events.Aggregation;

namespace Intelligence.Server.Articles.Viewing;

/// <summary>What analysts see of one article. Inline projection of the article's stream.</summary>
public sealed class ArticleView
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string CanonicalUrl { get; set; } = "";
    public string? Outlet { get; set; }
    public string Title { get; set; } = "";
    public string? Byline { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string Language { get; set; } = "";
    public string Text { get; set; } = "";
    public string? SourceId { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
    /// <summary>Global event sequence of ArticleIngested: a stable cursor position.</summary>
    public long Sequence { get; set; }
    public string TextHash { get; set; } = "";
    public ulong SimHash { get; set; }
    /// <summary>The same 64 bits as a signed integer: the near-duplicate lookup reads them from a bigint column.</summary>
    public long SimHashBits { get; set; }
    /// <summary>See <see cref="ArticleIdentity.SimHashBands"/>: the near-duplicate lookup's indexed column.</summary>
    public int[] SimHashBands { get; set; } = [];
    public List<string> CopyUrls { get; set; } = [];
    public string? ExtractorVersion { get; set; }
    public List<string> Summary { get; set; } = [];
    public int FactCount { get; set; }
    /// <summary>Identities of the facts this article currently states (extracted and not retracted).</summary>
    public List<ArticleFactRef> Facts { get; set; } = [];
    /// <summary>Stream version (the analysis guards its appends with the version it fetches itself: see Analyzing/Article).</summary>
    public long Version { get; set; }
}

public sealed record ArticleFactRef(string Key, List<string> Companies);

public sealed class ArticleViewProjection : SingleStreamProjection<ArticleView, Guid>
{
    public static ArticleView Create(JasperFx.Events.IEvent<ArticleIngested> e)
    {
        var simHash = ArticleIdentity.ParseSimHash(e.Data.SimHash);
        return new ArticleView
        {
            Id = e.Data.ArticleId,
            Url = e.Data.Url,
            CanonicalUrl = e.Data.CanonicalUrl,
            Outlet = e.Data.Outlet,
            Title = e.Data.Title,
            Byline = e.Data.Byline,
            PublishedAt = e.Data.PublishedAt,
            Language = e.Data.Language,
            Text = e.Data.Text,
            SourceId = e.Data.SourceId,
            IngestedAt = e.Data.IngestedAt,
            Sequence = e.Sequence,
            TextHash = e.Data.TextHash,
            SimHash = simHash,
            SimHashBits = unchecked((long)simHash),
            SimHashBands = ArticleIdentity.SimHashBands(simHash),
        };
    }

    public static void Apply(ArticleCopySeen e, ArticleView view)
    {
        if (!view.CopyUrls.Contains(e.CopyUrl)) view.CopyUrls.Add(e.CopyUrl);
    }

    public static void Apply(FactExtracted e, ArticleView view)
    {
        if (view.Facts.All(f => f.Key != e.FactKey)) view.Facts.Add(new ArticleFactRef(e.FactKey, [.. e.Fact.Companies]));
    }

    public static void Apply(FactRetracted e, ArticleView view) => view.Facts.RemoveAll(f => f.Key == e.FactKey);

    public static void Apply(ArticleAnalyzed e, ArticleView view)
    {
        view.ExtractorVersion = e.ExtractorVersion;
        view.Summary = [.. e.Summary];
        view.FactCount = e.FactCount;
    }
}

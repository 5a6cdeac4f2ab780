namespace Intelligence.Ingestion.Reading;

/// <summary>What <see cref="ArticleReader"/> found in one HTML page.</summary>
/// <param name="Text">Main-text paragraphs joined by a blank line ("\n\n").</param>
/// <param name="Language">Two-letter code ("fr", "en"), or "und" when nothing tells.</param>
public sealed record ReadArticle(
    string? CanonicalUrl,
    string Title,
    string? Byline,
    DateTimeOffset? PublishedAt,
    string Text,
    string Language,
    string? SiteName)
{
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>True when the page showed only a public part (paywall teaser, "subscribers only" markup).</summary>
    public bool Partial { get; init; }
}

/// <summary>The page could not be read as an article: empty input, or no readable text in it.</summary>
public sealed class ArticleReadException : Exception
{
    public ArticleReadException(string message) : base(message) { }

    public ArticleReadException(string message, Exception inner) : base(message, inner) { }
}

using System.IO.Compression;
using System.Text;
using Intelligence.Domain.Articles;
using Intelligence.Ingestion.Crawling;
using Intelligence.Ingestion.Dedup;
using Intelligence.Ingestion.Reading;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Articles.Analyzing;
using Intelligence.Server.Storage;
using Marten;
using Wolverine;

namespace Intelligence.Server.Articles.Ingesting;

/// <summary>
/// Store one page as an article: the one path every page takes (crawl, `intel ingest`, GraphQL `ingestUrl`).
/// Idempotent: the same canonical URL or the same text appends nothing new.
/// </summary>
/// <param name="Html">The page as text, already decoded (see <see cref="Intelligence.Ingestion.Fetching.Charset"/>).</param>
/// <param name="Charset">The charset <paramref name="Html"/> was decoded from, kept with the raw page.</param>
/// <param name="LanguageHint">The source's language, used when the page does not tell.</param>
public sealed record IngestArticle(
    string Url, string Html, string? SourceId = null, string? Outlet = null, string? Charset = null, string? LanguageHint = null)
{
    /// <summary>A crawled page as fetched and decoded; the source's language is the hint.</summary>
    public static IngestArticle Of(CrawledPage page, string? sourceLanguage) =>
        new(page.Url.AbsoluteUri, page.Html, page.SourceId, Charset: page.Charset, LanguageHint: sourceLanguage);
}

public enum IngestOutcome { Ingested, AlreadyKnown, CopyOfExisting, Unreadable }

/// <summary>What happened to the page. Unreadable pages are an answer (with the reason), not an exception: nothing is appended.</summary>
public sealed record IngestResult(IngestOutcome Outcome, Guid ArticleId, string Title, string? Problem = null);

/// <summary>The page as first fetched, gzip-compressed, kept for re-analysis with later readers/extractors.</summary>
public sealed class RawArticleHtml
{
    public Guid Id { get; set; }
    public byte[] Gzip { get; set; } = [];

    /// <summary>The charset the page was decoded from (the text is kept as UTF-8); null when the caller did not say.</summary>
    public string? Charset { get; set; }

    public static RawArticleHtml Of(Guid id, string html, string? charset = null)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
            gzip.Write(Encoding.UTF8.GetBytes(html));
        return new RawArticleHtml { Id = id, Gzip = buffer.ToArray(), Charset = charset };
    }

    public string Decompress()
    {
        using var gzip = new GZipStream(new MemoryStream(Gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public static class IngestArticleHandler
{
    /// <summary>
    /// The result, and for a new article its analysis request: cascaded through the outbox, so it is committed with the
    /// events and an ingested article is never left unanalysed.
    /// </summary>
    public static async Task<(IngestResult, OutgoingMessages)> Handle(IngestArticle command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        ReadArticle read;
        try
        {
            read = ArticleReader.Read(command.Html, TryUri(command.Url));
        }
        catch (ArticleReadException e)
        {
            return (new IngestResult(IngestOutcome.Unreadable, Guid.Empty, "", e.Message), []);
        }
        if (read.Language == "und" && command.LanguageHint is { } hint) read = read with { Language = hint };
        var canonicalUrl = ArticleIdentity.CanonicalUrl(command.Url, read.CanonicalUrl);
        var articleId = ArticleIdentity.FromUrl(canonicalUrl);

        var textHash = ArticleIdentity.TextHash(read.Text);
        var simHash = ArticleIdentity.SimHash(read.Text);
        var candidates = await FindCandidates(session, articleId, textHash, simHash, ct);
        if (candidates.Any(c => c.Known)) return (new IngestResult(IngestOutcome.AlreadyKnown, articleId, read.Title), []);

        var original = await FindCopyOriginal(session, candidates, read.Text, simHash, ct);
        var now = time.GetUtcNow();
        if (original is not null)
        {
            var copyUrl = ArticleIdentity.NormalizeUrl(command.Url);
            if (!original.CopyUrls.Contains(copyUrl) && original.CanonicalUrl != copyUrl)
                session.Events.Append(original.Id, new ArticleCopySeen(
                    original.Id, copyUrl, command.Outlet ?? read.SiteName ?? HostOf(copyUrl),
                    ArticleIdentity.Distance(original.SimHash, simHash), now));
            return (new IngestResult(IngestOutcome.CopyOfExisting, original.Id, original.Title), []);
        }

        session.Events.StartStream<ArticleView>(articleId, new ArticleIngested(
            articleId, command.Url, canonicalUrl, command.Outlet ?? read.SiteName ?? HostOf(canonicalUrl),
            read.Title, read.Byline, read.PublishedAt, read.Language, read.Text, textHash, simHash.ToString("x16"),
            command.SourceId, now));
        session.Store(RawArticleHtml.Of(articleId, command.Html, command.Charset));
        return (new IngestResult(IngestOutcome.Ingested, articleId, read.Title), [new AnalyzeIngestedArticle(articleId)]);
    }

    /// <summary>How far back (by ingestion) syndicated copies are looked for beyond the exact SimHash bands.</summary>
    private const int RecentCandidates = 200;

    /// <summary>
    /// An article the page may already be (<see cref="Known"/>: same id) or be a copy of: found by the same text hash,
    /// a shared SimHash band, or recency.
    /// </summary>
    private sealed record CopyCandidate(Guid ArticleId, bool Known, bool SameText);

    private static async Task<IReadOnlyList<CopyCandidate>> FindCandidates(IQuerySession session, Guid articleId, string textHash, ulong simHash, CancellationToken ct)
    {
        // The article's own row (its view is written with its first event), then the copies: two texts within 3 bits share
        // a 16-bit band (pigeonhole), which the GIN index finds; edited copies can sit a little further, and are looked for
        // among recent articles. Only candidates within the confirmation radius come back (PostgreSQL 14+ bit_count).
        // One round trip, in SQL rather than LINQ: this runs for every page crawled, and Marten compiles a LINQ query's
        // captured values on every call.
        var bands = ArticleIdentity.SimHashBands(simHash);
        var table = await DocumentTables.Of<ArticleView>(session.DocumentStore, ct);
        var bits = unchecked((long)simHash);
        // Filtered in each branch, so the union deduplicates a handful of rows rather than the 200 recent ones.
        var withinRadius = $"bit_count((sim_hash_bits # ?)::bit(64)) <= {ArticleIdentity.ConfirmRadius}";
        return await session.AdvancedSql.QueryAsync<CopyCandidate>($"""
            select jsonb_build_object('articleId', id, 'known', id = ?, 'sameText', text_hash = ?) from (
              (select id, text_hash from {table} where id = ?)
              union
              (select id, text_hash from {table} where text_hash = ? limit 1)
              union
              (select id, text_hash from {table} where sim_hash_bands && ? and {withinRadius})
              union
              (select id, text_hash from (select id, sim_hash_bits, text_hash from {table} order by sequence desc limit {RecentCandidates}) recent
               where {withinRadius})) candidates
            """, ct, articleId, textHash, articleId, textHash, bands, bits, bits);
    }

    private static async Task<ArticleView?> FindCopyOriginal(IQuerySession session, IReadOnlyList<CopyCandidate> candidates, string text, ulong simHash, CancellationToken ct)
    {
        if (candidates.FirstOrDefault(c => c.SameText) is { } same) return await session.LoadAsync<ArticleView>(same.ArticleId, ct);
        if (candidates.Count == 0) return null;
        // Texts are loaded only for the few within the confirmation radius, and confirmed by resemblance.
        var articles = await session.LoadManyAsync<ArticleView>(ct, candidates.Select(c => c.ArticleId).ToArray());
        return articles
            .Where(a => ArticleIdentity.IsNearDuplicate(a.SimHash, a.Text, simHash, text))
            .OrderBy(a => ArticleIdentity.Distance(a.SimHash, simHash))
            .FirstOrDefault();
    }

    private static Uri? TryUri(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;

    private static string? HostOf(string url) => TryUri(url)?.Host;
}

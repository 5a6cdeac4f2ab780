using Cronos;
using Intelligence.Ingestion.Safety;

namespace Intelligence.Ingestion.Sources;

public enum SourceKind
{
    Rss,
    Atom,
    /// <summary>A sitemap.xml, typically a Google News sitemap with &lt;news:news&gt; entries.</summary>
    Sitemap,
    /// <summary>A single article page.</summary>
    Page,
    /// <summary>A local HTML file or a directory of them.</summary>
    File,
}

/// <summary>Where articles come from and how politely to take them. Load a list with <see cref="SourcesFile"/>.</summary>
public sealed record SourceDefinition(string Id, string Name, SourceKind Kind)
{
    /// <summary>Feed, sitemap or page URL (every kind but <see cref="SourceKind.File"/>).</summary>
    public Uri? Url { get; init; }

    /// <summary>File or directory (kind <see cref="SourceKind.File"/> only).</summary>
    public string? Path { get; init; }

    /// <summary>
    /// Directories a file source may read under (checked per file, links resolved); null = anywhere, as for the sources
    /// file an operator writes. Sources added over the API get the server's configured roots.
    /// </summary>
    public IReadOnlyList<string>? FileRoots { get; init; }

    /// <summary>Cron expression (5 fields, UTC) for scheduled crawls.</summary>
    public string Schedule { get; init; } = "*/30 * * * *";

    /// <summary>"en", "fr"…: what the articles are expected to be in, when a page does not say.</summary>
    public string? Language { get; init; }

    /// <summary>Minimum delay between two requests to one host of this source; robots.txt crawl-delay may raise it.</summary>
    public TimeSpan? HostDelay { get; init; }

    /// <summary>Private addresses this source may reach (tests, intranet feeds); empty by default.</summary>
    public PrivateAddressAllowList AllowPrivateAddresses { get; init; } = PrivateAddressAllowList.None;

    public bool Enabled { get; init; } = true;

    /// <summary>Why a source is disabled, or anything an operator should know.</summary>
    public string? Note { get; init; }

    /// <summary>Upper bound on article URLs taken from one discovery (newest first in feed order).</summary>
    public int MaxArticlesPerRun { get; init; } = 200;

    public CronExpression Cron => CronExpression.Parse(Schedule, CronFormat.Standard);

    public DateTimeOffset? NextRunAfter(DateTimeOffset from) => Cron.GetNextOccurrence(from, TimeZoneInfo.Utc);
}

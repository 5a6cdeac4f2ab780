using Intelligence.Server.Storage;
using Intelligence.Domain.Facts;
using Intelligence.Server.Facts;
using Intelligence.Server.Facts.Corroborating;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Intelligence.Server.Partnerships.Timelines;

/// <summary>
/// The history between two companies (keyed by the unordered pair, "Microsoft + OpenAI"): investments, stakes,
/// restructurings, exclusivity and its end, integrations, disputes — one entry per fact, with every source.
/// </summary>
public sealed class PartnershipTimeline
{
    public string Id { get; set; } = "";
    public List<string> Companies { get; set; } = [];
    public List<TimelineEntry> Entries { get; set; } = [];

    /// <summary>Set on a historical view (never stored): gives it its own global id.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Facts.History.TimeTravel? View { get; set; }

    public IEnumerable<TimelineEntry> Chronological() =>
        Entries.Where(e => e.Sources.Count > 0).OrderBy(e => e.Date).ThenBy(e => e.FirstSequence);
}

public sealed class TimelineEntry
{
    public string FactKey { get; set; } = "";
    public Fact Fact { get; set; } = new() { Type = "" };
    /// <summary>When it happened: the text's own date when it gives one, else the earliest publication date.</summary>
    public DateTimeOffset Date { get; set; }
    /// <summary>"text" when the article states the date, "published" when the publication date stands in for it.</summary>
    public string DateSource { get; set; } = "published";
    public List<FactSource> Sources { get; set; } = [];
    public double Confidence { get; set; }
    public long FirstSequence { get; set; }
}

public sealed class PartnershipTimelineProjection : MultiStreamProjection<PartnershipTimeline, string>
{
    public PartnershipTimelineProjection()
    {
        Identities<FactExtracted>(e => PairKeys(e.Fact.Companies));
        Identities<FactRetracted>(e => PairKeys(e.Companies));
        Options.CacheLimitPerTenant = AsyncFactViews.AggregateCacheSize;
        Options.BatchSize = AsyncFactViews.PageSize;
    }

    public static string PairKey(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? $"{a} + {b}" : $"{b} + {a}";

    public static IReadOnlyList<string> PairKeys(IReadOnlyList<string> companies)
    {
        var keys = new List<string>();
        for (var i = 0; i < companies.Count; i++)
            for (var j = i + 1; j < companies.Count; j++)
                keys.Add(PairKey(companies[i], companies[j]));
        return keys;
    }

    // Marten hands a view's first event to Create only: fold it here too (Fold is idempotent, so a later Apply is harmless).
    public static PartnershipTimeline Create(IEvent<FactExtracted> e)
    {
        var timeline = new PartnershipTimeline();
        Fold(timeline, e.Data, StoredTime.Of(e), e.Sequence);
        return timeline;
    }

    public static void Apply(IEvent<FactExtracted> e, PartnershipTimeline timeline) => Fold(timeline, e.Data, StoredTime.Of(e), e.Sequence);

    public static void Apply(IEvent<FactRetracted> e, PartnershipTimeline timeline) => Fold(timeline, e.Data);

    public static void Fold(PartnershipTimeline timeline, FactExtracted e, DateTimeOffset at, long sequence)
    {
        if (timeline.Companies.Count == 0) timeline.Companies = [.. e.Fact.Companies.Order(StringComparer.Ordinal).Take(2)];
        var entry = timeline.Entries.FirstOrDefault(x => x.FactKey == e.FactKey);
        if (entry is null)
        {
            entry = new TimelineEntry { FactKey = e.FactKey, Fact = e.Fact, FirstSequence = sequence, Date = e.PublishedAt ?? at };
            timeline.Entries.Add(entry);
        }
        entry.Sources.RemoveAll(s => s.ArticleId == e.ArticleId);
        entry.Sources.Add(new FactSource(e.ArticleId, e.Outlet, e.PublishedAt, e.Fact.Evidence?.Quote, e.Fact.Confidence, e.Fact.Expert, e.ExtractorVersion, at));
        if (e.Fact.Confidence >= entry.Confidence) { entry.Confidence = e.Fact.Confidence; entry.Fact = e.Fact; }
        if (FactDates.Parse(e.Fact.Date) is { } stated)
        {
            entry.Date = stated;
            entry.DateSource = "text";
        }
        else if (entry.DateSource == "published" && (e.PublishedAt ?? at) < entry.Date)
        {
            entry.Date = e.PublishedAt ?? at;
        }
    }

    public static void Fold(PartnershipTimeline timeline, FactRetracted e)
    {
        foreach (var entry in timeline.Entries.Where(x => x.FactKey == e.FactKey))
            entry.Sources.RemoveAll(s => s.ArticleId == e.ArticleId);
        timeline.Entries.RemoveAll(x => x.Sources.Count == 0);
    }
}

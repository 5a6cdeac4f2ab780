using Intelligence.Server.Storage;
using Intelligence.Domain.Facts;
using Intelligence.Server.Facts;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Intelligence.Server.Companies.Profiling;

/// <summary>
/// Everything reported about one canonical company (keyed by its name). The projection keeps every report as an entry;
/// the "latest per counterparty / per period, with history" views are computed from them when queried.
/// </summary>
public sealed class CompanyProfile
{
    public string Id { get; set; } = "";
    public List<ProfileEntry> Entries { get; set; } = [];
    public List<Guid> ArticleIds { get; set; } = [];
    public DateTimeOffset LastUpdated { get; set; }

    /// <summary>Set on a historical view (never stored): gives it its own global id.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Facts.History.TimeTravel? View { get; set; }

    public IEnumerable<ProfileEntry> OfType(string type) => Entries.Where(e => e.Fact.Type == type);

    /// <summary>The latest report per key (counterparty or period), each with the earlier reports as history.</summary>
    public IEnumerable<LatestReport> LatestBy(IEnumerable<ProfileEntry> entries, Func<ProfileEntry, string> key) =>
        entries.GroupBy(key)
            .Select(g =>
            {
                var ordered = g.OrderBy(e => e.ReportedAt).ThenBy(e => e.Sequence).ToList();
                return new LatestReport(g.Key, ordered[^1], ordered.Take(ordered.Count - 1).ToList());
            })
            .OrderBy(r => r.Key, StringComparer.Ordinal);
}

public sealed record ProfileEntry(string FactKey, Guid ArticleId, Fact Fact, string? Outlet, DateTimeOffset? PublishedAt, DateTimeOffset ReportedAt, long Sequence)
{
    /// <summary>The other company of a two-sided fact, seen from <paramref name="company"/>.</summary>
    public string? Counterparty(string company) => Fact.Companies.FirstOrDefault(c => c != company);
}

public sealed record LatestReport(string Key, ProfileEntry Latest, IReadOnlyList<ProfileEntry> History);

public sealed class CompanyProfileProjection : MultiStreamProjection<CompanyProfile, string>
{
    public CompanyProfileProjection()
    {
        Identities<FactExtracted>(e => e.Fact.Companies);
        Identities<FactRetracted>(e => e.Companies);
        Options.CacheLimitPerTenant = AsyncFactViews.AggregateCacheSize;
        Options.BatchSize = AsyncFactViews.PageSize;
    }

    // Marten hands a view's first event to Create only: fold it here too (Fold is idempotent, so a later Apply is harmless).
    public static CompanyProfile Create(IEvent<FactExtracted> e)
    {
        var profile = new CompanyProfile();
        Fold(profile, e.Data, StoredTime.Of(e), e.Sequence);
        return profile;
    }

    public static void Apply(IEvent<FactExtracted> e, CompanyProfile profile) => Fold(profile, e.Data, StoredTime.Of(e), e.Sequence);

    public static void Apply(IEvent<FactRetracted> e, CompanyProfile profile) => Fold(profile, e.Data);

    /// <summary>Shared with as-of queries, which fold the same events up to a date.</summary>
    public static void Fold(CompanyProfile profile, FactExtracted e, DateTimeOffset at, long sequence)
    {
        profile.Entries.RemoveAll(x => x.ArticleId == e.ArticleId && x.FactKey == e.FactKey);
        profile.Entries.Add(new ProfileEntry(e.FactKey, e.ArticleId, e.Fact, e.Outlet, e.PublishedAt, e.PublishedAt ?? at, sequence));
        if (!profile.ArticleIds.Contains(e.ArticleId)) profile.ArticleIds.Add(e.ArticleId);
        profile.LastUpdated = at;
    }

    public static void Fold(CompanyProfile profile, FactRetracted e)
    {
        profile.Entries.RemoveAll(x => x.ArticleId == e.ArticleId && x.FactKey == e.FactKey);
        if (profile.Entries.All(x => x.ArticleId != e.ArticleId)) profile.ArticleIds.Remove(e.ArticleId);
    }
}

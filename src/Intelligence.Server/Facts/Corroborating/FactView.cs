using Intelligence.Server.Storage;
using Intelligence.Domain.Facts;
using Marten.Events.Projections;

namespace Intelligence.Server.Facts.Corroborating;

/// <summary>
/// One fact as the world states it, across every article that reports it (keyed by FactKey).
/// Two outlets stating the same stake make one FactView with two sources: it is corroborated.
/// </summary>
public sealed class FactView
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public Fact Fact { get; set; } = new() { Type = "" };
    public List<string> Companies { get; set; } = [];
    public List<FactSource> Sources { get; set; } = [];
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    /// <summary>The date the fact refers to: the text's own date if given, else the earliest publication date.</summary>
    public DateTimeOffset? FactDate { get; set; }
    public int SourceCount { get; set; }
    /// <summary>Distinct outlets reporting it: the corroboration measure.</summary>
    public int OutletCount { get; set; }
    public double BestConfidence { get; set; }
    /// <summary>Sequence of the last event that touched this fact: a stable cursor position.</summary>
    public long Sequence { get; set; }
    /// <summary>Sequence of the first extraction: stable ordering position for lists.</summary>
    public long FirstSequence { get; set; }
    public bool Retracted => Sources.Count == 0;
}

public sealed record FactSource(Guid ArticleId, string? Outlet, DateTimeOffset? PublishedAt, string? Quote, double Confidence, string? Expert, string ExtractorVersion, DateTimeOffset SeenAt);

public sealed class FactViewProjection : MultiStreamProjection<FactView, string>
{
    public FactViewProjection()
    {
        Identity<FactExtracted>(e => e.FactKey);
        Identity<FactRetracted>(e => e.FactKey);
    }

    public static FactView Create(JasperFx.Events.IEvent<FactExtracted> e)
    {
        var view = new FactView
        {
            Id = e.Data.FactKey,
            Type = e.Data.Fact.Type,
            Fact = e.Data.Fact,
            Companies = [.. e.Data.Fact.Companies],
            FirstSeen = StoredTime.Of(e),
            FirstSequence = e.Sequence,
        };
        // Marten gives the creating event to Create only (Apply is not called for it): record its source here too.
        Apply(e, view);
        return view;
    }

    public static void Apply(JasperFx.Events.IEvent<FactExtracted> e, FactView view)
    {
        var data = e.Data;
        view.Sources.RemoveAll(s => s.ArticleId == data.ArticleId);
        view.Sources.Add(new FactSource(data.ArticleId, data.Outlet, data.PublishedAt, data.Fact.Evidence?.Quote,
            data.Fact.Confidence, data.Fact.Expert, data.ExtractorVersion, StoredTime.Of(e)));
        if (data.Fact.Confidence >= view.BestConfidence) view.Fact = data.Fact;
        view.LastSeen = StoredTime.Of(e);
        view.Sequence = e.Sequence;
        Recount(view);
        var statedDate = FactDates.Parse(data.Fact.Date);
        view.FactDate = statedDate ?? Earliest(view.FactDate, data.PublishedAt);
    }

    public static void Apply(JasperFx.Events.IEvent<FactRetracted> e, FactView view)
    {
        view.Sources.RemoveAll(s => s.ArticleId == e.Data.ArticleId);
        view.Sequence = e.Sequence;
        Recount(view);
    }

    private static void Recount(FactView view)
    {
        view.SourceCount = view.Sources.Count;
        view.OutletCount = view.Sources.Select(s => s.Outlet ?? s.ArticleId.ToString()).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        view.BestConfidence = view.Sources.Count == 0 ? 0 : view.Sources.Max(s => s.Confidence);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}

/// <summary>Facts carry the text's own date as ISO yyyy, yyyy-MM or yyyy-MM-dd.</summary>
public static class FactDates
{
    public static DateTimeOffset? Parse(string? iso)
    {
        if (string.IsNullOrWhiteSpace(iso)) return null;
        var parts = iso.Split('-');
        if (!int.TryParse(parts[0], out var year) || year < 1900 || year > 2200) return null;
        var month = parts.Length > 1 && int.TryParse(parts[1], out var m) && m is >= 1 and <= 12 ? m : 1;
        var day = parts.Length > 2 && int.TryParse(parts[2], out var d) && d >= 1 && d <= DateTime.DaysInMonth(year, month) ? d : 1;
        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
    }
}

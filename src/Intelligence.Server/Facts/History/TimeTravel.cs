using System.Globalization;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Intelligence.Domain.Facts;
using Intelligence.Server.Storage;
using JasperFx.Events;
using Marten;

namespace Intelligence.Server.Facts.History;

/// <summary>
/// A past view with two clocks. <see cref="AsOf"/>: what had been <em>reported</em> by then (publication time of the
/// sources; ingestion time for a page that gives none), as the store knows it now. <see cref="KnownAt"/>: what the
/// store had <em>recorded</em> by then (event time), retractions included. Either or both; neither is the live view.
/// </summary>
public sealed record TimeTravel(DateTimeOffset? AsOf, DateTimeOffset? KnownAt)
{
    public const string AsOfArgument = "asOf";
    public const string KnownAtArgument = "knownAt";

    public static void AddArguments<TSource, TReturn>(FieldBuilder<TSource, TReturn> field) => field
        .Argument<DateTimeGraphType>(AsOfArgument, "Only facts reported (published) by then, as known now.")
        .Argument<DateTimeGraphType>(KnownAtArgument, "Only what the store had recorded by then (its knowledge at that moment).");

    /// <summary>The view the arguments ask for; null for the live object.</summary>
    public static TimeTravel? From(IResolveFieldContext ctx)
    {
        var asOf = ctx.GetArgument<DateTimeOffset?>(AsOfArgument);
        var knownAt = ctx.GetArgument<DateTimeOffset?>(KnownAtArgument);
        return asOf is null && knownAt is null ? null : new TimeTravel(asOf, knownAt);
    }

    /// <summary>Whether an extraction recorded at <paramref name="recordedAt"/> belongs in this view.</summary>
    public bool Includes(FactExtracted e, DateTimeOffset recordedAt) =>
        (KnownAt is not { } known || recordedAt <= known) && (AsOf is not { } asOf || (e.PublishedAt ?? recordedAt) <= asOf);

    /// <summary>Fact events recorded by <see cref="KnownAt"/> (all when unset), in sequence order, streamed.</summary>
    public IAsyncEnumerable<IEvent> FactEvents(IQuerySession session, CancellationToken ct)
    {
        var events = session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == "fact_extracted" || e.EventTypeName == "fact_retracted");
        if (KnownAt is { } known) events = events.Where(e => e.Timestamp <= known);
        return events.OrderBy(e => e.Sequence).ToAsyncEnumerable(ct);
    }

    /// <summary>The key of a historical object's global id: the two clocks, then the live object's key.</summary>
    public string KeyOf(string liveKey) => $"{Format(AsOf)}|{Format(KnownAt)}|{liveKey}";

    public static (TimeTravel View, string LiveKey)? ParseKey(string key)
    {
        var parts = key.Split('|', 3);
        if (parts.Length != 3 || !TryParse(parts[0], out var asOf) || !TryParse(parts[1], out var knownAt)) return null;
        if (asOf is null && knownAt is null) return null;
        return (new TimeTravel(asOf, knownAt), parts[2]);
    }

    /// <summary>Folds fact events of this view into a document with the projection's own fold methods.</summary>
    public async Task Fold(IQuerySession session, Func<IReadOnlyList<string>, bool> concerns,
        Action<FactExtracted, DateTimeOffset, long> extracted, Action<FactRetracted> retracted, CancellationToken ct)
    {
        await foreach (var e in FactEvents(session, ct))
        {
            if (e.Data is FactExtracted x && concerns(x.Fact.Companies) && Includes(x, StoredTime.Of(e))) extracted(x, StoredTime.Of(e), e.Sequence);
            else if (e.Data is FactRetracted r && concerns(r.Companies)) retracted(r);
        }
    }

    private static string Format(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";

    private static bool TryParse(string text, out DateTimeOffset? at)
    {
        at = null;
        if (text.Length == 0) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)) return false;
        at = parsed;
        return true;
    }
}

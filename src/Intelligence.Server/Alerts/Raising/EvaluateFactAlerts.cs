using Intelligence.Domain.Facts;
using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Rules;
using Intelligence.Server.Alerts.Viewing;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Facts.Corroborating;
using Marten;
using JasperFx.Events;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Intelligence.Server.Alerts.Raising;

/// <summary>
/// Ask the alert rules about the facts one analysis changed, as they are corroborated now. Returned by the analysis that
/// appends the FactExtracted/FactRetracted events, so Wolverine's outbox commits it in the same transaction: nothing
/// committed is missed (a crash after commit leaves it in the durable inbox), nothing uncommitted is evaluated, and an
/// analysis that changes several facts costs one evaluation.
/// </summary>
public sealed record EvaluateFactAlerts(IReadOnlyList<string> FactKeys)
{
    /// <summary>The evaluation of the facts these events change; null when they change none.</summary>
    public static EvaluateFactAlerts? For(IEnumerable<object> events)
    {
        var keys = events.Select(e => e switch
        {
            FactExtracted extracted => extracted.FactKey,
            FactRetracted retracted => retracted.FactKey,
            _ => null,
        }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return keys.Count > 0 ? new EvaluateFactAlerts(keys) : null;
    }
}

public static class EvaluateFactAlertsHandler
{
    /// <summary>Two nodes evaluating the same fact at once: one starts the alert stream, the other fails on it, retries and finds the alert.</summary>
    public static void Configure(HandlerChain chain)
    {
        chain.OnException<Marten.Exceptions.ExistingStreamIdCollisionException>().Or<JasperFx.Events.ExistingStreamIdCollisionException>()
            .Or<EventStreamUnexpectedMaxEventIdException>().Or<JasperFx.ConcurrencyException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
    }

    public static async Task<OutgoingMessages> Handle(EvaluateFactAlerts command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var rules = await session.Query<AlertRuleView>().Where(r => !r.Deleted).ToListAsync(ct);
        if (rules.Count == 0) return outgoing;

        var facts = await session.LoadManyAsync<FactView>(ct, command.FactKeys.ToArray());
        var now = time.GetUtcNow();
        var needsPreviousStake = AlertMatcher.NeedsPreviousStake(rules);
        foreach (var fact in facts.Where(f => !f.Retracted))
        {
            double? previousStake = needsPreviousStake ? await PreviousStake(session, fact, ct) : null;
            var matching = rules.Where(r => AlertMatcher.Matches(r.Criteria, fact, previousStake)).ToList();
            if (matching.Count == 0) continue;

            var sources = await SourcesOf(session, fact, ct);
            foreach (var rule in matching)
            {
                var alertId = AlertIds.Alert(rule.Id, fact.Id);
                var alert = await session.LoadAsync<AlertView>(alertId, ct);
                var decision = Decide(rule, fact, sources, alert, now);
                if (decision.Event is AlertRaised raised) session.Events.StartStream<AlertView>(alertId, raised);
                else if (decision.Event is { } other) session.Events.Append(alertId, alert!.Version + 1, other);
                if (decision.Message is { } message) outgoing.Add(Schedule(message, rule, now));
            }
        }
        return outgoing;
    }

    public sealed record Decision(object? Event, DeliverSlackAlert? Message);

    /// <summary>
    /// Pure: a first match raises the alert and its message; a later one with more sources corroborates it, and the first
    /// time the outlet count grows after the message went out, adds the one follow-up. Nothing else.
    /// </summary>
    public static Decision Decide(AlertRuleView rule, FactView fact, IReadOnlyList<AlertSource> sources, AlertView? alert, DateTimeOffset now)
    {
        if (alert is null)
        {
            var alertId = AlertIds.Alert(rule.Id, fact.Id);
            return new Decision(new AlertRaised(alertId, rule.Id, rule.Name, fact.Id, fact.Fact, sources, fact.OutletCount, now),
                new DeliverSlackAlert(alertId, AlertMessageKind.Raised));
        }
        var known = alert.Sources.Select(s => s.ArticleId).ToHashSet();
        if (sources.Count == alert.Sources.Count && sources.All(s => known.Contains(s.ArticleId))) return new Decision(null, null);

        var followUp = alert.FollowUp is null && alert.Delivery.State == DeliveryState.Delivered && fact.OutletCount > alert.InitialOutletCount;
        return new Decision(new AlertCorroborated(alert.Id, sources, fact.OutletCount, followUp, now),
            followUp ? new DeliverSlackAlert(alert.Id, AlertMessageKind.FollowUp) : null);
    }

    /// <summary>Quiet hours and digests postpone the post; otherwise it goes now.</summary>
    public static object Schedule(DeliverSlackAlert message, AlertRuleView rule, DateTimeOffset now)
    {
        var at = DeliverSlackAlertHandler.NextSlot(rule.Criteria, now);
        return at <= now ? message : message.ScheduledAt(at);
    }

    private static async Task<IReadOnlyList<AlertSource>> SourcesOf(IQuerySession session, FactView fact, CancellationToken ct)
    {
        var ids = fact.Sources.Select(s => s.ArticleId).Distinct().ToArray();
        var articles = (await session.LoadManyAsync<ArticleView>(ct, ids)).ToDictionary(a => a.Id);
        return fact.Sources
            .OrderBy(s => s.PublishedAt ?? s.SeenAt)
            .Select(s => articles.TryGetValue(s.ArticleId, out var a)
                ? new AlertSource(s.ArticleId, s.Outlet ?? a.Outlet, a.CanonicalUrl, a.Title, s.PublishedAt ?? a.PublishedAt, s.Confidence)
                : new AlertSource(s.ArticleId, s.Outlet, null, null, s.PublishedAt, s.Confidence))
            .ToList();
    }

    /// <summary>The holder's latest earlier stake in the same target, for "stake changed by N points" rules.</summary>
    private static async Task<double?> PreviousStake(IQuerySession session, FactView fact, CancellationToken ct)
    {
        if (fact.Type != FactTypes.Stake || fact.Fact.Holder is not { } holder) return null;
        // Any(c => c == holder), not Contains: Marten writes it as `companies && array[holder]`, which the column's GIN index serves.
        var stakes = await session.Query<FactView>().Where(f => f.Type == FactTypes.Stake && f.Companies.Any(c => c == holder)).ToListAsync(ct);
        return stakes
            .Where(f => f.Id != fact.Id && !f.Retracted && f.Fact.Holder == holder && f.Fact.Target == fact.Fact.Target && f.FirstSequence < fact.FirstSequence)
            .OrderByDescending(f => f.FactDate ?? f.FirstSeen).ThenByDescending(f => f.FirstSequence)
            .Select(f => f.Fact.Percent)
            .FirstOrDefault();
    }
}

using System.Collections.Concurrent;
using Intelligence.Server.Alerts.Raising;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>
/// The posts Slack accepted on this node, remembered in memory until their <see cref="AlertDelivered"/> is surely written.
/// When the database fails after Slack answered 2xx (the commit is lost), the retry of the same attempt records the
/// delivery from here instead of posting the message a second time. Only a node that dies between the post and the
/// commit can still repeat a post: its memory goes with it.
/// </summary>
public sealed class AcceptedPosts(TimeProvider time)
{
    /// <summary>
    /// Longer than the whole transient-fault retry chain of a handler (in memory, then rescheduled durably), after which
    /// the same attempt can no longer come back to this node.
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(3);

    /// <summary>When Slack accepted the post, and the alerts it carried (more than one for a digest).</summary>
    public sealed record Accepted(DateTimeOffset At, IReadOnlyList<Guid> AlertIds);

    private readonly ConcurrentDictionary<(Guid AlertId, AlertMessageKind Kind, int Attempt), Accepted> _posts = new();
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public Accepted? Find(DeliverSlackAlert command) => _posts.GetValueOrDefault((command.AlertId, command.Kind, command.Attempt));

    public void Remember(DeliverSlackAlert command, Accepted accepted)
    {
        _posts[(command.AlertId, command.Kind, command.Attempt)] = accepted;
        var now = time.GetUtcNow();
        if (now < _nextPrune) return;
        _nextPrune = now + TimeSpan.FromMinutes(1);
        foreach (var (key, value) in _posts)
            if (now - value.At > KeptFor) _posts.TryRemove(key, out _);
    }

    public int Count => _posts.Count;
}

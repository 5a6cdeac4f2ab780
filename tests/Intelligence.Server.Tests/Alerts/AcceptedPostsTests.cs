using Intelligence.Server.Alerts.Delivering;
using Intelligence.Server.Alerts.Raising;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>The memory of posts Slack accepted: found again for the same attempt only, and forgotten after KeptFor.</summary>
public sealed class AcceptedPostsTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void An_accepted_post_is_found_for_the_same_attempt_only_and_forgotten_after_KeptFor()
    {
        var clock = new Clock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var posts = new AcceptedPosts(clock);
        var alert = Guid.NewGuid();
        var digestMate = Guid.NewGuid();
        var first = new DeliverSlackAlert(alert, AlertMessageKind.Raised, 1);

        Assert.Null(posts.Find(first));
        posts.Remember(first, new AcceptedPosts.Accepted(clock.Now, [alert, digestMate]));

        var found = posts.Find(first);
        Assert.NotNull(found);
        Assert.Equal([alert, digestMate], found.AlertIds);
        Assert.Null(posts.Find(first with { Attempt = 2 }));
        Assert.Null(posts.Find(first with { Kind = AlertMessageKind.FollowUp }));

        // Pruned on a later Remember, once older than KeptFor.
        clock.Now += AcceptedPosts.KeptFor + TimeSpan.FromMinutes(2);
        posts.Remember(new DeliverSlackAlert(Guid.NewGuid(), AlertMessageKind.Raised), new AcceptedPosts.Accepted(clock.Now, []));
        Assert.Null(posts.Find(first));
        Assert.Equal(1, posts.Count);
    }
}

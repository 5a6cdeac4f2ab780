using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Intelligence.Server.Alerts.Raising;
using Intelligence.Server.Alerts.Viewing;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>
/// Block Kit messages for incoming webhooks: a header, the fact in words with its figures as fields, the sources as links,
/// and a context line; plus the plain `text` fallback that notifications and old clients show.
/// Slack's limits are kept: header ≤ 150 chars, section text ≤ 3000, ≤ 10 fields, ≤ 10 context elements, ≤ 50 blocks.
/// </summary>
public static class SlackMessage
{
    public const int MaxSourcesListed = 10;

    public static JsonObject ForAlert(AlertView alert)
    {
        var f = alert.Fact;
        var headline = FactWords.Headline(f);
        var sentence = FactWords.Sentence(f);
        var blocks = new JsonArray
        {
            Header(headline),
            Section(Escape(sentence), Fields(alert)),
            SourcesSection(alert.Sources),
            Context($"Rule *{Escape(alert.RuleName)}* · raised {alert.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"),
        };
        return new JsonObject { ["text"] = $"{headline} — {sentence}", ["blocks"] = blocks };
    }

    public static JsonObject FollowUp(AlertView alert)
    {
        var headline = FactWords.Headline(alert.Fact);
        var text = $"Follow-up: now reported by {alert.OutletCount} outlets — {headline}";
        var blocks = new JsonArray
        {
            Section($"*Follow-up* · {Escape(headline)}\nNow reported by *{alert.OutletCount}* outlets (was {alert.InitialOutletCount})."),
            SourcesSection(alert.Sources),
            Context($"Rule *{Escape(alert.RuleName)}*"),
        };
        return new JsonObject { ["text"] = text, ["blocks"] = blocks };
    }

    /// <summary>One message for several alerts of a digest rule (at most 20 listed, then a count).</summary>
    public static JsonObject Digest(string ruleName, IReadOnlyList<AlertView> alerts)
    {
        var title = $"{alerts.Count} new alert{(alerts.Count == 1 ? "" : "s")} for {ruleName}";
        var blocks = new JsonArray { Header(title) };
        foreach (var alert in alerts.Take(20))
        {
            var source = alert.Sources.FirstOrDefault();
            var link = source is null ? "" : "\n" + SourceLine(source);
            blocks.Add(Section($"*{Escape(FactWords.Headline(alert.Fact))}*\n{Escape(FactWords.Sentence(alert.Fact))}{link}"));
        }
        if (alerts.Count > 20) blocks.Add(Context($"and {alerts.Count - 20} more"));
        return new JsonObject { ["text"] = title, ["blocks"] = blocks };
    }

    /// <summary>A sample message for `intel alerts test`.</summary>
    public static JsonObject Sample(string ruleName) => new()
    {
        ["text"] = $"Test message for alert rule {ruleName}",
        ["blocks"] = new JsonArray
        {
            Header("Intelligence alert test"),
            Section($"This channel receives alerts for rule *{Escape(ruleName)}*. If you can read this, delivery works."),
        },
    };

    private static JsonArray Fields(AlertView alert)
    {
        var f = alert.Fact;
        var fields = new JsonArray { Mrkdwn($"*Type*\n{Escape(f.Type)}") };
        if (FactWords.Amount(f) is { } amount) fields.Add(Mrkdwn($"*Amount*\n{Escape(amount)}"));
        if (f.Percent is not null) fields.Add(Mrkdwn($"*Stake*\n{FactWords.Percent(f.Percent)}"));
        if (f.Period is { Length: > 0 } period) fields.Add(Mrkdwn($"*Period*\n{Escape(period)}"));
        fields.Add(Mrkdwn($"*Confidence*\n{FactWords.Confidence(alert.Sources.Count == 0 ? f.Confidence : alert.Sources.Max(s => s.Confidence))}"));
        fields.Add(Mrkdwn($"*Sources*\n{alert.Sources.Count} article{(alert.Sources.Count == 1 ? "" : "s")}, {alert.OutletCount} outlet{(alert.OutletCount == 1 ? "" : "s")}"));
        return fields;
    }

    private static JsonObject SourcesSection(IReadOnlyList<AlertSource> sources)
    {
        var text = new StringBuilder("*Sources*");
        foreach (var source in sources.Take(MaxSourcesListed)) text.Append('\n').Append("• ").Append(SourceLine(source));
        if (sources.Count > MaxSourcesListed) text.Append($"\n… and {sources.Count - MaxSourcesListed} more");
        if (sources.Count == 0) text.Append("\n(none recorded)");
        return Section(Truncate(text.ToString(), 3000));
    }

    private static string SourceLine(AlertSource s)
    {
        var label = string.Join(" — ", new[] { s.Outlet, s.Title }.Where(x => !string.IsNullOrWhiteSpace(x)));
        if (label.Length == 0) label = "article";
        label = Truncate(label, 200);
        var date = s.PublishedAt is { } at ? " · " + at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return (s.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"<{uri.AbsoluteUri.Replace("|", "%7C").Replace(">", "%3E")}|{Escape(label).Replace("|", "¦")}>"
            : Escape(label)) + date;
    }

    private static JsonObject Header(string text) =>
        new() { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(text, 150), ["emoji"] = true } };

    private static JsonObject Section(string mrkdwn, JsonArray? fields = null)
    {
        var section = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn, 3000) };
        if (fields is { Count: > 0 }) section["fields"] = fields;
        return section;
    }

    private static JsonObject Context(string mrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray { Mrkdwn(Truncate(mrkdwn, 2000)) } };

    private static JsonObject Mrkdwn(string text, int max = 2000) => new() { ["type"] = "mrkdwn", ["text"] = Truncate(text, max) };

    /// <summary>Slack's mrkdwn escapes exactly these three characters.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

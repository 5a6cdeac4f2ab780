using System.Globalization;
using System.Text;

namespace Intelligence.Ingestion.Robots;

/// <summary>
/// A parsed robots.txt (RFC 9309): user-agent groups, allow/disallow rules with <c>*</c> and <c>$</c>,
/// the longest matching rule wins and allow wins a tie; crawl-delay and sitemap lines are kept too.
/// </summary>
public sealed class RobotsTxt
{
    public static readonly RobotsTxt AllowAll = new([], []);

    /// <summary>Used while a host's robots.txt is unreachable (5xx, network error): RFC 9309 §2.3.1.3.</summary>
    public static readonly RobotsTxt DisallowAll = new([new Group(["*"], [new Rule("/", Allow: false)], null)], []);

    private readonly IReadOnlyList<Group> _groups;

    private RobotsTxt(IReadOnlyList<Group> groups, IReadOnlyList<string> sitemaps)
    {
        _groups = groups;
        Sitemaps = sitemaps;
    }

    public IReadOnlyList<string> Sitemaps { get; }

    public static RobotsTxt Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var groups = new List<Group>();
        var sitemaps = new List<string>();
        List<string>? agents = null;
        List<Rule>? rules = null;
        double? delay = null;
        var inRules = false;

        void Close()
        {
            if (agents is { Count: > 0 }) groups.Add(new Group(agents, rules ?? [], delay));
            agents = null;
            rules = null;
            delay = null;
            inRules = false;
        }

        // RFC 9309: a line ends with CR, LF or CRLF; a byte-order mark may open the file.
        foreach (var rawLine in content.TrimStart('\uFEFF').Replace("\r\n", "\n").Split('\n', '\r'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();

            switch (key)
            {
                case "user-agent":
                    if (inRules) Close();
                    agents ??= [];
                    rules ??= [];
                    agents.Add(value.ToLowerInvariant());
                    break;
                case "allow" or "disallow" when agents is not null:
                    inRules = true;
                    // An empty disallow means "nothing disallowed": it adds no rule.
                    if (value.Length > 0) rules!.Add(new Rule(Encode(value), key == "allow"));
                    break;
                case "crawl-delay" when agents is not null:
                    inRules = true;
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                        delay = seconds;
                    break;
                case "sitemap":
                    if (value.Length > 0) sitemaps.Add(value);
                    break;
            }
        }
        Close();
        return new RobotsTxt(groups, sitemaps);
    }

    public bool IsAllowed(string productToken, Uri url)
    {
        if (url.AbsolutePath == "/robots.txt") return true;
        return IsAllowed(productToken, url.PathAndQuery);
    }

    public bool IsAllowed(string productToken, string pathAndQuery)
    {
        var path = Encode(pathAndQuery.Length == 0 ? "/" : pathAndQuery);
        Rule? best = null;
        foreach (var rule in RulesFor(productToken))
        {
            if (!Matches(rule.Pattern, path)) continue;
            var length = rule.Pattern.Length;
            if (best is null || length > best.Pattern.Length || (length == best.Pattern.Length && rule.Allow))
                best = rule;
        }
        return best?.Allow ?? true;
    }

    /// <summary>The crawl-delay of the group that applies to <paramref name="productToken"/>, if it set one.</summary>
    public TimeSpan? CrawlDelay(string productToken)
    {
        var delays = GroupsFor(productToken).Select(g => g.CrawlDelay).OfType<double>().ToArray();
        return delays.Length == 0 ? null : TimeSpan.FromSeconds(Math.Min(delays.Max(), 3600));
    }

    private IEnumerable<Rule> RulesFor(string productToken) => GroupsFor(productToken).SelectMany(g => g.Rules);

    /// <summary>All groups naming our product token (merged, per RFC 9309 §2.2.1), else all "*" groups.</summary>
    private IReadOnlyList<Group> GroupsFor(string productToken)
    {
        var token = productToken.ToLowerInvariant();
        var named = _groups.Where(g => g.Agents.Any(a => AgentMatches(a, token))).ToList();
        return named.Count > 0 ? named : _groups.Where(g => g.Agents.Contains("*")).ToList();
    }

    // "IntelligenceBot/1.0" in a robots file still names us; only the product token before the version counts.
    private static bool AgentMatches(string agent, string token) =>
        agent != "*" && agent.Split('/', ' ')[0] == token;

    /// <summary>Match from the start; '*' is any run of characters; a final '$' anchors at the end.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored) pattern = pattern[..^1];
        int p = 0, s = 0, star = -1, resume = 0;
        while (s < path.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = s;
            }
            else if (p < pattern.Length && pattern[p] == path[s])
            {
                p++;
                s++;
            }
            else if (p == pattern.Length && !anchored)
            {
                return true; // the pattern is a prefix of the path
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    /// <summary>Percent-encodes non-ASCII and upper-cases existing escapes so patterns and paths compare byte for byte.</summary>
    internal static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                builder.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                i += 2;
            }
            else if (c > 127 || c == ' ')
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
                foreach (var b in Encoding.UTF8.GetBytes(value.Substring(i, length)))
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                i += length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private sealed record Rule(string Pattern, bool Allow);

    private sealed record Group(IReadOnlyList<string> Agents, IReadOnlyList<Rule> Rules, double? CrawlDelay);
}

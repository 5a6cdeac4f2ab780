using System.Net;
using Intelligence.Ingestion.Safety;

namespace Intelligence.Server.Alerts.Delivering;

/// <summary>
/// Where alert webhooks may point: https on a Slack webhook host by default, or a receiver the operator listed in
/// <see cref="AlertOptions.WebhookReceivers"/> (an origin such as "https://hooks.example.internal" or, for a local
/// stand-in, "http://127.0.0.1:5123"). Checked when a rule is defined and again before every delivery; the connection
/// itself goes through the egress guard (<see cref="ConnectGuard"/>). Messages never repeat the URL (it is a secret).
/// </summary>
public sealed class WebhookPolicy
{
    /// <summary>The hosts Slack serves incoming webhooks from.</summary>
    public static readonly IReadOnlyList<string> SlackHosts = ["hooks.slack.com", "hooks.slack-gov.com"];

    private readonly IReadOnlyList<(string Scheme, string Host, int? Port)> _receivers;

    public WebhookPolicy(AlertOptions options)
    {
        _receivers = options.WebhookReceivers.Where(r => !string.IsNullOrWhiteSpace(r)).Select(ParseReceiver).ToList();
    }

    /// <summary>"host:port" (or "host:*") of each configured receiver, trusted by the webhook client's connect guard.</summary>
    public IReadOnlyList<string> TrustedHosts => [.. _receivers.Select(r => $"{r.Host}:{(r.Port is { } port ? port.ToString() : "*")}")];

    /// <summary>Why this URL may not be a webhook; null when it may.</summary>
    public string? Problem(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.Scheme is not ("http" or "https"))
            return "The webhook is not an absolute http(s) URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "The webhook must not carry a user name or password.";
        var host = uri.Host.Trim('[', ']');
        if (_receivers.Any(r => r.Scheme == uri.Scheme && string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase) && (r.Port is null || r.Port == uri.Port)))
            return null;
        if (uri.Scheme != Uri.UriSchemeHttps) return "The webhook must be an https URL.";
        if (IPAddress.TryParse(host, out var address))
        {
            var kind = AddressClassifier.Classify(address);
            return kind == AddressKind.Public
                ? "The webhook must name a Slack webhook host, not an IP address."
                : $"The webhook points at a {Describe(kind)} address, which alerts may never reach.";
        }
        if (!SlackHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase) || !uri.IsDefaultPort)
            return $"The webhook must be on a Slack webhook host ({string.Join(", ", SlackHosts)}, port 443); "
                + "a self-hosted receiver must be listed by the server's operator in Alerts:WebhookReceivers.";
        return null;
    }

    private static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.CloudMetadata => "cloud metadata",
        AddressKind.LinkLocal => "link-local",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static (string, string, int?) ParseReceiver(string entry)
    {
        if (!Uri.TryCreate(entry.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidOperationException(
                $"Alerts:WebhookReceivers: '{entry}' is not an origin; use \"https://host\", \"https://host:port\" or, for a loopback stand-in, \"http://127.0.0.1:port\".");
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            throw new InvalidOperationException($"Alerts:WebhookReceivers: '{entry}' uses http; only loopback receivers may (secrets would cross the network in clear).");
        var explicitPort = uri.GetComponents(UriComponents.Port, UriFormat.UriEscaped).Length > 0;
        return (uri.Scheme, uri.Host.Trim('[', ']'), explicitPort ? uri.Port : null);
    }
}

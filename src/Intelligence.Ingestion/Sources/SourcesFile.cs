using System.Text.Json;
using Cronos;
using Intelligence.Ingestion.Safety;

namespace Intelligence.Ingestion.Sources;

/// <summary>A sources file has problems; <see cref="Errors"/> lists each one with where it is.</summary>
public sealed class SourcesFileException(string origin, IReadOnlyList<string> errors)
    : Exception($"{origin} is not a valid sources file:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Reads the JSON sources file (format in docs/crawling.md). Every problem is reported at once, with the
/// source's position and id, rather than stopping at the first.
/// </summary>
public static class SourcesFile
{
    private static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static IReadOnlyList<SourceDefinition> Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new SourcesFileException(path, [$"the file does not exist (looked at {System.IO.Path.GetFullPath(path)})."]);
        var baseDirectory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        return Parse(System.IO.File.ReadAllText(path), path, baseDirectory);
    }

    public static IReadOnlyList<SourceDefinition> Parse(string json, string origin = "sources", string? baseDirectory = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new SourcesFileException(origin, [$"invalid JSON at line {e.LineNumber + 1}: {e.Message}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("sources", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new SourcesFileException(origin, ["the root must be an object with a \"sources\" array."]);

            var sources = new List<SourceDefinition>();
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var at = $"sources[{index++}]";
                var source = ParseOne(element, at, baseDirectory, errors);
                if (source is null) continue;
                if (!ids.Add(source.Id)) errors.Add($"{at}: id '{source.Id}' is used by an earlier source.");
                sources.Add(source);
            }
            if (errors.Count > 0) throw new SourcesFileException(origin, errors);
            return sources;
        }
    }

    private static SourceDefinition? ParseOne(JsonElement e, string at, string? baseDirectory, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}: must be an object.");
            return null;
        }
        var before = errors.Count;
        var id = String(e, "id");
        if (id is null || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors.Add($"{at}: \"id\" is required: letters, digits, '-', '_' or '.' only.");
        at = id is null ? at : $"{at} ('{id}')";

        var kindText = String(e, "kind");
        SourceKind kind = default;
        if (kindText is null || !Enum.TryParse(kindText, ignoreCase: true, out kind) || int.TryParse(kindText, out _))
            errors.Add($"{at}: \"kind\" must be one of rss, atom, sitemap, page, file (got {(kindText is null ? "nothing" : $"'{kindText}'")}).");

        Uri? url = null;
        string? path = null;
        if (kind == SourceKind.File)
        {
            path = String(e, "path");
            if (path is null) errors.Add($"{at}: a file source needs \"path\" (a file or directory).");
            else if (baseDirectory is not null && !System.IO.Path.IsPathRooted(path)) path = System.IO.Path.GetFullPath(path, baseDirectory);
        }
        else
        {
            var urlText = String(e, "url");
            if (urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out url) || (url.Scheme != "http" && url.Scheme != "https"))
            {
                errors.Add($"{at}: \"url\" must be an absolute http(s) URL (got {(urlText is null ? "nothing" : $"'{urlText}'")}).");
                url = null;
            }
        }

        var schedule = String(e, "schedule") ?? "*/30 * * * *";
        try
        {
            CronExpression.Parse(schedule, CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            errors.Add($"{at}: \"schedule\" '{schedule}' is not a 5-field cron expression: {ex.Message}");
        }

        TimeSpan? delay = null;
        if (e.TryGetProperty("hostDelaySeconds", out var delayElement))
        {
            if (delayElement.ValueKind == JsonValueKind.Number && delayElement.TryGetDouble(out var seconds) && seconds is >= 0 and <= 3600)
                delay = TimeSpan.FromSeconds(seconds);
            else
                errors.Add($"{at}: \"hostDelaySeconds\" must be a number of seconds between 0 and 3600.");
        }

        var allow = new List<string>();
        if (e.TryGetProperty("allowPrivateAddresses", out var allowElement))
        {
            if (allowElement.ValueKind != JsonValueKind.Array)
                errors.Add($"{at}: \"allowPrivateAddresses\" must be an array of addresses (\"127.0.0.1:8080\", \"10.0.0.0/8\").");
            else
                foreach (var entry in allowElement.EnumerateArray())
                {
                    var text = entry.ValueKind == JsonValueKind.String ? entry.GetString()! : entry.ToString();
                    if (PrivateAddressAllowList.TryValidate(text, out var problem)) allow.Add(text);
                    else errors.Add($"{at}: {problem}");
                }
        }

        var language = String(e, "language");
        if (language is not null && (language.Length is < 2 or > 8)) errors.Add($"{at}: \"language\" should be a language code such as \"en\" or \"fr\".");

        var enabled = true;
        if (e.TryGetProperty("enabled", out var enabledElement))
        {
            if (enabledElement.ValueKind is JsonValueKind.True or JsonValueKind.False) enabled = enabledElement.GetBoolean();
            else errors.Add($"{at}: \"enabled\" must be true or false.");
        }

        var max = 200;
        if (e.TryGetProperty("maxArticlesPerRun", out var maxElement)
            && (maxElement.ValueKind != JsonValueKind.Number || !maxElement.TryGetInt32(out max) || max < 1))
            errors.Add($"{at}: \"maxArticlesPerRun\" must be a positive integer.");

        if (errors.Count > before) return null;
        return new SourceDefinition(id!, String(e, "name") ?? id!, kind)
        {
            Url = url,
            Path = path,
            Schedule = schedule,
            Language = language?.ToLowerInvariant(),
            HostDelay = delay,
            AllowPrivateAddresses = new PrivateAddressAllowList(allow),
            Enabled = enabled,
            Note = String(e, "note"),
            MaxArticlesPerRun = max,
        };
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}

using System.Text.Json;
using AngleSharp.Dom;

namespace Intelligence.Ingestion.Reading;

/// <summary>The article-ish object of a page's JSON-LD (NewsArticle, Article, BlogPosting…), if any.</summary>
internal sealed record JsonLdArticle(
    string? Headline,
    string? DatePublished,
    string? DateModified,
    string? Author,
    string? Publisher,
    string? Url,
    string? Language,
    string? Body,
    bool? AccessibleForFree)
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static JsonLdArticle? Find(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent.Trim(), Options);
                var article = FindArticle(json.RootElement, depth: 0);
                if (article is { } found) return From(found);
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the page's other metadata still counts.
            }
        }
        return null;
    }

    private static JsonElement? FindArticle(JsonElement element, int depth)
    {
        if (depth > 6) return null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    if (FindArticle(item, depth + 1) is { } inArray) return inArray;
                return null;
            case JsonValueKind.Object:
                if (IsArticleType(element)) return element;
                foreach (var name in new[] { "@graph", "mainEntity", "mainEntityOfPage" })
                    if (element.TryGetProperty(name, out var nested) && FindArticle(nested, depth + 1) is { } inner)
                        return inner;
                return null;
            default:
                return null;
        }
    }

    private static bool IsArticleType(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type)) return false;
        var types = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null)
            : [type.ValueKind == JsonValueKind.String ? type.GetString() : null];
        return types.Any(t => t is not null && (t.EndsWith("Article", StringComparison.Ordinal) || t == "BlogPosting" || t == "Report"));
    }

    private static JsonLdArticle From(JsonElement e) => new(
        Headline: Text(e, "headline") ?? Text(e, "name"),
        DatePublished: Text(e, "datePublished") ?? Text(e, "dateCreated"),
        DateModified: Text(e, "dateModified"),
        Author: Names(e, "author"),
        Publisher: Names(e, "publisher"),
        Url: Text(e, "url"),
        Language: Text(e, "inLanguage"),
        Body: Text(e, "articleBody"),
        AccessibleForFree: AccessibleForFreeOf(e));

    private static bool? AccessibleForFreeOf(JsonElement e)
    {
        if (!e.TryGetProperty("isAccessibleForFree", out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => !string.Equals(value.GetString(), "false", StringComparison.OrdinalIgnoreCase),
            _ => null,
        };
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? NullIfBlank(value.GetString())
            : null;

    /// <summary>A person/organization value: a string, an object with "name", or an array of either.</summary>
    private static string? Names(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value)) return null;
        var names = (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value])
            .Select(v => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Object => Text(v, "name"),
                _ => null,
            })
            .Select(NullIfBlank)
            .OfType<string>()
            .Distinct()
            .ToArray();
        return names.Length == 0 ? null : string.Join(", ", names);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : TextBlocks.Collapse(s);
}

using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Intelligence.Ingestion.Reading;

/// <summary>
/// The standfirst (dek, chapô): the summary under the headline. It usually sits in the article header, outside the
/// container that holds the body, so it is found on its own: the block whose text is the page's meta description,
/// else the first block with a standfirst-like class that is not inside boilerplate, else the first paragraph-sized
/// block after the headline (when that is the body's first paragraph, the caller already has it).
/// </summary>
internal static partial class Standfirst
{
    public sealed record Candidate(IElement Element, string Text, bool MatchesDescription);

    /// <param name="elements">The body's elements in document order, before any is removed.</param>
    public static Candidate? Find(IDocument document, IReadOnlyList<IElement> elements)
    {
        var descriptions = new[] { "description", "og:description", "twitter:description" }
            .Select(key => Metadata.Meta(document, key))
            .OfType<string>()
            .Where(d => d.Length >= 40)
            .Distinct()
            .ToArray();

        Candidate? byClass = null, afterHeadline = null;
        var headlineSeen = false;
        foreach (var element in elements)
        {
            if (element.LocalName == "h1")
            {
                headlineSeen = headlineSeen || !MainText.InBoilerplate(element);
                continue;
            }
            if (!MainText.IsTextLeaf(element)) continue;
            var text = TextBlocks.Collapse(element.TextContent);
            if (text.Length < 40) continue;
            if (descriptions.Any(d => Matches(text, d))) return new Candidate(element, text, MatchesDescription: true);
            if (byClass is not null || text.Length > 600) continue;
            var classed = HasStandfirstClass(element);
            if (!classed && (!headlineSeen || afterHeadline is not null || text.Length < 80)) continue;
            if (TextBlocks.LinkDensity(element, text.Length) >= 0.3 || MainText.InBoilerplate(element)) continue;
            if (classed) byClass = new Candidate(element, text, MatchesDescription: false);
            else if (!NextToImage(element)) afterHeadline = new Candidate(element, text, MatchesDescription: false);
        }
        return byClass ?? afterHeadline;
    }

    /// <summary>Equal, or a description cut short with an ellipsis that starts the text.</summary>
    private static bool Matches(string text, string description)
    {
        if (text == description) return true;
        if (!description.EndsWith('…') && !description.EndsWith("...", StringComparison.Ordinal)) return false;
        var stem = description.TrimEnd('…', '.').TrimEnd();
        return stem.Length >= 40 && text.StartsWith(stem, StringComparison.Ordinal);
    }

    /// <summary>A caption: the text beside an image in the same box.</summary>
    private static bool NextToImage(IElement element) =>
        element.ParentElement?.Children.Any(sibling => sibling.LocalName is "img" or "picture") == true;

    private static bool HasStandfirstClass(IElement element) =>
        StandfirstClass().IsMatch(element.ClassName ?? "")
        || element.ParentElement is { } parent && StandfirstClass().IsMatch(parent.ClassName ?? "");

    [GeneratedRegex(@"(^|[\s_-])(standfirst|chapo|chapeau|dek|desc|description|lede|intro|subtitle|subhead|subheadline|abstract|summary|excerpt)([\s_-]|$)|(?-i:(?:Standfirst|Chapo|Chapeau|Dek|Desc|Lede|Intro|Subtitle|Subhead|Abstract|Summary|Excerpt)(?=[A-Z_\s-]|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StandfirstClass();
}

using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Intelligence.Ingestion.Reading;

/// <summary>
/// Finds the article body: strips boilerplate, scores containers by the paragraph text they hold
/// (Readability-style, parent full score, grandparent half), then collects the text blocks of the winner,
/// drops the lines that are not story text (labels, calls to action, date lines, pull quotes) and puts the
/// standfirst first.
/// </summary>
internal static partial class MainText
{
    private static readonly HashSet<string> AlwaysRemoved =
    [
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
        "svg", "button", "select", "input", "textarea", "figure", "figcaption", "dialog", "menu", "object",
        "embed", "video", "audio", "canvas", "picture", "img", "label", "rt", "rp",
    ];

    private static readonly HashSet<string> BlockTags =
    [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "div", "section",
        "article", "main", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "body",
    ];

    /// <summary>Elements whose text is taken whole as one paragraph (or one per &lt;br&gt; line).</summary>
    private static readonly HashSet<string> LeafBlocks = ["p", "h2", "h3", "h4", "h5", "h6", "pre", "dt", "dd"];

    /// <summary>Paragraphs at least this long are kept when they repeat.</summary>
    private const int LongParagraph = 200;

    public sealed record Result(IReadOnlyList<string> Paragraphs, bool Partial)
    {
        /// <summary>The text of the comment sections taken out of the page.</summary>
        public string RemovedComments { get; init; } = "";

        /// <summary>The container the text was read from.</summary>
        public IElement? Root { get; init; }
    }

    public static Result Extract(IDocument document, CancellationToken cancellation = default)
    {
        var body = document.Body;
        if (body is null) return new Result([], false);

        var elements = body.QuerySelectorAll("*").ToArray();
        var standfirst = Standfirst.Find(document, elements);
        cancellation.ThrowIfCancellationRequested();
        var removedComments = new StringBuilder();
        var partial = RemoveBoilerplate(elements, body, removedComments, cancellation);
        var root = ChooseRoot(body);
        cancellation.ThrowIfCancellationRequested();
        var kept = ParagraphsOf(root);
        kept.InsertRange(0, LeadBefore(root).Where(line => !kept.Contains(line)));
        // A standfirst found by class alone must come before the end of the body: teasers below it have the same classes.
        if (standfirst is not null && (standfirst.MatchesDescription || !ComesAfter(standfirst.Element, root, elements))
            && !kept.Any(p => p.Contains(standfirst.Text, StringComparison.Ordinal)))
            kept.Insert(0, standfirst.Text);
        kept = DropRepeats(kept);
        return new Result(kept, partial || kept.Any(IsPaywallNotice)) { RemovedComments = removedComments.ToString(), Root = root };
    }

    /// <summary>The story lines of a chosen container: its text blocks less noise lines, up to a press release's end section.</summary>
    internal static List<string> ParagraphsOf(IElement root)
    {
        var paragraphs = new Lines();
        Collect(root, paragraphs);
        if (paragraphs.Count >= 3) paragraphs.DropHeadingAtEnd(); // a page of headings alone keeps them
        // Repeated short lines are labels and buttons; a long paragraph that repeats is the author's text.
        var shortSeen = new HashSet<string>(StringComparer.Ordinal);
        var kept = paragraphs.Where(p => !IsNoise(p) && (p.Length >= LongParagraph || shortSeen.Add(p))).ToList();
        var end = kept.FindIndex(kept.Count / 2, p => p.Length < 80 && EndSection().IsMatch(p));
        if (end > 0) kept.RemoveRange(end, kept.Count - end);
        // A label left last ("Kontakt:", "More about:") introduced a part that was taken out.
        while (kept.Count > 1 && kept[^1].Length < 80 && kept[^1].EndsWith(':')) kept.RemoveAt(kept.Count - 1);
        return kept;
    }

    /// <summary>How many element siblings before the container (and before its parent) are looked at for a lead.</summary>
    private const int LeadSiblings = 3;

    /// <summary>
    /// The lead paragraph that a page puts in its own box just before the body ("excerpt", "intro", "Vorspann"): a
    /// sentence-ending block of at least 80 characters, mostly not links, among the few siblings before the chosen
    /// container or before its parent. Shorter blocks on the way (kickers, bylines) are passed over.
    /// </summary>
    private static List<string> LeadBefore(IElement root)
    {
        var lead = new List<string>();
        for (var (level, box) = (0, root); level < 2 && box is not null && box.LocalName != "body"; level++, box = box.ParentElement)
        {
            var sibling = box.PreviousElementSibling;
            for (var seen = 0; seen < LeadSiblings && sibling is not null; seen++, sibling = sibling.PreviousElementSibling)
            {
                var text = TextBlocks.Collapse(sibling.TextContent);
                if (text.Length == 0) seen--; // rules and empty ad slots are not counted
                if (text.Length < 80) continue;
                if (!IsLead(sibling, text) && !IsStoryPart(sibling, text)) break;
                lead.InsertRange(0, ParagraphsOf(sibling));
            }
        }
        return lead;
    }

    /// <summary>The first part of a story whose rest the page folds behind a "read more" toggle: paragraphs, hardly any links.</summary>
    private static bool IsStoryPart(IElement block, string text) =>
        HoldsParagraphs(block) && TextBlocks.LinkDensity(block, text.Length) < 0.1;

    private static bool IsLead(IElement block, string text) =>
        text.Length <= 1000 && SentenceEnd().IsMatch(text) && TextBlocks.LinkDensity(block, text.Length) < 0.25
        && !IsMetadataLine(block, text) && block.QuerySelectorAll("p, li, h2, h3, h4, div").Length <= 3;

    [GeneratedRegex(@"[.!?…»“”""]\s*$")]
    private static partial Regex SentenceEnd();

    /// <summary>
    /// Drops a short line whose word 4-grams all stand in earlier lines: a pull quote that repeats the body.
    /// Summary items above the body ("Key Points") may repeat a later sentence and are kept.
    /// </summary>
    private static List<string> DropRepeats(List<string> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            var words = TextBlocks.Words(line);
            var grams = Enumerable.Range(0, Math.Max(0, words.Count - 3)).Select(i => string.Join(' ', words.GetRange(i, 4))).ToList();
            if (line.Length <= 300 && grams.Count >= 2 && grams.All(seen.Contains) && !(line.Length >= LongParagraph && kept.Contains(line))) continue;
            seen.UnionWith(grams);
            kept.Add(line);
        }
        return kept;
    }

    /// <summary>True when <paramref name="element"/> follows the last element under <paramref name="root"/>.</summary>
    private static bool ComesAfter(IElement element, IElement root, IElement[] elements)
    {
        var last = root;
        while (last.LastElementChild is { } child) last = child;
        var end = Array.IndexOf(elements, last);
        return end >= 0 && Array.IndexOf(elements, element) > end;
    }

    /// <summary>A block element with no block inside it: its text is one paragraph (or one per &lt;br&gt; line).</summary>
    internal static bool IsTextLeaf(IElement element) => IsBlock(element) && !HasBlockChild(element);

    /// <summary>True when the element or one of its ancestors is boilerplate that <see cref="RemoveBoilerplate"/> takes out.</summary>
    internal static bool InBoilerplate(IElement element)
    {
        for (var e = element; e is not null && e.LocalName != "body"; e = e.ParentElement)
        {
            if (e.LocalName != "header" && AlwaysRemoved.Contains(e.LocalName) || IsHidden(e)) return true;
            if (e.LocalName is not ("article" or "main") && (Boilerplate().IsMatch(Marker(e)) || MinorBoilerplate().IsMatch(Marker(e))) || Account().IsMatch(Marker(e))) return true;
        }
        return false;
    }

    /// <summary>
    /// Class, id, role and test names of an element; class flags that state what the element has or lacks
    /// ("no_caption", "has-sidebar", "use-lightbox") are left out, as they do not say what it is.
    /// </summary>
    private static string Marker(IElement element)
    {
        var classes = element.ClassName is { } names && FlagClass().IsMatch(names) ? FlagClass().Replace(names, " ") : element.ClassName;
        return $"{classes} {element.Id} {element.GetAttribute("role")} {element.GetAttribute("data-component")} {element.GetAttribute("data-testid")}";
    }

    [GeneratedRegex(@"(?<=^|\s)(no|has|with|without|use|uses)[-_]\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FlagClass();

    /// <summary>
    /// Takes out the log-in and sign-up forms and the smaller dialogs (a petition, a mailing-list form), which a baseline
    /// reader may take for the page's text.
    /// </summary>
    internal static void RemoveDialogs(IElement body)
    {
        var bodyText = TextBlocks.Collapse(body.TextContent).Length;
        foreach (var element in body.QuerySelectorAll("*").ToArray())
        {
            var marker = Marker(element);
            if (!Account().IsMatch(marker) && !Dialog().IsMatch(marker) || HoldsParagraphs(element)) continue;
            if (Account().IsMatch(marker) || TextBlocks.Collapse(element.TextContent).Length < bodyText * 0.5) element.Remove();
        }
    }

    /// <summary>A gallery goes when at least this many paragraphs of 100 characters stand outside it.</summary>
    private const int GalleryStoryParagraphs = 3;

    /// <summary>Removes non-content elements; returns true when a paywall or subscriber-only box was among them.</summary>
    private static bool RemoveBoilerplate(IElement[] elements, IElement body, StringBuilder removedComments, CancellationToken cancellation)
    {
        var partial = false;
        var bodyText = Math.Max(1, TextBlocks.Collapse(body.TextContent).Length);
        List<IElement>? storyParagraphs = null;
        var seen = 0;
        foreach (var element in elements)
        {
            if ((++seen & 0x3FF) == 0) cancellation.ThrowIfCancellationRequested();
            if (!IsAttached(element, body)) continue; // gone with an ancestor
            // Some pages wrap their whole body in <noscript> (shown to readers without scripts), or the post in a blog template: that one stays.
            if (element.LocalName == "noscript" && (TextBlocks.Collapse(element.TextContent).Length >= bodyText * 0.5 || HoldsParagraphs(element))) continue;
            if (AlwaysRemoved.Contains(element.LocalName) || IsHidden(element))
            {
                (element.LocalName == "img" ? CaptionHolder(element) ?? element : element).Remove();
                continue;
            }
            var marker = Marker(element);
            if (marker.Length <= 4) continue;
            if (Paywall().IsMatch(marker))
            {
                partial = true;
                // Some sites mark the public paragraphs themselves ("post-paywall"): keep a box that holds article text.
                if (!HoldsParagraphs(element)) element.Remove();
                continue;
            }
            // An <article> is a story unless it is a dialog's panel ("password-modal", "login-popup").
            if (element.LocalName is "article" or "main" && !Dialog().IsMatch(marker) && !Account().IsMatch(marker) || element.GetAttribute("itemprop") == "articleBody") continue;
            // A photo gallery beside a story is not part of it, however long its captions (a page of fifty slides).
            if (IsBlock(element) && Gallery().IsMatch(marker) && element.QuerySelector("article, main, [itemprop='articleBody']") is null)
            {
                storyParagraphs ??= body.QuerySelectorAll("p").Where(p => TextBlocks.Collapse(p.TextContent).Length >= 100).ToList();
                if (storyParagraphs.Count(p => IsAttached(p, body) && !element.Contains(p)) >= GalleryStoryParagraphs)
                {
                    element.Remove();
                    continue;
                }
            }
            // Inline parts of a paragraph ("<span class=\"date-line\">PARIS, March 5 -</span>") are its text.
            if (!IsBlock(element) && element.ParentElement?.LocalName is { } parent && (LeafBlocks.Contains(parent) || parent == "li")) continue;
            // A boilerplate-sounding class on a wrapper of most of the page ("page has-sidebar") is not boilerplate,
            // nor is a minor hint on a box that holds paragraphs ("article-body ad-enabled").
            // A log-in or sign-up form goes even where it holds most of a page's text (a video page with a short teaser).
            var account = Account().IsMatch(marker) && !HoldsParagraphs(element);
            var boilerplate = Boilerplate().IsMatch(marker) || MinorBoilerplate().IsMatch(marker) && !HoldsParagraphs(element);
            if (!account && (!boilerplate || TextBlocks.Collapse(element.TextContent).Length >= bodyText * 0.5)) continue;
            var comments = Comments().IsMatch(marker);
            // A layout wrapper named after its neighbour ("layout-main hasRightSidebar") that holds the article stays.
            if (!comments && HoldsParagraphs(element) && element.QuerySelector("article, main, [itemprop='articleBody']") is not null) continue;
            // The rest of a story folded behind a "read more" toggle sits among the story's own paragraphs.
            if (!comments && ContinuesStory(element)) continue;
            if (comments) removedComments.Append(element.TextContent);
            element.Remove();
        }
        return partial;
    }

    /// <summary>
    /// The div around an image that holds nothing else but a line or two of text: that text is a caption or credit
    /// (div-only layouts that use no &lt;figure&gt;).
    /// </summary>
    private static IElement? CaptionHolder(IElement image)
    {
        var holder = image.ParentElement;
        if (holder?.LocalName is "a" or "picture") holder = holder.ParentElement;
        if (holder?.LocalName != "div" || holder.QuerySelector("p, li, h2, h3, h4, h5, h6, table") is not null) return null;
        return TextBlocks.Collapse(holder.TextContent).Length < 250 ? holder : null;
    }

    private static bool IsAttached(IElement element, IElement body)
    {
        var parent = element.ParentElement;
        while (parent is not null && parent != body) parent = parent.ParentElement;
        return parent is not null;
    }

    /// <summary>
    /// A box of story paragraphs, mostly not links, placed right among paragraphs of story text (its parent or
    /// grandparent holds some directly): the story continued, whatever its class says.
    /// </summary>
    private static bool ContinuesStory(IElement element)
    {
        if (!HoldsParagraphs(element)) return false;
        var among = false;
        for (var (level, box) = (0, element.ParentElement); level < 2 && box is not null && !among; level++, box = box.ParentElement)
            among = box.Children.Any(c => c.LocalName == "p" && TextBlocks.Collapse(c.TextContent).Length >= 100);
        if (!among) return false;
        var text = TextBlocks.Collapse(element.TextContent);
        return TextBlocks.LinkDensity(element, text.Length) < 0.1;
    }

    private static bool HoldsParagraphs(IElement element) =>
        element.QuerySelectorAll("p").Count(p => TextBlocks.Collapse(p.TextContent).Length >= 150) >= 2;

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true") return true;
        var style = element.GetAttribute("style");
        return style is not null && HiddenStyle().IsMatch(style);
    }

    private static IElement ChooseRoot(IElement body)
    {
        var declared = body.QuerySelector("[itemprop='articleBody']");
        if (declared is not null && TextBlocks.Collapse(declared.TextContent).Length > 200) return declared;

        // scores: Readability's (parent full, grandparent half); mass: the story-like text under every ancestor.
        var scores = new Dictionary<IElement, double>();
        var mass = new Dictionary<IElement, double>();
        var cards = new Dictionary<IElement, bool>();
        foreach (var paragraph in body.QuerySelectorAll("p, pre, td, div"))
        {
            if (paragraph.LocalName is "div" or "td" && paragraph.QuerySelector("p, div, table, ul, ol") is not null) continue;
            var text = TextBlocks.Collapse(paragraph.TextContent);
            if (text.Length < 25) continue;
            var links = TextBlocks.LinkDensity(paragraph, text.Length);
            var score = (1 + text.Count(c => c == ',') + Math.Min(text.Length / 100.0, 3)) * (1 - links);
            if (paragraph.ParentElement is { } parent)
            {
                scores[parent] = scores.GetValueOrDefault(parent) + score;
                if (parent.ParentElement is { } grand) scores[grand] = scores.GetValueOrDefault(grand) + score / 2;
            }
            if (InTeaserCard(paragraph, cards)) continue;
            var weight = text.Length * (1 - links);
            for (var e = paragraph; e is not null && e != body.ParentElement; e = e.ParentElement)
                mass[e] = mass.GetValueOrDefault(e) + weight;
        }
        if (scores.Count == 0) return declared ?? body;

        var best = scores.MaxBy(s => s.Value * ContainerBonus(s.Key)).Key;
        // Paragraphs split over sibling wrappers (ad slots between them): climb while the parent holds clearly more.
        while (best.ParentElement is { } up && up != body.ParentElement
               && scores.GetValueOrDefault(up) > scores[best] * 1.3)
            best = up;
        return ClimbToStory(best, body, mass);
    }

    /// <summary>How many levels above the chosen container a wrapper of more story text is looked for.</summary>
    private const int ClimbLevels = 3;

    /// <summary>An ancestor holding at most this many times the story text of the one below is a bare wrapper.</summary>
    private const double WrapperSlack = 1.02;

    /// <summary>An ancestor is taken when it holds this many times the story text of the chosen container.</summary>
    private const double ClimbGain = 1.25;

    /// <summary>
    /// A story split into sibling sections (one per subheading, text blocks between image rows, a body beside a
    /// long list) is read whole: climb to the nearest ancestor, a few levels up, that holds clearly more story text.
    /// </summary>
    private static IElement ClimbToStory(IElement best, IElement body, Dictionary<IElement, double> mass)
    {
        while (true)
        {
            var own = mass.GetValueOrDefault(best);
            IElement? found = null;
            var up = best.ParentElement;
            // The first part of a story as paragraphs of its own, the rest in a box below them ("read more" toggle).
            if (up is not null && up != body && SiblingParagraphs(best) >= own * SiblingStoryShare)
            {
                best = up;
                continue;
            }
            if (SameTemplateParent(best, body, mass) is { } template)
            {
                best = template;
                continue;
            }
            for (var level = 0; level < ClimbLevels && up is not null && up != body; up = up.ParentElement)
            {
                var above = mass.GetValueOrDefault(up);
                if (above >= own * ClimbGain)
                {
                    found = up;
                    break;
                }
                if (above > own * WrapperSlack) level++; // a bare wrapper (no text of its own) is not a level
            }
            if (found is null) return best;
            best = found;
        }
    }

    /// <summary>Sibling blocks of the chosen container's own template holding this share of its story text are read with it.</summary>
    private const double TemplateStoryShare = 0.03;

    /// <summary>
    /// A story whose text the page splits into blocks of one template (the same tag and class, one block between each
    /// image or ad row) is read whole: the parent of the chosen block, or of its bare wrappers, when its siblings of the
    /// same template hold story text. A sibling with a headline of its own (the next story of an endless page) does not count.
    /// </summary>
    private static IElement? SameTemplateParent(IElement best, IElement body, Dictionary<IElement, double> mass)
    {
        var own = mass.GetValueOrDefault(best);
        if (own <= 0) return null;
        for (var (level, box) = (0, best); level < ClimbLevels && box.ParentElement is { } parent && parent != body; level++, box = parent)
        {
            if (!string.IsNullOrWhiteSpace(box.ClassName) && box.LocalName != "article")
            {
                var siblings = parent.Children.Where(c => c != box && c.LocalName == box.LocalName && c.ClassName == box.ClassName
                                                          && c.QuerySelector("h1, article") is null).Sum(c => mass.GetValueOrDefault(c));
                if (siblings >= own * TemplateStoryShare) return parent;
            }
            if (mass.GetValueOrDefault(parent) > mass.GetValueOrDefault(box) * WrapperSlack) return null; // only through bare wrappers
        }
        return null;
    }

    /// <summary>Sibling paragraphs holding this share of a container's story text are read with it.</summary>
    private const double SiblingStoryShare = 0.1;

    /// <summary>The text of the story paragraphs (100 characters or more, mostly not links) beside <paramref name="box"/>.</summary>
    private static double SiblingParagraphs(IElement box) =>
        box.ParentElement!.Children.Where(c => c != box && c.LocalName == "p").Sum(p =>
        {
            var text = TextBlocks.Collapse(p.TextContent);
            return text.Length >= 100 && TextBlocks.LinkDensity(p, text.Length) < 0.25 ? text.Length : 0;
        });

    private static double ContainerBonus(IElement element)
    {
        if (element.LocalName is "article" or "main") return 1.25;
        var marker = $"{element.ClassName} {element.Id}";
        return ContentMarker().IsMatch(marker) ? 1.25 : 1.0;
    }

    /// <summary>Collected lines, with the place of the last subheading so that a heading left with no text under it goes.</summary>
    private sealed class Lines : List<string>
    {
        private int headingAt = -1;

        public void AddHeading(IEnumerable<string> lines)
        {
            // A heading with nothing under it before the next one labelled a part taken out (a page of headings alone keeps them).
            if (Count >= 3) DropHeadingAtEnd();
            AddRange(lines);
            headingAt = Count - 1;
        }

        /// <summary>A heading directly above a dropped block of links ("Related articles", "Mehr zum Thema") labels that block.</summary>
        public void DropHeadingAtEnd()
        {
            if (headingAt >= 0 && headingAt == Count - 1) RemoveAt(Count - 1);
            headingAt = -1;
        }

        public void Reset()
        {
            Clear();
            headingAt = -1;
        }
    }

    private static readonly HashSet<string> Headings = ["h2", "h3", "h4", "h5", "h6"];

    private static void Collect(IElement element, Lines into)
    {
        var inline = new StringBuilder();
        foreach (var node in element.ChildNodes)
        {
            if (node is not IElement child)
            {
                if (node is IText textNode) inline.Append(textNode.Data.Replace('\n', ' ').Replace('\r', ' '));
                continue;
            }
            if (child.LocalName == "br")
            {
                inline.Append('\n');
                continue;
            }
            if (child.LocalName == "h1")
            {
                // An h1 at the top is the headline, and the few short lines above it are kickers and labels;
                // one after body text is a subheading.
                Flush(inline, into);
                if (into.Sum(line => line.Length) < 200) into.Reset();
                else into.AddRange(TextBlocks.Lines(child));
                continue;
            }
            if (!IsBlock(child))
            {
                TextBlocks.AppendText(child, inline);
                continue;
            }
            Flush(inline, into);
            var text = TextBlocks.Collapse(child.TextContent);
            if (text.Length == 0) continue;
            var links = TextBlocks.LinkDensity(child, text.Length);
            // A wrapper whose links outweigh its text is a menu or a list of teasers, unless it holds story paragraphs too.
            if (links > 0.5 && (child.LocalName != "p" || text.Length < 150) && !(child.LocalName != "p" && HoldsParagraphs(child))
                && !IsLinkedSubheading(child))
            {
                into.DropHeadingAtEnd();
                continue;
            }
            if (child.LocalName is "ul" or "ol" && IsTeaserList(child))
            {
                into.DropHeadingAtEnd();
                continue;
            }
            if (child.LocalName == "tr")
                into.Add(RowText(child));
            else if (!LeafBlocks.Contains(child.LocalName) && HasBlockChild(child))
                Collect(child, into);
            // A short div that is partly a link is a call to action ("Have a tip? Get in touch").
            else if (Headings.Contains(child.LocalName) && text.Length < 120)
                into.AddHeading(TextBlocks.Lines(child));
            else if (!IsMetadataLine(child, text) && !(child.LocalName == "div" && text.Length < 100 && links > 0.2))
                into.AddRange(TextBlocks.Lines(child));
        }
        Flush(inline, into);
    }

    /// <summary>
    /// A subheading made of a link ("“Rez Infinite” ($30)" linking to the game) right after a paragraph of story text:
    /// part of the story, not a menu.
    /// </summary>
    private static bool IsLinkedSubheading(IElement heading)
    {
        if (!Headings.Contains(heading.LocalName) || heading.PreviousElementSibling is not { LocalName: "p" } before) return false;
        var text = TextBlocks.Collapse(before.TextContent);
        return text.Length >= 100 && TextBlocks.LinkDensity(before, text.Length) < 0.5;
    }

    /// <summary>A list of at least three items, most of them teaser cards: other stories ("Most read", "Read next").</summary>
    private static bool IsTeaserList(IElement list)
    {
        var items = list.Children.Where(c => c.LocalName == "li").ToList();
        return items.Count >= 3 && items.Count(IsTeaserCard) * 3 >= items.Count * 2;
    }

    /// <summary>
    /// A list item made of a linked headline and a summary block: a teaser of another story. The card may wrap them in
    /// layout boxes of its own (a news stream: li, box, then the headline and its summary).
    /// </summary>
    private static bool IsTeaserCard(IElement item)
    {
        var headline = item.Children.FirstOrDefault(c => c.LocalName is "a" or "h2" or "h3" or "h4") ?? item.QuerySelector("h2, h3, h4");
        if (headline is null || TextBlocks.Collapse(headline.TextContent).Length < 15) return false;
        if (headline.LocalName != "a" && headline.QuerySelector("a") is null) return false;
        return item.QuerySelectorAll("p, div").Any(c => !c.Contains(headline) && !headline.Contains(c) && TextBlocks.Collapse(c.TextContent).Length >= 25);
    }

    /// <summary>How many levels above a paragraph its teaser card's list item is looked for.</summary>
    private const int CardDepth = 3;

    /// <summary>True when the paragraph lies in a teaser card (a list item, see <see cref="IsTeaserCard"/>); the items seen are remembered.</summary>
    private static bool InTeaserCard(IElement paragraph, Dictionary<IElement, bool> cards)
    {
        var e = paragraph.ParentElement;
        for (var level = 0; level < CardDepth && e is not null; level++, e = e.ParentElement)
        {
            if (e.LocalName != "li") continue;
            if (!cards.TryGetValue(e, out var card)) cards[e] = card = IsTeaserCard(e);
            return card;
        }
        return false;
    }

    /// <summary>A table row as one line: its non-empty cells, and the lines of each cell, joined by a space.</summary>
    private static string RowText(IElement row) =>
        string.Join(' ', row.Children.SelectMany(TextBlocks.Lines));

    /// <summary>A date line ("Updated on March 3, 2026 at 4:02 PM UTC"), or a short byline or live-blog entry header around a &lt;time&gt;.</summary>
    private static bool IsMetadataLine(IElement block, string text)
    {
        if (text.Length > 150) return false;
        if (Dates.IsDateLine(text)) return true;
        var times = block.QuerySelectorAll("time");
        if (times.Length == 0) return false;
        var rest = times.Aggregate(text, (left, time) => left.Replace(TextBlocks.Collapse(time.TextContent), " ")).Trim();
        return rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 8 && !rest.EndsWith('.') && !rest.EndsWith('!') && !rest.EndsWith('?');
    }

    private static void Flush(StringBuilder inline, Lines into)
    {
        if (inline.Length == 0) return;
        into.AddRange(TextBlocks.Lines(inline.ToString()));
        inline.Clear();
    }

    private static bool IsBlock(IElement element) => BlockTags.Contains(element.LocalName) || LeafBlocks.Contains(element.LocalName);

    private static bool HasBlockChild(IElement element) => element.Children.Any(IsBlock);

    private static bool IsNoise(string paragraph) =>
        paragraph.Length < 60 && NoiseLine().IsMatch(paragraph)
        || paragraph.Length < 160 && CallToAction().IsMatch(paragraph)
        || paragraph.Length < 250 && SourceLine().IsMatch(paragraph)
        || paragraph.Length < 300 && RightsLine().IsMatch(paragraph)
        || paragraph.Length < 200 && SupportAppeal().IsMatch(paragraph)
        || IsPaywallNotice(paragraph);

    private static bool IsPaywallNotice(string paragraph) => paragraph.Length < 200 && PaywallLine().IsMatch(paragraph);

    /// <summary>Class, id or role of a non-content block; camel-case class names too ("NewsletterInline_box").</summary>
    [GeneratedRegex(@"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|related|related-?(posts?|articles?|stories|content|links)|yarpp|recommended|more-stories|newsletters?|signup|subscribe|cookies?|consent|gdpr|banner|comments?|disqus|footer|sidebar|popup|modal|outbrain|taboola|author-bio|read-more|readmore|lire[-_]aussi|a-lire|masthead|site-header|dialog|alertdialog|complementary|contentinfo|pullquote|pull-quote|cta)([\s_-]|$)|(?-i:(Newsletter|Related|Comments?|Signup|Subscribe|Sidebar|Footer|MoreFrom|MoreStories|ReadMore|Pullquote|PullQuote)(?=[A-Z_\s-]|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"(^|[\s_-])(gallery|galleries|slideshow|carousel|slider|lightbox)([\s_-]|$)|(?-i:(Gallery|Slideshow|Carousel)(?=[A-Z_\s-]|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Gallery();

    [GeneratedRegex(@"(^|[\s_-])(modal|popup|dialog)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Dialog();

    /// <summary>Log-in, sign-up and password forms.</summary>
    [GeneratedRegex(@"(^|[\s_-])(login|log-in|signin|sign-in|password|registration)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Account();

    [GeneratedRegex(@"(^|[\s_-])(comments?|disqus|respond|replies)([\s_-]|$)|(?-i:Comments?(?=[A-Z_\s-]|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Comments();

    /// <summary>
    /// Hints of small non-content parts (share bars, ads, captions, media embeds, bylines, dates, labels…) that a body
    /// wrapper may also carry as a feature flag ("story-body social-embed-enabled", "article-body ad-enabled").
    /// </summary>
    [GeneratedRegex(@"(^|[\s_-])(share|sharing|social|advert|advertisement|ads?|adslot|sponsor(ed)?|promos?|tags?|toolbar|skip|caption|credits?|video|player|podcast|widget|subscription|byline|authors?|auteurs?|metas?|dates?|timestamp|label|kicker|eyebrow|surtitre|bio|more|contacts?)([\s_-]|$)|(?-i:(Share|Social|Promo|Video|Caption|Credit|Podcast|Widget|Byline|Timestamp|Bio)(?=[A-Z_\s-]|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinorBoilerplate();

    [GeneratedRegex(@"(^|[\s_-])(paywall|regwall|subscriber-only|premium-teaser|subscribe-wall|piano|meter-wall|abonnes?-only|reserve-abonnes|paid-content-teaser)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Paywall();

    [GeneratedRegex(@"(^|[\s_-])(article|articlebody|article-body|story|story-body|post|entry|entry-content|content|main|text|body)([\s_-]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContentMarker();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"^(advertisement|publicité|pub|sponsored|sponsorisé|lire aussi|à lire aussi|read more|read also|related|share|partager|sur le même sujet|newsletter|follow us|suivez-nous)\b|^(key points|points clés|communiqué de presse|press release|abonnés|premium|exclusive|exclusif|sign up here|learn more|en savoir plus|watch|hide)\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoiseLine();

    /// <summary>Calls to sign up, follow, subscribe for the full story, download the app, join a channel or write a letter.</summary>
    [GeneratedRegex(@"\bnewsletters?\b.*\b(sign up|subscribe|inscri\w*|abonne\w*|free|gratuite?s?|inbox|recev\w*|receive)\b|\b(sign up|subscribe|inscrivez-vous|abonnez-vous)\b.*\bnewsletters?\b|\b(suivez-nous|follow us)\b|\b(suivez|follow)\b.*\b(google (actualités|news)|whatsapp|linkedin|facebook|instagram)\b|\b(to view|for|read) the full (story|article)\b|\bdownload (the|our)\b.*\bapps?\b|\bs[ií]guenos\b|\bhazte miembro\b|\b(telegram|whatsapp|youtube)\b.*\b(canal|channel)\b|\b(canal|channel)\b.*\b(telegram|whatsapp|youtube)\b|\b(submit|write|send)\b.*\bletters? to the editor\b|\bwe want to hear what you think\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallToAction();

    /// <summary>Source notes under tables and charts, picture credits, agency sign-offs.</summary>
    [GeneratedRegex(@"^((sources?|quelle|bildquelle|fuente|titelbild|beitragsbild|cr[ée]dits?( photos?)?|photo credits?)\s*:|\(?(additional )?(reporting|writing|editing) by\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();

    /// <summary>Appeals to support the newsroom and article-rating widgets: "Support independent journalism", "Valora esta noticia".</summary>
    [GeneratedRegex(@"\b(support (our|independent|quality) journalism|(apoya|apoye) (el|nuestro) periodismo|hacemos periodismo|cancela cuando quieras|unterstütze (uns|unser\w*|\w+ (bereits|mit|jetzt))\b|unterstützen sie (uns|unser\w*|unabhängigen journalismus)|soutenez (notre|le) journalisme|valora esta noticia|rate this (article|story)|(war|ist) (der|dieser) artikel (nützlich|hilfreich)|was this article helpful|never miss (the latest|a story)|become a (member|subscriber|supporter)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SupportAppeal();

    /// <summary>Copyright and reprint notices: "© 2024 …", "All rights reserved", "Written permission must be obtained before reprint".</summary>
    [GeneratedRegex(@"^\s*(©|\(c\)\s|copyright\s*(©|\(c\)|\d{4}))|\b(all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone|materiał chroniony prawem autorskim|copyrighted (property|material) of|(written )?permission (must be obtained|is required) (before|to) (reprint|republish|reproduc))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RightsLine();

    /// <summary>Where a press release's boilerplate starts: "About Hexavia", "À propos de …", media contacts, forward-looking statements.</summary>
    [GeneratedRegex(@"^(About|À propos d(e\s|['’])|A propos d(e\s|['’]))\s*\p{Lu}[^.!?]*$|^(?i:((media|press|investor)( relations)? contacts?|contacts? (presse|médias?|investisseurs)|forward-looking statements|safe harbou?r statement|###)\s*:?)$", RegexOptions.CultureInvariant)]
    private static partial Regex EndSection();

    [GeneratedRegex(@"subscribe to (read|continue)|subscribers only|réservé aux abonnés|reserve aux abonnes|abonnez-vous pour (lire|continuer)|already a subscriber|déjà abonné|la suite est réservée|to continue reading", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PaywallLine();
}

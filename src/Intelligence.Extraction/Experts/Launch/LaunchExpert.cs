using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Launch;

/// <summary>Launches of named products, models and chips: "Microsoft a dévoilé la Maia 200", "le lancement de MAI-1-preview",
/// "L'introduction de MAI-1 par Microsoft", "X unveiled GPT-5". Someone else's product named nearby (a rival's GPU) is not the launch.</summary>
public sealed partial class LaunchExpert : IExpert
{
    public string Name => "launch";

    [GeneratedRegex(@"\b(?:lan[cç]\w*|d[ée]voil\w*|pr[ée]sent[ée](?:e|s|es)?|a\s+pr[ée]sent[ée]|annonc[ée]\w*|sorti[es]?|d[ée]ploy\w*|d[ée]ploi\w*|introdu\w*|introduction|d[ée]but[ée]\w*|a\s+d[ée]but[ée]|commercialis\w*|launch\w*|unveil\w*|releas\w*|introduc\w*|rolled\s+out|roll(?:s|ing)?\s+out|debut\w*|ships|shipped|announc\w*|mis\s+en\s+service|disponible|available|generally\s+available|open-sourc\w*|publi[ée]\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex TriggerRegex();

    [GeneratedRegex(@"\b(?:mod[èe]les?|models?|LLM|IA\s+g[ée]n[ée]rative|large\s+language|foundation\s+model|mod[èe]le\s+de\s+langage)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ModelRegex();

    [GeneratedRegex(@"\b(?:puces?|chips?|processeurs?|processors?|acc[ée]l[ée]rateurs?|accelerators?|GPUs?|semi-conducteurs?|semiconductors?|silicon|silicium|chipset)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChipRegex();

    [GeneratedRegex(@"^\s*(?:,|and|et|&|or|ou|,\s*(?:and|et|or|ou))\s*(?:the\s+|la\s+|le\s+|les\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListJoinRegex();

    [GeneratedRegex(@"\b(?:in\s+development|en\s+(?:cours\s+de\s+)?d[ée]veloppement|coming\s+soon|bient[ôo]t|will\s+(?:also\s+|now\s+|soon\s+|only\s+)?be\s+(?:available|released|launched|rolled\s+out)|sera\s+(?:disponible|lanc[ée]e?|commercialis[ée]e?)|seront\s+(?:disponibles|lanc[ée]e?s)|next\s+year|l'an\s+prochain|l'ann[ée]e\s+prochaine|later\s+this\s+year|d'ici\s+la\s+fin\s+de\s+l'ann[ée]e|teas\w+|still\s+training|en\s+cours\s+d'entra[îi]nement|pr[ée]vue?s?\s+pour|expected\s+to\s+(?:launch|be\s+released|arrive)|plans\s+to\s+(?:launch|release)|pr[ée]voit\s+de\s+lancer|compte\s+lancer|prototype)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotYetRegex();

    [GeneratedRegex(@"\b(?:since|ever\s+since|depuis)\b(?!.*[,;])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SinceRegex();

    /// <summary>A date or a period is no product ("the end of Q2", "on February 19").</summary>
    [GeneratedRegex(@"^(?:Q[1-4]|T[1-4]|H[12]|S[12]|FY\s?\d{2,4}|(?:19|20)\d{2}|(?:January|February|March|April|May|June|July|August|September|October|November|December|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)(?:\s+\d{1,4})*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodName();

    [GeneratedRegex(@"\b(?:par|by)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByRegex();

    public double Gate(SentenceView s)
    {
        var products = s.Mentions.Count(m => m.Kind == MentionKind.Product);
        return products == 0 ? 0 : s.MatchesOf(TriggerRegex()).Count * 0.9 + 0.1;
    }

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var products = s.Mentions.Where(m => m.Kind == MentionKind.Product).ToList();
        if (products.Count == 0) yield break;
        var emitted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match trigger in s.MatchesOf(TriggerRegex()))
        {
            if (Cues.IsHedged(s, trigger.Index, 40) || Cues.IsNegated(s, trigger.Index, 30)) continue;
            // Only released or available products are launches: "still in development", "will be available next year" are not.
            if (Cues.Near(NotYetRegex(), s, trigger.Index, 60)) continue;
            // "since OpenAI released ChatGPT", "depuis le lancement de…": an earlier launch told as background.
            if (SinceRegex().IsMatch(s.Text.AsSpan(Math.Max(0, trigger.Index - 45), Math.Min(45, trigger.Index)))) continue;
            var triggerEnd = trigger.Index + trigger.Length;
            var chosen = products.Where(p => p.Start >= triggerEnd && p.Start - triggerEnd <= 45).ToList();
            if (chosen.Count == 0)
            {
                var before = products.LastOrDefault(p => p.End <= trigger.Index && trigger.Index - p.End <= 30);
                if (before is not null) chosen.Add(before);
            }
            else
            {
                // Only the first product and the ones listed right after it.
                var listed = new List<Mention> { chosen[0] };
                foreach (var next in chosen.Skip(1))
                {
                    if (!ListJoinRegex().IsMatch(s.Text.AsSpan(listed[^1].End, Math.Max(0, next.Start - listed[^1].End)))) break;
                    listed.Add(next);
                }
                chosen = listed;
            }
            foreach (var product in chosen)
            {
                var company = CompanyFor(s, trigger, product);
                if (company is null || PeriodName().IsMatch(product.Name) || !emitted.Add(product.Name)) continue;
                // A product named right after another company ("GPU Nvidia H100") belongs to that company.
                var owner = s.NearestOrgBefore(product.Start, maxDistance: 2);
                if (owner is not null && owner.Name != company) continue;
                if (product.Entity?.Company is { } maker && maker != company) continue;
                yield return new Fact
                {
                    Type = FactTypes.Launch, Company = company, Product = product.Name, Kind = KindOf(s, product),
                    Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.8, product), Expert = Name,
                    Evidence = s.Evidence(article.OriginalText),
                };
            }
        }
    }

    private static string? CompanyFor(SentenceView s, Match trigger, Mention product)
    {
        var by = s.Organizations.FirstOrDefault(m => m.Start > trigger.Index && m.Start - trigger.Index < 90 &&
            ByRegex().IsMatch(s.Text[Math.Max(0, m.Start - 8)..m.Start]));
        if (by is not null) return by.Name;
        var subject = s.Subject(before: trigger.Index) ?? s.NearestOrgBefore(trigger.Index, subjectsOnly: true);
        if (subject is not null) return subject.Name;
        return product.Entity?.Company ?? s.ImplicitSubject;
    }

    private static string KindOf(SentenceView s, Mention product)
    {
        var from = Math.Max(0, product.Start - 50);
        var to = Math.Min(s.Text.Length, product.End + 50);
        var window = s.Text[from..to];
        var chip = ChipRegex().Match(window);
        var model = ModelRegex().Match(window);
        if (chip.Success && (!model.Success || Math.Abs(chip.Index + from - product.Start) < Math.Abs(model.Index + from - product.Start))) return "chip";
        if (model.Success) return "model";
        return product.Entity?.ProductKind ?? "product";
    }
}

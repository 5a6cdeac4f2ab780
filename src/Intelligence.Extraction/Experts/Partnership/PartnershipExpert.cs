using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Partnership;

/// <summary>Partnership changes: formed, expanded, restructured, ended — "la restructuration de l'accord Microsoft-OpenAI",
/// "X partners with Y", "X héberge des modèles de Y et Z" (one fact per pair), "jusqu'en 2032" gives until.</summary>
public sealed partial class PartnershipExpert : IExpert
{
    public string Name => "partnership";

    private const string Anchor = @"\b(?:partenariats?|partenaires?|partnerships?|partners?|alliances?|accords?|agreements?|deals?|collaborations?|coentreprise|joint\s+venture|contrat\s+de\s+licence|licensing\s+(?:deal|agreement)|liens|ties|relation(?:s|ship)?)\b";
    private const string Restructured = @"\b(?:restructur\w*|ren[ée]goci\w*|renegotiat\w*|remani\w*|overhaul\w*|revis\w*|r[ée]vis\w*|r[ée][ée]crit\w*|rewr\w*|nouvelles\s+conditions|new\s+terms|assoupli\w*|loosen\w*|reshap\w*|remodel\w*|redefin\w*|red[ée]fini\w*|chang\w*\s+(?:\w+\s+){0,2}terms|modifi\w*\s+(?:\w+\s+){0,2}termes)";
    private const string Expanded = @"\b(?:[ée]largi\w*|[ée]tend(?:u|ent|re)?\b|[ée]tendu\w*|expand\w*|extend\w*|renforc\w*|strengthen\w*|deepen\w*|approfondi\w*|prolong\w*|renouvel\w*|renew\w*|broaden\w*)";
    private const string Ended = @"\b(?:met\s+fin|mis\s+fin|mettre\s+fin|mettent\s+fin|rompu\w*|romp\w*|terminat\w*|ended|ends\s+(?:its|their|the)|end\s+(?:its|their)|dissolv\w*|dissou\w*|sever\w*|cut\s+ties|rupture\s+(?:de|du)\s+(?:l'accord|partenariat|contrat)|split\s+(?:with|from)|pull(?:s|ed)?\s+out|withdr[ae]w\w*|se\s+retir\w*|abandonn?\w*\s+(?:le|son|leur|l')\s*(?:partenariat|accord|alliance))";
    private const string Formed = @"\b(?:(?:will\s+)?(?:take|takes|took|taking)\s+part\s+in|prend(?:re|ra|ront)?\s+part\s+à|s'associ\w*|s'alli\w*|partners?\s+with|partnered|teams?\s+up|teamed\s+up|sign(?:[ée]|[ée]e|[ée]s|[ée]es|e|ent|ed|s|ing)\b|conclu\w*|nou[ée]\w*|scell\w*|(?-i:forg(?:e|es|ed|ing))\b|strikes?|struck|annonc\w*\s+(?:un|une|le|la)\s+(?:nouvel(?:le)?\s+)?(?:partenariat|accord|alliance|collaboration)|announc\w*\s+(?:a\s+)?(?:new\s+)?(?:partnership|deal|agreement|alliance|collaboration)|new\s+(?:partnership|alliance|deal)|nouvel(?:le)?\s+(?:partenariat|alliance|accord)|int[ée]gr\w*\s+(?:les\s+|des\s+)?mod[èe]les|h[ée]berg\w*\s+(?:[ée]galement\s+|aussi\s+)?(?:les\s+|des\s+)?mod[èe]les|hosts?\s+(?:\w+\s+)?models|integrat\w*\s+(?:\S+\s+){0,2}models|accept\w*\s+d'utiliser|agreed\s+to\s+use|choisi\w*\s+(?:les\s+)?mod[èe]les|s'appui\w*\s+sur\s+les\s+mod[èe]les|(?:cr[ée]{2}(?:nt|r|ra|ront)?|cr[ée]e(?:nt)?|form(?:s|ed|ing)?|set(?:s|ting)?\s+up|establish(?:es|ed|ing)?|fond[ée](?:nt|r)?|lanc[ée](?:nt|r)?|launch(?:es|ed|ing)?)\s+(?:a|an|une|un|the|la|le|leur|their)\s+(?:[\w-]+\s+){0,2}?(?:joint\s+venture|co-?entreprise|alliance|partenariat|partnership|JV))";

    // Any word of the five patterns above: most sentences have none, and this one pass tells the gate so (a match of
    // any of them is a match of this one), instead of a pass per pattern.
    [GeneratedRegex(Anchor + "|" + Restructured + "|" + Expanded + "|" + Ended + "|" + Formed, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AnyCueRegex();

    [GeneratedRegex(Anchor, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorRegex();

    [GeneratedRegex(@"\b(?:partenariats?|partnerships?|alliances?|accords?|agreements?|deals?|collaborations?|coentreprise|joint\s+venture|contrat\s+de\s+licence|licensing)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrongAnchorRegex();

    [GeneratedRegex(Restructured, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RestructuredRegex();

    [GeneratedRegex(Expanded, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExpandedRegex();

    [GeneratedRegex(Ended, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndedRegex();

    [GeneratedRegex(Formed, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormedRegex();

    [GeneratedRegex(@"\b(?:allows?|allowed|allowing|lets?|permits?|permet(?:tent|tra)?|autoris\w*|may|can|could|might|right\s+to|option\s+to|droit\s+de|pourr?(?:a|ait|aient|ont)|peu(?:t|vent))\b[^.;]{0,30}?\b(?:to|de|d')?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PermissionBeforeRegex();

    [GeneratedRegex(@"^\w+\s+(?:fees?|clauses?|rights?|provisions?|payments?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TerminationTermRegex();

    [GeneratedRegex(@"\b(?:jusqu'en|jusqu'à|jusqu'au|until|through|till|to)\s+(?:fin\s+|the\s+end\s+of\s+)?(?<year>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UntilRegex();

    [GeneratedRegex(@"\b(?:entre|between)\s+(?<a>.{1,60}?)\s+(?:et|and)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BetweenRegex();

    [GeneratedRegex(@"^\s*(?:-|/|–)\s*$")]
    private static partial Regex HyphenRegex();

    private static Match? First(SentenceView s, Regex regex) => s.MatchesOf(regex) is { Count: > 0 } matches ? matches[0] : null;

    public double Gate(SentenceView s)
    {
        var orgs = s.DistinctOrganizationCount();
        if (orgs == 0 || !s.IsMatch(AnyCueRegex())) return 0;
        var changes = s.MatchesOf(RestructuredRegex()).Count + s.MatchesOf(ExpandedRegex()).Count +
            s.MatchesOf(EndedRegex()).Count + s.MatchesOf(FormedRegex()).Count;
        return (s.MatchesOf(AnchorRegex()).Count * 0.6 + changes * 0.6) * (orgs >= 2 ? 1.0 : 0.6);
    }

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        var (change, changeAt, changeConfidence) = Change(s);
        // "The agreement allows Yahoo to terminate the deal", "l'accord permet à X de rompre…": a right to end it, which ends nothing.
        // "a termination fee of $15 million payable to Verizon": the word names a fee or a clause, nothing that ended.
        if (change == "ended" && (PermissionBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, changeAt - 40), changeAt - Math.Max(0, changeAt - 40))) ||
            TerminationTermRegex().IsMatch(s.Text.AsSpan(changeAt)))) yield break;
        var strong = StrongAnchorRegex().Match(s.Text);
        var anchorAt = strong.Success ? strong.Index : changeAt;
        if (anchorAt < 0) yield break;
        // A bare change verb without any partnership noun counts only for the verbs that name the relation themselves.
        if (!strong.Success && s.MatchesOf(AnchorRegex()).Count == 0 && change != "formed") yield break;
        if (Cues.IsHedged(s, anchorAt, 200) || Cues.IsNegated(s, anchorAt, 60)) yield break;
        // "without signing a licensing agreement", "sans accord": no relation was formed.
        if (WithoutRegex().IsMatch(s.Text.AsSpan(Math.Max(0, anchorAt - 40), anchorAt - Math.Max(0, anchorAt - 40)))) yield break;
        // A lawsuit between two companies is a dispute, not a partnership.
        if (s.IsMatch(Dispute.DisputeExpert.Trigger)) yield break;
        // "a deal to buy", "l'accord de rachat": an acquisition or a stake sale is an investment, not a partnership,
        // unless the sentence names the alliance itself ("joint venture", "partenariat").
        var alliance = AllianceRegex().Match(s.Text);
        // "buy an 18% stake in a joint venture": the venture is what is bought into, not an alliance the parties form.
        if (alliance.Success && StakeInRegex().IsMatch(s.Text.AsSpan(Math.Max(0, alliance.Index - 30), alliance.Index - Math.Max(0, alliance.Index - 30))))
            alliance = Match.Empty;
        if (!alliance.Success && AcquisitionRegex().IsMatch(s.Text)) yield break;
        // "Google and OpenAI have signed licensing deals": deals in the plural, with nobody named as the other side, are
        // each company's deals with others, not one between them.
        if (strong.Success && PluralDealRegex().IsMatch(s.Text.AsSpan(strong.Index)) && !s.IsMatch(WithRegex()) && !s.IsMatch(BetweenRegex())) yield break;
        // "a longtime partner of Skydance", "Amazon's agreement with Anthropic": a relation mentioned with no verb that
        // forms, changes or ends it, and no alliance named as such, is background unless it names its two parties itself
        // ("l'accord Renault-Nissan", "the deal between X and Y").
        var pairOnly = change is null && !alliance.Success;
        if (alliance.Success) anchorAt = alliance.Index;

        var until = UntilRegex().Match(s.Text);
        var parties = Parties(s, anchorAt, pairOnly);
        if (parties.Count < 2) yield break;
        yield return new Fact
        {
            Type = FactTypes.Partnership, Parties = parties, Change = change,
            Until = until.Success ? until.Groups["year"].Value : null, Date = s.FirstDate?.Iso,
            Confidence = Math.Round(changeConfidence * (parties.Count > 2 ? 0.85 : 1.0), 3), Expert = Name,
            Evidence = s.Evidence(article.OriginalText),
        };
    }

    private static (string? Change, int At, double Confidence) Change(SentenceView s)
    {
        if (First(s, RestructuredRegex()) is { } r) return ("restructured", r.Index, 0.85);
        if (First(s, EndedRegex()) is { } e) return ("ended", e.Index, 0.8);
        if (First(s, ExpandedRegex()) is { } x) return ("expanded", x.Index, 0.75);
        if (First(s, FormedRegex()) is { } f) return ("formed", f.Index, 0.7);
        return (null, -1, 0.55);
    }

    /// <summary>The parties by structure: "l'accord Microsoft-OpenAI", "un partenariat entre X et Y", "X (and Y) … with Z
    /// (and W)", "X et Y ont signé un accord". A venture with more than two founders is one fact listing them all; a sentence
    /// that only names two organisations around an alliance noun pairs them.</summary>
    private static List<string> Parties(SentenceView s, int anchorAt, bool pairOnly = false)
    {
        var orgs = s.Organizations.Where(m => m.Kind == MentionKind.Organization).ToList();
        for (var i = 0; i + 1 < orgs.Count; i++)
            if (orgs[i].Name != orgs[i + 1].Name && HyphenRegex().IsMatch(s.Text[orgs[i].End..orgs[i + 1].Start]) && Math.Abs(orgs[i].Start - anchorAt) < 80)
                return [orgs[i].Name, orgs[i + 1].Name];
        foreach (Match between in BetweenRegex().Matches(s.Text))
        {
            var a = orgs.FirstOrDefault(m => m.Start >= between.Index && m.End <= between.Index + between.Length);
            var b = orgs.FirstOrDefault(m => m.Start >= between.Index + between.Length && m.Start - (between.Index + between.Length) <= 30);
            if (a is not null && b is not null && a.Name != b.Name) return [a.Name, b.Name];
        }
        if (pairOnly) return [];
        var names = new List<string>();
        void Add(Mention m) { if (!names.Contains(m.Name)) names.Add(m.Name); }
        // The subject: the organisation (or list of them) before the alliance word that is no prepositional complement.
        var subject = orgs.LastOrDefault(m => m.End <= anchorAt && !s.IsComplement(m));
        if (subject is not null) foreach (var m in ListBackward(s, orgs, orgs.IndexOf(subject))) Add(m);
        else if (s.ImplicitSubject is { } implicitSubject) names.Add(implicitSubject);
        // The partners: the organisation (or list) after "with"/"avec" near the alliance word.
        foreach (Match with in WithRegex().Matches(s.Text))
        {
            if (with.Index < anchorAt - 60 || with.Index > anchorAt + 90) continue;
            var first = orgs.FirstOrDefault(m => m.Start >= with.Index + with.Length && m.Start - (with.Index + with.Length) <= 25);
            if (first is null) continue;
            foreach (var m in ListForward(s, orgs, orgs.IndexOf(first))) Add(m);
            return names.Count >= 2 ? names : [];
        }
        if (names.Count >= 2) return names;
        var distinct = orgs.Select(m => m.Name).Distinct().ToList();
        return distinct.Count == 2 ? distinct : [];
    }

    private static IEnumerable<Mention> ListForward(SentenceView s, List<Mention> orgs, int i)
    {
        yield return orgs[i];
        for (var j = i + 1; j < orgs.Count && ListJoinRegex().IsMatch(s.Text.AsSpan(orgs[j - 1].End, orgs[j].Start - orgs[j - 1].End)); j++)
            yield return orgs[j];
    }

    private static IEnumerable<Mention> ListBackward(SentenceView s, List<Mention> orgs, int i)
    {
        var start = i;
        while (start > 0 && ListJoinRegex().IsMatch(s.Text.AsSpan(orgs[start - 1].End, orgs[start].Start - orgs[start - 1].End))) start--;
        for (var j = start; j <= i; j++) yield return orgs[j];
    }

    [GeneratedRegex(@"^\s*(?:,\s*(?:and\s+|et\s+)?|\s(?:and|et|&)\s+)(?:(?:the|le|la|les|l')\s*)?(?:[\p{L}-]+\s+){0,4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListJoinRegex();

    [GeneratedRegex(@"\b(?:with|avec|alongside|aux\s+côtés\s+d[eu']|auprès\s+d[eu'])\s+(?:(?:the|le|la|les|l')\s*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithRegex();

    [GeneratedRegex(@"\b(?:partenariats?|partnerships?|alliances?|collaborations?|coentreprises?|co-entreprises?|joint[- ]ventures?|(?-i:ventures?)(?!\s+capital)|consortium|accords?\s+(?:de\s+)?(?:distribution|coopération|cooperation|licence|fourniture|partenariat)|(?:power[- ]purchase|supply|distribution|licensing|cooperation|strategic)\s+(?:agreements?|deals?|pacts?))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllianceRegex();

    [GeneratedRegex(@"\b(?:without|sans)\s+(?:\S+\s+){0,3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithoutRegex();

    [GeneratedRegex(@"\b(?:stakes?|participations?|shares?|holding|interest)\s+(?:in|dans|de)\s+(?:a|an|the|une|la|le|l')?\s*(?:new\s+|nouvelle\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StakeInRegex();

    [GeneratedRegex(@"^(?:(?:licensing|licence|supply|distribution)\s+)?(?:deals|agreements|accords|partnerships|partenariats|contrats)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PluralDealRegex();

    [GeneratedRegex(@"\b(?:invest(?:s|ed|ing)?|investir|investi|investit|buy(?:s|ing)?|bought|acquir\w*|acquisition|rach[eè]t\w*|rachat|takeover|merger|fusion|stake|participation|cession|c[èe]de\w*|sells?|selling|sold|per\s+share|par\s+action|valuing|valoris\w*|offre\s+publique|tender\s+offer|%|percent|pour\s+cent|license\s+with|breach\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AcquisitionRegex();
}

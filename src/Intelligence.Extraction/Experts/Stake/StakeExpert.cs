using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Stake;

/// <summary>"Microsoft conserve une participation de 27 % dans OpenAI", "X owns 27% of Y", "Y, in which X holds a 27% stake".</summary>
public sealed partial class StakeExpert : IExpert
{
    public string Name => "stake";

    [GeneratedRegex(@"\b(?:participations?|parts?|stakes?|holding|d[ée]tien\w*|keeps?|kept|retains?|retained|conserve\w*|garde\w*|d[ée]tenu\w*|holds?|held|owns?|owned|owning|poss[èe]de\w*|ownership|actionnaires?|shareholders?|capital|equity|acqu[ée]rir|acquiert|acquis|acquire[sd]?|acquiring|ach[eè]t\w*|rach[eè]t\w*|bought|buys?|buying|purchas\w*|tak(?:e|es|en|ing)|took|prendr?a?|prendre|pris(?:e|es)?|c[èe]d\w*|c[ée]d[ée]\w*|sold|sells?|selling|contr[ôo]le(?:ra|rait|r)?|controls?|giv(?:e|es|ing)|gave)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRegex();

    [GeneratedRegex(@"\b(?:parts?\s+de\s+march[ée]|market\s+share|share\s+of\s+the\s+market|des\s+voix|of\s+the\s+vote|votes?|du\s+chiffre|of\s+revenue|des\s+revenus|de\s+ses\s+revenus|of\s+its\s+revenue|de\s+croissance|growth|(?<!\bà\s+la\s+)hausse|baisse|rise|fall|drop|increase|decrease)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotStakeRegex();

    /// <summary>"shares have fallen 30%", "le titre a bondi de 12 %": a price move, not a holding.</summary>
    [GeneratedRegex(@"\b(?:fallen|fell|falls|rose|risen|rises|jumped|jumps|gained|gains|climbed|dropped|slid|soared|plunged|surged|tumbled|declined|lost|chut[ée]|bondi|grimp[ée]|recul[ée]|progress[ée]|perdu|gagn[ée]|baiss[ée]|augment[ée])\s+(?:by\s+|de\s+)?(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|près\s+de\s+|environ\s+|plus\s+de\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PriceMoveBeforeRegex();

    [GeneratedRegex(@"\b(?:c[èe]de\w*|c[ée]d[ée]\w*|vend\w*|sold|sells?|selling|divest\w*|offload\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaleRegex();

    [GeneratedRegex(@"\b(?:dont|dans\s+laquelle|dans\s+lequel|in\s+which|of\s+which|whose)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"\b(?:owned|held|taken|acquired|bought|d[ée]tenue?s?|poss[ée]d[ée]e?s?|prise?s?|acquise?s?|rachet[ée]e?s?)\b[^.]{0,25}?\b(?:by|par)\s+(?:the\s+|l'|le\s+|la\s+|les\s+)?(?-i:(?:[\p{Ll}-]+\s+){0,3})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassiveRegex();

    public double Gate(SentenceView s) =>
        s.Percents.Count == 0 ? (s.IsMatch(SoleOwnerRegex()) ? 0.8 : 0) : s.MatchesOf(TriggerRegex()).Count * 0.8 + 0.3;

    /// <summary>"becomes sole shareholder of Orbelle", "devient l'unique actionnaire d'Orbelle": a holding of 100 %.</summary>
    [GeneratedRegex(@"\b(?:(?:sole|only)\s+(?:shareholder|owner)|(?:seul|unique)\s+actionnaire|actionnaire\s+unique)\s+(?:of\s+|de\s+|du\s+|d')(?:the\s+|la\s+|le\s+|l')?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SoleOwnerRegex();

    private IEnumerable<Fact> SoleOwner(SentenceView s, ArticleContext article)
    {
        var sole = s.MatchesOf(SoleOwnerRegex())[0];
        var end = sole.Index + sole.Length;
        var target = s.Organizations.FirstOrDefault(m => m.Start >= end && m.Start - end <= 3);
        var holder = s.NearestOrgBefore(sole.Index, subjectsOnly: true);
        if (target is null || holder is null || holder.Name == target.Name) yield break;
        if (Cues.IsHedgedInClause(s, holder.Start, end) || Cues.IsNegated(s, holder.End, 40)) yield break;
        yield return Stake(s, article, holder, target, 100);
    }

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        if (Investment.DealCues.IsCalledOff(s)) yield break;
        if (s.Percents.Count == 0)
        {
            foreach (var fact in SoleOwner(s, article)) yield return fact;
            yield break;
        }
        var triggers = Cues.Spans(s, TriggerRegex());
        var done = new HashSet<PercentMention>();
        if (s.IsMatch(RespectivelyRegex()) && Respective(s, article, triggers) is { } respective)
            foreach (var (fact, percent) in respective) { done.Add(percent); yield return fact; }
        if (s.IsMatch(CrossHoldingRegex()) && CrossHoldings(s, article) is { } cross)
        {
            foreach (var fact in cross) yield return fact;
            yield break;
        }
        foreach (var p in s.Percents)
        {
            if (done.Contains(p)) continue;
            // A list of holdings ("Total 3 %, Vinci 7 %, …", "split between RIL with 16.34% and Viacom18 with 46.82%") takes
            // its cue from anywhere in the sentence.
            var reach = ListedHolding(s, p) is null && HolderWith(s, p) is null ? 60 : s.Text.Length;
            // "Tavira, whose shares have fallen 30% this year, sold its 25% stake": a percent in a relative clause is
            // about that clause's verb.
            var aside = Cues.AsideAround(s, p.Start, p.End);
            var trigger = triggers.Where(t => Cues.Distance((t.Start, t.End), (p.Start, p.End)) <= reach && Cues.SameAside(aside, (t.Start, t.End)))
                .OrderBy(t => Cues.Distance((t.Start, t.End), (p.Start, p.End))).Cast<(int Start, int End, string Value)?>().FirstOrDefault();
            if (trigger is not { } t) continue;
            var after = s.Text.AsSpan(p.End, Math.Min(25, s.Text.Length - p.End)).ToString();
            var before = s.Text.AsSpan(Math.Max(0, p.Start - 25), p.Start - Math.Max(0, p.Start - 25)).ToString();
            if (NotStakeRegex().IsMatch(after) || NotStakeRegex().IsMatch(before) || PriceMoveBeforeRegex().IsMatch(before)) continue;
            // "from 51% to 69%", "de 24 % à 6 %": the holding before the change is superseded.
            if (SupersededRegex().IsMatch(after)) continue;
            var left = Math.Min(t.Start, p.Start);
            var right = Math.Max(t.End, p.End);
            if (Cues.IsHedgedInClause(s, left, right, 60) || NegatedInClause(s, left, right) || Investment.DealCues.IsPlanned(s, left)) continue;

            Entities.Mention? holder, target;
            // "Aurex holds 12%, Benning 8% and the Danish state 25% of Corvel": each listed company holds its percent of the
            // company named after the list.
            if (HolderListTarget(s, p) is { } listTarget)
            {
                if ((OrgRightBefore(s, p) ?? s.NearestOrgBefore(p.Start, subjectsOnly: true)) is { } listHolder && listHolder.Name != listTarget.Name)
                    yield return Stake(s, article, listHolder, listTarget, p.Value);
                continue;
            }
            if (Cues.Near(SaleRegex(), s, left, 40))
            {
                // "Sanofi agreed to sell a 50% stake in Opella to CD&R": the buyer, after "to/à", holds it; no buyer, no fact.
                if (SoldStake(s, right) is not ({ } buyer, { } sold) || buyer.Name == sold.Name) continue;
                yield return Stake(s, article, buyer, sold, p.Value);
                continue;
            }
            // "split between RIL with 16.34% and Viacom18 with 46.82%": each named holder holds its percent of the company
            // the sentence's stake is in.
            if (HolderWith(s, p) is { } with)
            {
                var heldIn = StructuralTarget(s, s.Percents[0], t, exclude: null)?.Name;
                if (heldIn is not null && heldIn != with.Name)
                    yield return Stake(s, article, with, new Entities.Mention(0, 0, heldIn, Entities.MentionKind.Organization, Entities.MentionSource.Coreference), p.Value);
                continue;
            }
            var listed = ListedHolding(s, p);
            var byMatch = s.Mentions.FirstOrDefault(m => m.IsOrganization && m.Start >= right && m.Start - right <= 60 &&
                PassiveRegex().IsMatch(s.Text[Math.Max(0, m.Start - 40)..m.Start]));
            target = listed ?? StructuralTarget(s, p, t, exclude: byMatch?.Name);
            // "Les 20 % que détient Vantor dans Orbelle", "the 75% stake that Lone Star holds in Novo Banco" (unless bought).
            if (byMatch is null && target is not null && RelativeHolder(s, p, target) is { } relativeHolder &&
                !s.Organizations.Any(m => m.End <= p.Start && m.Name != target.Name && m.Name != relativeHolder.Name && !s.IsComplement(m)))
            {
                if (relativeHolder.Name != target.Name) yield return Stake(s, article, relativeHolder, target, p.Value);
                continue;
            }
            // "Ferrovial will keep a 5.25 percent stake": a stake kept, with no company named, is in the one the deal is about.
            // "Disney owns the remaining 36.84%", "Vantor conserve les 30 % restants": the rest of the company the article's stakes are in.
            var beforePercent = s.Text.AsSpan(Math.Max(0, p.Start - 30), p.Start - Math.Max(0, p.Start - 30));
            var remaining = RemainingBeforeRegex().IsMatch(beforePercent) || RemainingAfterRegex().IsMatch(s.Text.AsSpan(p.End));
            if (byMatch is null && target is null && listed is null && (remaining || KeptRegex().IsMatch(beforePercent)) &&
                s.NearestOrgBefore(left, subjectsOnly: true) is { } keeper &&
                article.LastStakeTarget is { } kept && keeper.Name != kept)
            {
                yield return Stake(s, article, keeper, new Entities.Mention(0, 0, kept, Entities.MentionKind.Organization, Entities.MentionSource.Coreference), p.Value);
                continue;
            }
            if (byMatch is not null)
            {
                // "a 10% stake taken by the White House", "Orbelle, détenue à 30 % par Vantor": the agent holds it.
                holder = byMatch;
                target ??= s.Organizations.FirstOrDefault(m => m.Start >= right && m.End <= byMatch.Start && m.Name != byMatch.Name)
                    ?? OwnerOfContext(s, article, left, byMatch.Name);
            }
            else if (target is not null)
            {
                // The holder is the subject before the percent, not the company it is in ("the deal gives Nvidia 4% of Intel").
                holder = listed is not null ? ListHolder(s, p, target.Name)
                    : s.Organizations.LastOrDefault(m => m.End <= p.Start && m.Name != target.Name && !s.IsComplement(m))
                      ?? s.Organizations.LastOrDefault(m => m.End <= p.Start && m.Name != target.Name)
                      ?? ImplicitHolder(s, target);
                // "the 75% stake that Lone Star holds in Novo Banco": the seller named in the relative is no holder once sold.
                if (holder is not null && listed is null && ThatRegex().IsMatch(s.Text.AsSpan(right, Math.Max(0, target.Start - right))) &&
                    s.Organizations.LastOrDefault(m => m.End <= left && m.Name != target.Name && m.Name != holder.Name && !s.IsComplement(m)) is { } buyer &&
                    BuyBeforeRegex().IsMatch(s.Text.AsSpan(buyer.End, left - buyer.End)))
                    holder = buyer;
            }
            else
            {
                // "ASML, qui devient son premier actionnaire avec 11 %": a relative clause's subject is its antecedent.
                holder = (Cues.TryRelativeSubject(s, left, out var antecedent) ? antecedent : null)
                    ?? s.NearestOrgBefore(left, subjectsOnly: true) ?? s.NearestOrgBefore(left);
                // "Marlow sold shares in Esperia, cutting its holding to 9%": "its" is the subject's; the company after "in" is
                // the one held.
                if (holder is not null && PossessiveHoldingRegex().IsMatch(s.Text.AsSpan(Math.Max(0, p.Start - 40), p.Start - Math.Max(0, p.Start - 40))) &&
                    IntoBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, holder.Start - 8), holder.Start - Math.Max(0, holder.Start - 8))) &&
                    s.Subject(before: holder.Start) is { } owner && owner.Name != holder.Name)
                    (holder, target) = (owner, holder);
                // "Ørsted said its majority shareholder, the Danish state, which holds 50.1 per cent…", "le groupe a porté sa
                // participation à 9,9 %": no company after the percent, the one the sentence or the article is about.
                if (target is null && holder is not null && (OwnRegex().IsMatch(s.Text.AsSpan(holder.End, Math.Max(0, p.Start - holder.End))) ||
                    PossessiveHoldingRegex().IsMatch(s.Text.AsSpan(Math.Max(0, p.Start - 40), p.Start - Math.Max(0, p.Start - 40)))))
                    target = OwnerOfContext(s, article, left, holder.Name);
                // "Vantor will invest $2 billion in Orbelle, taking a 10% stake": the stake is in the company the money went into.
                if (target is null && holder is not null && TakingBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, p.Start - 30), p.Start - Math.Max(0, p.Start - 30))) &&
                    s.Organizations.LastOrDefault(m => m.End <= p.Start && IntoBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, m.Start - 8), m.Start - Math.Max(0, m.Start - 8)))) is { } into)
                {
                    target = into;
                    if (holder.Name == into.Name) holder = s.Organizations.LastOrDefault(m => m.End <= into.Start && m.Name != into.Name && !s.IsComplement(m));
                }
                if (target is null && holder is not null)
                {
                    // "OpenAI, dont Microsoft détient 27 %": the company before the relative pronoun is the target.
                    var relative = RelativeRegex().Match(s.Text, 0, holder.Start);
                    if (relative.Success) target = s.NearestOrgBefore(relative.Index + 1);
                }
                holder ??= ImplicitHolder(s, target);
            }
            // "Vantor, which owns 8% of the company": the anaphor read as the holder itself stands for the company the
            // article is about.
            if (holder is not null && target is not null && target.Source == Entities.MentionSource.Coreference && target.Start > p.End &&
                holder.Name == target.Name && OwnRegex().IsMatch(s.Text.AsSpan(holder.End, Math.Max(0, p.Start - holder.End))))
                target = OwnerOfContext(s, article, left, holder.Name);
            if (holder is null || target is null || holder.Name == target.Name) continue;
            // "a 49% interest in a joint venture with Halden": the holding is in the venture, not in the partner.
            if (target.Start > p.End && JointVentureRegex().IsMatch(s.Text.AsSpan(p.End, target.Start - p.End))) continue;
            // "bought the remaining 45% of Arden": the buyer ends up with all of it.
            var held = remaining && BuyBeforeRegex().IsMatch(beforePercent) ? 100 : p.Value;
            yield return Stake(s, article, holder, target, held);
            foreach (var co in CoHolders(s, holder, p))
                if (co.Name != target.Name) yield return Stake(s, article, co, target, p.Value);
        }
    }

    /// <summary>"Vantor, which owns 8% of Orbelle, did not take part": a negation outside the relative clause that states the
    /// holding does not deny it.</summary>
    private static bool NegatedInClause(SentenceView s, int left, int right)
    {
        if (Cues.AsideAround(s, left, right) is not { } aside) return Cues.IsNegated(s, left, 40);
        var window = Math.Min(40, Math.Min(left - aside.Start, aside.End - left));
        return window > 2 && Cues.IsNegated(s, left, window);
    }

    /// <summary>"PIF and Ardian will take 15 percent and 22.6 percent, respectively, of FGP Topco": the listed holders take the
    /// listed percents in order, in the company named after the last one. Null when the lists do not line up.</summary>
    private List<(Fact Fact, PercentMention Percent)>? Respective(SentenceView s, ArticleContext article, List<(int Start, int End, string Value)> triggers)
    {
        if (s.Percents.Count < 2) return null;
        var first = s.Percents[0];
        var holders = new List<Entities.Mention>();
        foreach (var m in s.Organizations)
        {
            if (m.End > first.Start) break;
            if (holders.Count > 0 && !ListJoinRegex().IsMatch(s.Text.AsSpan(holders[^1].End, m.Start - holders[^1].End))) holders.Clear();
            if (!s.IsComplement(m) || holders.Count > 0) holders.Add(m);
        }
        var percents = new List<PercentMention> { first };
        foreach (var q in s.Percents.Skip(1))
        {
            if (!ListJoinRegex().IsMatch(s.Text.AsSpan(percents[^1].End, q.Start - percents[^1].End))) break;
            percents.Add(q);
        }
        if (holders.Count < 2 || holders.Count != percents.Count || holders.Select(h => h.Name).Distinct().Count() != holders.Count) return null;
        if (!triggers.Any(t => t.Start >= holders[^1].End && t.End <= percents[^1].End + 40)) return null;
        if (Cues.IsHedgedInClause(s, holders[0].Start, percents[^1].End) || Cues.IsNegated(s, holders[^1].End, 40)) return null;
        var end = percents[^1].End;
        var target = s.Organizations.FirstOrDefault(m => m.Start >= end && m.Start - end <= 90 &&
            TargetAfterRegex().IsMatch(RespectivelyRegex().Replace(s.Text[end..m.Start], " ").Replace(',', ' ')));
        if (target is null || holders.Any(h => h.Name == target.Name)) return null;
        return holders.Select((h, i) => (Stake(s, article, h, target, percents[i].Value), percents[i])).ToList();
    }

    /// <summary>"une participation croisée de 15 %", "a 15% cross-shareholding": each of the two companies holds the percent
    /// of the other.</summary>
    private List<Fact>? CrossHoldings(SentenceView s, ArticleContext article)
    {
        var cross = CrossHoldingRegex().Match(s.Text);
        var p = s.Percents.Where(q => Cues.Distance((q.Start, q.End), (cross.Index, cross.Index + cross.Length)) <= 30).Cast<PercentMention?>().FirstOrDefault();
        if (p is null || Cues.IsHedgedInClause(s, cross.Index, cross.Index + cross.Length) || Cues.IsNegated(s, cross.Index, 40)) return null;
        var pair = s.Organizations.Select(m => m).DistinctBy(m => m.Name).Take(3).ToList();
        if (pair.Count != 2) return null;
        return [Stake(s, article, pair[0], pair[1], p.Value), Stake(s, article, pair[1], pair[0], p.Value)];
    }

    [GeneratedRegex(@"\b(?:respectivement|respectively)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RespectivelyRegex();

    [GeneratedRegex(@"\b(?:participations?\s+crois[ée]es?|cross[- ](?:share)?holdings?|cross[- ]ownership|cross[- ]shareholdings?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CrossHoldingRegex();


    /// <summary>"Volvo Cars and Northvolt each hold 50% of Novo Energy", "Airbus et Safran en détiennent chacun 50 %": the
    /// companies listed with the holder hold the same share.</summary>
    private static IEnumerable<Entities.Mention> CoHolders(SentenceView s, Entities.Mention holder, PercentMention p)
    {
        if (holder.End > p.Start || !EachRegex().IsMatch(s.Text.AsSpan(holder.End, p.Start - holder.End))) yield break;
        var last = holder;
        foreach (var m in s.Organizations.Reverse())
        {
            if (m.End > last.Start) continue;
            if (!ListJoinRegex().IsMatch(s.Text.AsSpan(m.End, last.Start - m.End))) yield break;
            if (m.Name != holder.Name) yield return m;
            last = m;
        }
    }

    [GeneratedRegex(@"\b(?:each|both|chacun|chacune|tous\s+(?:les\s+)?deux|toutes\s+(?:les\s+)?deux|à\s+parts\s+égales|equally)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EachRegex();

    [GeneratedRegex(@"^\s*(?:,|et|and|&|,\s*(?:et|and))\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListJoinRegex();

    /// <summary>After the percent: "4% of Intel", "20 % dans Orbelle", "12% stake in Globex", "45,1 % du capital de
    /// Lagardère", "a 4.9% direct stake in the operator, Telefonica"; before it: "its holding in Novo Banco to 75%",
    /// "Telefonica's largest shareholder with 4.9%", "premier actionnaire de Banco BPM avec 9,9 %".</summary>
    private static Entities.Mention? StructuralTarget(SentenceView s, PercentMention p, (int Start, int End, string Value) trigger, string? exclude)
    {
        // "the 75% stake that Lone Star holds in Novo Banco": the company after "holds in".
        if (StakeThatRegex().IsMatch(s.Text.AsSpan(p.End)))
            foreach (var m in s.Organizations)
                if (m.Start > p.End && m.Start - p.End <= 120 && (HoldsInRegex().IsMatch(s.Text.AsSpan(Math.Max(p.End, m.Start - 30), m.Start - Math.Max(p.End, m.Start - 30))) ||
                    RelativeHoldingRegex().IsMatch(s.Text.AsSpan(p.End, m.Start - p.End))))
                    return m;
        foreach (var m in s.Organizations)
        {
            if (m.Start < p.End || m.Name == exclude || Investment.DealCues.StandsForAnother(s, m)) continue;
            if (m.Start - p.End > 90) break;
            if (TargetAfterRegex().IsMatch(s.Text.AsSpan(p.End, m.Start - p.End))) return m;
            break;
        }
        var clause = Cues.ClauseStart(s, p.Start);
        foreach (var m in s.Organizations.Reverse())
        {
            if (m.End > p.Start || m.Name == exclude) continue;
            if (p.Start - m.End > 80) break;
            var gapStart = Math.Max(0, m.Start - 45);
            if (HoldingInBeforeRegex().IsMatch(s.Text.AsSpan(gapStart, m.Start - gapStart)) && !HasPercent(s, m.End, p.Start)) return m;
            if ((m.Start >= clause - 2 || s.Text.AsSpan(m.End, p.Start - m.End).IndexOf(';') < 0) && ShareholderOfRegex().IsMatch(s.Text.AsSpan(m.End, p.Start - m.End))) return m;
        }
        return null;
    }

    /// <summary>A current holding between the two positions (a superseded "from 6%" before "to 9%" does not count).</summary>
    private static bool HasPercent(SentenceView s, int from, int to) =>
        s.Percents.Any(q => q.Start >= from && q.End <= to && !SupersededRegex().IsMatch(s.Text.AsSpan(q.End)));

    /// <summary>"Total 3 %, Vinci 7 %, Lagardère 12 %": a company right before its percent, in a list of at least two.</summary>
    private static Entities.Mention? ListedHolding(SentenceView s, PercentMention p)
    {
        var own = OrgRightBefore(s, p);
        if (own is null) return null;
        var pairs = s.Percents.Count(q => OrgRightBefore(s, q) is not null);
        return pairs >= 2 ? own : null;
    }

    /// <summary>The company held by a list of holders ("A holds 12%, B 8% and C 25% of T": T), when the percent is one of
    /// the list's.</summary>
    private static Entities.Mention? HolderListTarget(SentenceView s, PercentMention p)
    {
        if (s.Percents.Count < 2) return null;
        var run = new List<PercentMention>();
        foreach (var q in s.Percents)
        {
            var own = run.Count == 0 ? null : OrgRightBefore(s, q);
            var joined = own is not null && own.Start >= run[^1].End && HolderListJoinRegex().IsMatch(s.Text.AsSpan(run[^1].End, own.Start - run[^1].End));
            if (run.Count > 0 && !joined)
            {
                if (run.Count >= 2 && run.Contains(p)) break;
                run.Clear();
            }
            run.Add(q);
        }
        if (run.Count < 2 || !run.Contains(p)) return null;
        var end = run[^1].End;
        return s.Organizations.FirstOrDefault(m => m.Start >= end && m.Start - end <= 30 && HeldAfterListRegex().IsMatch(s.Text.AsSpan(end, m.Start - end)));
    }

    [GeneratedRegex(@"^\s*(?:,\s*(?:and\s+|et\s+)?|and\s+|et\s+|&\s+)(?:the\s+|l'|le\s+|la\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HolderListJoinRegex();

    [GeneratedRegex(@"^\s*(?:of|in|de|d'|dans|du\s+capital\s+d[eu']|of\s+the\s+capital\s+of)\s*(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldAfterListRegex();

    private static Entities.Mention? OrgRightBefore(SentenceView s, PercentMention p) =>
        s.Organizations.LastOrDefault(m => m.End <= p.Start && p.Start - m.End <= 12 && ListGapRegex().IsMatch(s.Text.AsSpan(m.End, p.Start - m.End)));

    /// <summary>The holder of a list of holdings: the subject before the list that is not itself listed, else the article's.</summary>
    private static Entities.Mention? ListHolder(SentenceView s, PercentMention p, string target)
    {
        var first = s.Percents.Select(q => OrgRightBefore(s, q)).FirstOrDefault(m => m is not null);
        var before = first is null ? null : s.Organizations.LastOrDefault(m => m.End <= first.Start && m.Name != target && !s.IsComplement(m));
        if (before is not null) return before;
        return ImplicitHolder(s, null) is { } salient && salient.Name != target ? salient : null;
    }

    /// <summary>The company a stake with no named target is in: the subject of the sentence, else the article's salient one.</summary>
    private static Entities.Mention? OwnerOfContext(SentenceView s, ArticleContext article, int before, string holder)
    {
        // "it has leaned on state support, including a 10% stake taken by the White House": a pronoun subject is the
        // company the article is about.
        var firstOrg = s.Organizations.FirstOrDefault();
        if (PronounSubjectRegex().Match(s.Text) is { Success: true } pronoun && (firstOrg is null || pronoun.Index < firstOrg.Start) &&
            s.ImplicitSubject is { } salient && salient != holder)
            return new Entities.Mention(0, 0, salient, Entities.MentionKind.Organization, Entities.MentionSource.Coreference);
        if (s.Organizations.FirstOrDefault(m => m.Start < before && m.Name != holder && !s.IsComplement(m)) is { } subject) return subject;
        // "stc invested €2.1bn in its holding": the company the article is about.
        return article.Coreference.MostSalient(s.Sentence.Index, exclude: holder, skip: s.Organizations.Select(m => m.Name).ToHashSet(), topical: true, companiesOnly: true) is { } name
            ? new Entities.Mention(0, 0, name, Entities.MentionKind.Organization, Entities.MentionSource.Coreference)
            : null;
    }

    [GeneratedRegex(@"^\s*(?:(?:[\p{Ll}-]+\s+){0,2}(?:stakes?|participations?|holding|shareholding|interest|share|parts?|ownership)\s+)?(?:in|into|of|dans|de|du|d'|au\s+capital\s+d[eu']|du\s+capital\s+d[eu']|of\s+the\s+(?:capital|shares)\s+of)\s*(?:the\s+|la\s+|le\s+|les\s+|l')?(?:\p{Lu}[\p{Ll}-]+\s+(?=\p{Ll}))?(?:(?!(?:and|et|or|ou|while|mais)\s)[\p{Ll}-]+\s+){0,4}?(?:(?:of|de|du|d')\s*(?:the\s+)?)?(?:,\s*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TargetAfterRegex();

    [GeneratedRegex(@"(?:\b(?:stakes?|participations?|holding|shareholding|interest|parts?)\s+(?:in|dans|de|du\s+capital\s+de|au\s+capital\s+de)\s+|\b(?:actionnaire\s+(?:principal|majoritaire|de\s+r[ée]f[ée]rence)|(?:premier|principal)\s+actionnaire)\s+d(?:e\s+|u\s+|')|\b(?i:entr\w*|mont\w*|revien\w*|revenu\w*|arriv\w*)\s+au\s+capital\s+d(?:e\s+|u\s+|')|\bau\s+capital\s+d(?:e\s+|u\s+|'))(?:the\s+|la\s+|le\s+|l')?(?:[\p{Ll}-]+\s+){0,3}(?:,\s*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HoldingInBeforeRegex();

    [GeneratedRegex(@"^(?:'s|’s)\s+(?:[\p{Ll}-]+\s+){0,2}(?:shareholder|owner|investor)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShareholderOfRegex();

    [GeneratedRegex(@"^\s*(?:to|à)\s+(?:about\s+|around\s+|environ\s+|près\s+de\s+)?\d", RegexOptions.CultureInvariant)]
    private static partial Regex SupersededRegex();

    [GeneratedRegex(@"^\s*(?:(?:[\p{Ll}-]+\s+){0,2}(?:stakes?|participations?|holding|shareholding|interest)\s+)?(?:that|which|que|qu')", RegexOptions.CultureInvariant)]
    private static partial Regex StakeThatRegex();

    /// <summary>"que détient Vantor dans", "that Lone Star holds in", "qu'Orbelle possède dans": the relative clause's own
    /// subject (group "holder") and the company the stake is in, right after.</summary>
    [GeneratedRegex(@"^\s*(?:[\p{Ll}-]+\s+){0,2}(?:(?:stakes?|participations?|holding|shareholding|interest)\s+)?(?:that|which|que\s+|qu')\s*(?:(?:d[ée]tien(?:t|nent)|poss[èe]de(?:nt)?|d[ée]tenait|poss[ée]dait)\s+(?:la\s+|le\s+|l')?(?<holder>\p{Lu}[^,;]{0,60}?)|(?:the\s+|la\s+|le\s+|l')?(?<holder>\p{Lu}[^,;]{0,60}?)\s+(?:holds|owns|has|held|owned|had|d[ée]tient|poss[èe]de))\s+(?:in|dans)\s+(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeHoldingRegex();

    [GeneratedRegex(@"\b(?:holds|owns|has|had|held|owned|détient|détenait|possède|possédait|a)\s+(?:in|dans)\s+(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.CultureInvariant)]
    private static partial Regex HoldsInRegex();

    [GeneratedRegex(@"(?:^|,\s*)(?:it|il|elle)\s+(?:has|had|is|was|will|a|avait|est|était|va)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PronounSubjectRegex();

    [GeneratedRegex(@"^[\s:]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ListGapRegex();

    [GeneratedRegex(@"^\s*,?\s*(?:which|who|that|qui)\s+(?:holds|owns|has|détient|possède|detient|possede)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OwnRegex();

    [GeneratedRegex(@"\b(?:its|his|her|their|sa|son|ses|leur)\s+(?:[\p{Ll}-]+\s+){0,2}(?:stake|holding|shareholding|participation|shareholder|actionnaire|investor|investisseur|owner)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveHoldingRegex();

    [GeneratedRegex(@"\b(?:joint[- ]ventures?|JV|co-?entreprises?|joint-ventures?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JointVentureRegex();

    [GeneratedRegex(@"\b(?:buy|buys|bought|buying|acquire|acquires|acquired|acquiring|purchase|take|takes|took|racheter|rachète|racheté|acquérir|acquiert|reprendre|reprend)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BuyBeforeRegex();

    /// <summary>The subject of the relative clause after the percent ("que détient Vantor dans Orbelle"), when the clause
    /// ends right before the target.</summary>
    private static Entities.Mention? RelativeHolder(SentenceView s, PercentMention p, Entities.Mention target)
    {
        if (target.Start <= p.End) return null;
        var m = RelativeHoldingRegex().Match(s.Text, p.End, target.Start - p.End);
        if (!m.Success) return null;
        var group = m.Groups["holder"];
        return s.Organizations.FirstOrDefault(o => o.Start >= group.Index && o.End <= group.Index + group.Length + 1);
    }

    [GeneratedRegex(@"\b(?:the\s+(?:remaining|other)|the\s+rest\s+of\s+the|le\s+reste\s+des?|les\s+autres)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RemainingBeforeRegex();

    [GeneratedRegex(@"^\s*(?:restants?|qui\s+restent|remaining)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RemainingAfterRegex();

    [GeneratedRegex(@"\b(?:taking|takes|took|acquiring|getting|receiving|obtaining|for|in\s+exchange\s+for|pour|contre|en\s+[ée]change\s+d'|prenant|obtenant)\s+(?:a|an|une|la|the)\s+(?:[\p{Ll}-]+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TakingBeforeRegex();

    [GeneratedRegex(@"\b(?:in|into|dans)\s+(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntoBeforeRegex();

    /// <summary>"RIL with 16.34%", "Viacom18 avec 46,82 %": a holder named with its percent, in a list of two or more.</summary>
    private static Entities.Mention? HolderWith(SentenceView s, PercentMention p)
    {
        var own = OrgWithPercent(s, p);
        return own is not null && s.Percents.Count(q => OrgWithPercent(s, q) is not null) >= 2 ? own : null;
    }

    private static Entities.Mention? OrgWithPercent(SentenceView s, PercentMention p) =>
        s.Organizations.LastOrDefault(m => m.End <= p.Start && p.Start - m.End <= 16 && WithGapRegex().IsMatch(s.Text.AsSpan(m.End, p.Start - m.End)));

    [GeneratedRegex(@"^\s*(?:with|avec)\s+(?:a\s+|an\s+|une\s+)?(?:about\s+|around\s+|environ\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithGapRegex();

    [GeneratedRegex(@"\b(?:keeps?|kept|keeping|retains?|retained|retaining|conserve\w*|garde\w*|will\s+keep|will\s+retain)\s+(?:a|an|its|une|sa|son)?\s*(?:[\p{Ll}-]+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeptRegex();

    private Fact Stake(SentenceView s, ArticleContext article, Entities.Mention holder, Entities.Mention target, double percent)
    {
        article.LastStakeTarget = target.Name;
        return MakeStake(s, article, holder, target, percent);
    }

    private Fact MakeStake(SentenceView s, ArticleContext article, Entities.Mention holder, Entities.Mention target, double percent) => new()
    {
        Type = FactTypes.Stake, Holder = holder.Name, Target = target.Name, Percent = percent,
        Date = s.FirstDate?.Iso, Confidence = Cues.Confidence(0.9, holder, target), Expert = Name,
        Evidence = s.Evidence(article.OriginalText),
    };

    [GeneratedRegex(@"\b(?:that|which|que|qu')\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThatRegex();


    [GeneratedRegex(@"\b(?i:to|à|au|aux)\s+(?:the\s+|la\s+|le\s+|les\s+|l')?(?:[\p{Ll}-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex BuyerGapRegex();

    [GeneratedRegex(@"^[^.;]{0,40}?\b(?:to|à|au)\s+(?<name>\p{Lu}[\p{L}\p{M}'’&-]*(?:\s\p{Lu}[\p{L}\p{M}'’&-]*){0,3})\s+(?:for|pour)\s", RegexOptions.CultureInvariant)]
    private static partial Regex BuyerBeforePriceRegex();

    /// <summary>The buyer ("to the investment firm CD&amp;R", "à Engie") and the company the stake sold is in (the first one
    /// after the percent that is not the buyer).</summary>
    private static (Entities.Mention? Buyer, Entities.Mention? Target) SoldStake(SentenceView s, int after)
    {
        Entities.Mention? buyer = null, target = null;
        foreach (var m in s.Organizations)
        {
            if (m.Start < after || m.Start - after > 120) continue;
            if (buyer is null && BuyerGapRegex().IsMatch(s.Text.AsSpan(after, m.Start - after))) buyer = m;
            else target ??= m;
        }
        // "sold its 20% stake in Brightwave to Korlan for $500 million": a capitalised name between "to" and the price buys it.
        if (buyer is null && target is not null && BuyerBeforePriceRegex().Match(s.Text, target.End, s.Text.Length - target.End) is { Success: true } named &&
            !Entities.NameGuesser.Stop.Contains(named.Groups["name"].Value.Split(' ')[0]))
            buyer = new Entities.Mention(named.Groups["name"].Index, named.Groups["name"].Index + named.Groups["name"].Length, named.Groups["name"].Value,
                Entities.MentionKind.Organization, Entities.MentionSource.Guess);
        return (buyer, target);
    }

    private static Entities.Mention? ImplicitHolder(SentenceView s, Entities.Mention? target) =>
        s.ImplicitSubject is { } name && name != target?.Name
            ? new Entities.Mention(0, 0, name, Entities.MentionKind.Organization, Entities.MentionSource.Coreference)
            : null;
}

using System.Text.RegularExpressions;
using Intelligence.Domain.Facts;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Investment;

/// <summary>
/// Investments and funding rounds: "la firme a investi 13 milliards de dollars dans OpenAI", "X invested $2bn in Y",
/// "Y a levé 600 millions d'euros" (a round: investor null unless one investor is named), "Y received $1bn from X",
/// "the $13bn partnership" (the partner's investment). Valuations, damages, purchase pledges and hedged plans are not facts.
/// </summary>
public sealed partial class InvestmentExpert : IExpert
{
    public string Name => "investment";

    [GeneratedRegex(@"\b(?:investi\w*|invest\w*|inject\w*|apport\w*|contribu(?:ted|tes)|pour(?:ed|s|ing)\s+|puts?|putting|backs|backed|backing|soutenu\w*|mise\s+de|commit(?:s|ted|ment)?|engag[ée]\w*\s+à\s+investir|pledg\w*\s+to\s+invest|prise\s+de\s+participation|financ\w*|funding|funded|fundraising|round|tour\s+de\s+table|lev[ée]e?s?\s+de\s+fonds|l[eè]ve(?:nt|ra)?|lev[ée]\w*|rais(?:e|es|ed|ing)|r[ée]colt\w*|collect[ée]\w*|s[ée]rie\s+[A-F]|series\s+[A-F]|seed|amor[çc]age|abond\w*|souscri\w*|re[çc]u|received|receives|obtenu|secured|secures|obtained|obtains|partenariat|partnership|alliance|deal|(?:pris|prend|prendre|took|takes|taking|tak(?:e|en)|acquired|acquires|acquire|buys?|bought|buying)\s+(?:une|a|an)\s+(?:\S+\s+){0,3}?(?:participation|stake)|share\s+purchase|purchase\s+of\s+(?:\S+\s+){0,3}?shares|(?:stake|participation)\s+(?:in|dans)|achat\s+d'actions|rachat\s+d'actions\s+d[eu])\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex TriggerRegex();

    [GeneratedRegex(@"(?:participation|stake|shares|actions|actions\s+d[eu])$|^share\s+purchase|^(?:stake|participation)\s+(?:in|dans)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StakeBuyRegex();

    [GeneratedRegex(@"\b(?:wants?|wanted|offer(?:s|ed)?|negotiat\w*|souhait\w*|veu(?:t|lent)|voulait|voudrait|propos\w*)\s+(?:to\s+|de\s+|d'|à\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntentBeforeRegex();

    [GeneratedRegex(@"^(?:share\s+purchase|purchase|achat|rachat)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SharePurchaseRegex();

    [GeneratedRegex(@"\b(?:by|par)\s+(?:l'|le\s+|la\s+|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByRegex();

    [GeneratedRegex(@"^(?:l[eè]ve|lev[ée]|rais|round|tour|s[ée]rie|series|seed|amor|funding|fundraising|financement|lev[ée]e|r[ée]colt|collect)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoundRegex();

    [GeneratedRegex(@"^(?:re[çc]u|received|receives|obtenu|secured|secures|obtained|obtains)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReceiveRegex();

    [GeneratedRegex(@"^(?:partenariat|partnership|alliance|deal)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartnershipRegex();

    [GeneratedRegex(@"\b(?:capex|d[ée]penses?|spending|expenditures?|revenus?|revenue|chiffre\s+d'affaires|sales|ventes|pertes?|loss(?:es)?|b[ée]n[ée]fice|profit|infrastructures?|centres?\s+de\s+donn[ée]es|data\s+cent(?:er|re)s?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherFamilyRegex();

    // "to" as in "contributed $1bn to Orbelle", not "according to", "due to", "close to".
    [GeneratedRegex(@"\b(?:dans|in|into|en\s+faveur\s+d[e']|chez|au\s+capital\s+d[e']|(?<!\b(?:according|due|close|next|compared|prior|similar|owing|thanks|relative|order|up|subject|pursuant|access|addition|contrary|related|known|sold|belongs?|belonged|available)\s)to)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TargetPrepositionRegex();

    [GeneratedRegex(@"\b(?:from|aupr[èe]s\s+d[e']|de\s+la\s+part\s+d[e']|par|by|led\s+by|men[ée]e?\s+par|emmen[ée]e?\s+par)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourcePrepositionRegex();

    [GeneratedRegex(@"\b(?:led\s+by|men[ée]e?\s+par|emmen[ée]e?\s+par|co-?led|avec\s+la\s+participation|including|notamment|parmi\s+lesquels|among\s+them|alongside|aux\s+côtés)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SyndicateRegex();

    [GeneratedRegex(@"\b(?:dont|dans\s+laquelle|dans\s+lequel|in\s+which|where|o[ùu])\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"^\s*(?:par|by)\s+(?:l'|le\s+|la\s+|les\s+|the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassiveAgentRegex();

    /// <summary>"in artificial intelligence startup", "dans la start-up": the company is the head of the noun phrase after
    /// "in/dans", with no clause break or gerund between ("in restoring the plant, according to the company" is no investment in it).</summary>
    [GeneratedRegex(@"\b(?i:dans|in|into)\s+(?![^,;()]*\b\p{Ll}+ing\b)[^,;()]{0,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex InsideRegex();

    [GeneratedRegex(@"^\s*(?:\p{Ll}+\s+)?into\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntoAfterRegex();

    [GeneratedRegex(@"\b(?:lui|leur)\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex FromThemBeforeRegex();

    [GeneratedRegex(@"^rais(?:e|es|ed|ing)\s+(?:its\s+|the\s+|their\s+|his\s+|her\s+)?(?:bid|offer|stake|holding|price|prices|forecast|guidance|outlook|target|dividend)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RaisesOtherRegex();

    /// <summary>"put in $1.25 billion": the money put in, right after "put in".</summary>
    [GeneratedRegex(@"^put\s+in\s+(?:about\s+|nearly\s+|some\s+|another\s+|a\s+further\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PutInRegex();


    [GeneratedRegex(@"\b(?:valuing|valued\s+at|values|valoris\w*|valu[ée]e?s?\s+à)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ValuingRegex();

    /// <summary>Buying a company: "Verizon will buy Frontier for $20bn", "Kroger's $24.6 billion acquisition of Albertsons",
    /// "Bouygues va racheter Equans pour 7,1 milliards", "le rachat de l'entreprise par Unilever".</summary>
    [GeneratedRegex(@"\b(?:acqui(?:re|res|red|ring|sition|s)|acqu[ée]rir|acquiert|ach[eè]t(?:e|er|é|ée|ent)|achat|purchas(?:e|es|ed|ing)|pa(?:y|ys|id|ying)|payer|paie|payé|buy(?:s|ing)?|buy-?outs?|bought|takeover|take\s+over|rach[eè]t(?:e|er|é|ée|ait|era)?|rachat|reprendre|reprend|reprise|OPA|(?:pren(?:d|nent|dre|dra)|pris)\s+le\s+contr[ôo]le\s+(?=d)|prise\s+de\s+contr[ôo]le\s+(?=d)|(?:tak(?:e|es|ing)|took)\s+control\s+of|m(?:is|et|ettre|ettra)\s+la\s+main\s+sur|s'offr(?:e|ir|ira)|s'est\s+offert|entr(?:e|é|er|era)\s+au\s+capital|(?:prend|prendre|pris|prendra|take|takes|took|taking)(?=\s+(?:about\s+|around\s+|environ\s+|près\s+de\s+)?\d[\d.,]*\s*(?:%|per\s*cent|percent|pour\s+cent))|offre\s+publique\s+d'achat|fusion|merger)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AcquisitionRegex();

    /// <summary>What comes between an acquisition word and the company bought: a seller ("from", "à") or an agent ("by")
    /// is not it.</summary>
    [GeneratedRegex(@"\b(?i:from|à|au|aux|auprès\s+d[eu']|by|par|with|avec)\s+(?:the\s+|la\s+|le\s+|les\s+|l')?(?:[\p{Ll}-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex NotBoughtGapRegex();

    // Case-sensitive: under IgnoreCase, \p{Ll} would also take the capitalised names.
    [GeneratedRegex(@"\G\s+(?:between|entre)\s+(?:(?:[\p{Ll}-]+\s+){0,3})?", RegexOptions.CultureInvariant)]
    private static partial Regex BetweenRegex();

    [GeneratedRegex(@"\b(?:r[ée]unit|r[ée]unissant|includ(?:es|ing)|gathers|led\s+by|men[ée]e?\s+par|notamment|parmi\s+lesquels|alongside|aux\s+c[ôo]t[ée]s\s+d)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParticipantsRegex();

    [GeneratedRegex(@"\b(?:worth|valued|valu[ée]e?|d'une\s+valeur|estimated)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WorthRegex();

    [GeneratedRegex(@"^(?:stake|participation)\s+(?:in|dans)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareStakeRegex();

    [GeneratedRegex(@"^\s+(?:of|de|d')\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfGoodsRegex();

    [GeneratedRegex(@"(?:^|\s)\d[\d\s.,]*\s$", RegexOptions.CultureInvariant)]
    private static partial Regex CountBeforeRegex();

    [GeneratedRegex(@"^(?:'s|’s)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveRegex();

    /// <summary>How far (characters) an amount, a trigger and the companies they relate may lie apart.</summary>
    private const int TriggerReach = 90;
    private const int ObjectReach = 80;

    /// <summary>The headline and the first sentences: where a report tells its news.</summary>
    private const int LeadSentences = 3;

    public double Gate(SentenceView s) =>
        s.Money.Count == 0 ? (s.IsMatch(DoneAcquisitionRegex()) || s.IsMatch(InvestedInRegex()) ? 0.6 : 0)
            : (s.MatchesOf(TriggerRegex()).Count + AcquisitionRegex().Count(s.Text) + (s.IsMatch(PriceRegex()) ? 1 : 0) + (s.IsMatch(SaleRegex()) || s.IsMatch(SaleNounRegex()) ? 1 : 0)) * 0.8 + 0.2;

    [GeneratedRegex(@"\b(?:sale|vente|cession)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex SaleNounRegex();

    /// <summary>A purchase stated as done or agreed, by its verb ("Covéa a racheté PartnerRe", "BPCE has agreed to buy
    /// Novo Banco"): a fact even when the price is not given (or given in the next sentence).</summary>
    [GeneratedRegex(@"\b(?:(?:has|have|had)\s+(?:agreed\s+to\s+)?(?:acquired|bought|buy|acquire)|agreed\s+to\s+(?:buy|acquire)|(?:will|to)\s+(?:buy|acquire)|is\s+(?:buying|acquiring)|completed\s+(?:its|the)\s+(?:acquisition|purchase)\s+of|acquires|buys|bought|acquired|a\s+(?:rachet[ée]|acquis|repris)|rach[eè]te|acquiert|reprend|va\s+(?:racheter|acqu[ée]rir|reprendre)|pour\s+(?:racheter|acqu[ée]rir|reprendre))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoneAcquisitionRegex();

    /// <summary>"Le prix est inchangé : 9 milliards de dollars", "The deal is worth $9 billion": the price of the deal the
    /// previous sentence announced.</summary>
    [GeneratedRegex(@"\b(?:le\s+prix|the\s+price|price\s+tag|le\s+montant\s+de\s+l'op[ée]ration|the\s+(?:deal|transaction|acquisition)\s+(?:is|was)\s+worth|l'op[ée]ration\s+(?:est|s'élève)|la\s+transaction\s+(?:est|s'élève)|pour\s+un\s+montant\s+de)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PriceRegex();

    public IEnumerable<Fact> Extract(SentenceView s, ArticleContext article)
    {
        // "OpenAI's planned acquisition of Windsurf has been called off": no deal in the sentence was done.
        if (DealCues.IsCalledOff(s)) return [];
        var facts = FromAmounts(s, article).ToList();
        // "BPCE has agreed to buy Novo Banco in a deal valuing the bank at €6.4bn": the price may follow.
        if (facts.Count == 0 && s.Money.Count > 0 && s.IsMatch(DoneAcquisitionRegex()) && AmountlessAcquisition(s) is { } deal)
        {
            article.PendingDeal = (deal with { Date = s.FirstDate?.Iso, Expert = Name }, s.Sentence.Index);
            // "in a deal valuing the bank at €6.4bn": the amount is a valuation, the purchase a fact of its own (a price a
            // later sentence gives merges into it).
            if (s.IsMatch(ValuingRegex()))
                facts.Add(deal with { Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText) });
        }
        return facts;
    }

    private IEnumerable<Fact> FromAmounts(SentenceView s, ArticleContext article)
    {
        var triggers = Cues.Spans(s, TriggerRegex());
        var acquisitions = AcquisitionRegex().Matches(s.Text).Select(m => (m.Index, m.Index + m.Length, m.Value)).ToList();
        var respective = triggers.Count > 0 && s.IsMatch(RespectivelyRegex()) ? Respective(s, article, triggers[0]) : null;
        if (respective is not null)
            foreach (var fact in respective.Value.Facts) yield return fact;
        var amounts = WithBareAmounts(s);
        if (s.Money.Count == 0)
        {
            if (AmountlessInvestment(s) is { } investment)
            {
                yield return investment with { Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText) };
                yield break;
            }
            if (AmountlessAcquisition(s) is { } deal)
            {
                var fact = deal with { Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText) };
                // "Covéa a racheté PartnerRe": the price may follow, and merges into it. Without one, the purchase is a fact
                // only when it is the news, which a report tells in its headline and lead; further down, the same wording
                // mostly tells background deals.
                article.PendingDeal = (fact, s.Sentence.Index);
                if (s.Sentence.Index < LeadSentences) yield return fact;
            }
            yield break;
        }
        if (article.PendingDeal is { } pending && s.Sentence.Index - pending.Sentence <= 2 && s.Organizations.All(m => m.Source == MentionSource.Coreference) &&
            s.IsMatch(PriceRegex()) && amounts.FirstOrDefault(m => !Cues.IsNotAFactStakePurchase(s, m) && !Cues.IsPerShare(s, m)) is { } price &&
            !Cues.IsHedged(s, price.Start, 60))
        {
            article.PendingDeal = null;
            yield return Cues.WithAmount(pending.Fact with { Evidence = s.Evidence(article.OriginalText) }, price, article);
            yield break;
        }
        foreach (var money in amounts)
        {
            if (respective is not null && respective.Value.Amounts.Contains(money)) continue;
            // "a $144 million breakup fee", "raised spending by $300 billion": a fee or an increase, not money put in.
            if (DealCues.IsFee(s, money) || DealCues.IsIncrease(s, money)) continue;
            // "$2 billion in a bond sale", "a $5 billion share buyback", "un chiffre d'affaires de 80 millions": borrowed, paid
            // out or another figure of the company.
            if (DealCues.IsNotPutIn(s, money) || DealCues.IsOtherFigure(s, money)) continue;
            // "created Vantor, a $52 billion group": the size of a company, not a price.
            if (DealCues.IsCompanySize(s, money)) continue;
            // "Kestrel, which has $12 billion under management, invested in Orvia": a deal word outside the amount's relative
            // clause does not govern it.
            var aside = Cues.AsideAround(s, money.Start, money.End);
            // "Quorra's $4.8 billion sale to Halvern", "la vente de Lumeo à Vantor pour 300 millions": the buyer invests.
            if (FromSaleNoun(s, money) is { } soldByNoun)
            {
                yield return Cues.WithAmount(soldByNoun with { Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText) }, money, article);
                continue;
            }
            if (SaleBefore(s, money) is { } sale)
            {
                // "Diageo sold its 49.99% stake in Guinness Ghana to Castel for $80 million": the buyer invests, not the seller.
                if (FromSale(s, sale, money) is { } sold)
                    yield return Cues.WithAmount(sold with { Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText) }, money, article);
                continue;
            }
            if (FurtherFrom(s, article, money) is { } further)
            {
                yield return Cues.WithAmount(further with { Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText) }, money, article);
                continue;
            }
            // "the wallet has received 1.81 bitcoins; around $430": a semicolon closes the trigger's clause.
            // "Microsoft invested $1 billion and Nvidia contributed $100 million": a verb after the amount with its own subject
            // between them governs another amount.
            var near = triggers.Where(t => Cues.Distance((t.Start, t.End), (money.Start, money.End)) <= TriggerReach && Cues.SameAside(aside, (t.Start, t.End)) &&
                    !SemicolonBetween(s, t.Start, money.Start) && !(t.Start >= money.End && s.Organizations.Any(m => m.Start >= money.End && m.End <= t.Start)))
                .OrderBy(t => Cues.Distance((t.Start, t.End), (money.Start, money.End))).ToList();
            // "will pay $7 billion to acquire Neoen": a payment with no "for" names no company; the purchase word does.
            var candidates = acquisitions.Where(a => (!PaymentRegex().IsMatch(a.Value) || PaysFor(s, money)) && Cues.SameAside(aside, (a.Item1, a.Item2)) &&
                Cues.Distance((a.Item1, a.Item2), (money.Start, money.End)) <= TriggerReach)
                .OrderBy(a => Cues.Distance((a.Item1, a.Item2), (money.Start, money.End))).ToList();
            // An acquisition word is tried only when no other amount lies between it and this one: "its $1 billion buyout
            // of Instagram and the $3 billion deal to buy Oculus" does not give the $1 billion to Oculus.
            candidates = candidates.Where(a => !s.Money.Any(o => o != money && !RestatesPerShare(s, o, money) &&
                (a.Item1 < money.Start ? o.Start >= a.Item2 && o.End <= money.Start : o.Start >= money.End && o.End <= a.Item1))).ToList();
            (int Start, int End, string Value)? acquisition = candidates.Count > 0 ? candidates[0] : null;
            if (Cues.IsPerShare(s, money) || IsConversion(s, money)) continue;
            // An acquisition word nearer than the investment cue, or next to a bare "deal", tells who bought whom.
            if (acquisition is { } a && (near.Count == 0 || (!StakeBuyRegex().IsMatch(near[0].Value) &&
                (PartnershipRegex().IsMatch(near[0].Value) ||
                 Cues.Distance((a.Start, a.End), (money.Start, money.End)) < Cues.Distance((near[0].Start, near[0].End), (money.Start, money.End))))))
            {
                // "Halvern bought Orvia in 2019 for $2.1 billion, its biggest acquisition": an acquisition word that names no
                // company ("its biggest acquisition") leaves the amount to the next one that does.
                foreach (var candidate in candidates)
                    if (FromAcquisition(s, candidate, money) is { } bought)
                    {
                        yield return Cues.WithAmount(bought with { Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText) }, money, article);
                        break;
                    }
                continue;
            }
            if (near.Count == 0) continue;
            var trigger = near[0];
            // "Disney raises bid for Fox assets to $71.3 billion": raising an offer or a forecast raises no money.
            if (RaisesOtherRegex().IsMatch(s.Text.AsSpan(trigger.Start))) continue;
            // A stake bought is an investment: the purchase words that make other amounts no fact are its own cue here,
            // but wanting or offering to buy one is no purchase yet.
            var stakeBuy = StakeBuyRegex().IsMatch(trigger.Value);
            // "a $5 billion stake in Intel" is money put in; "a stake in OpenAI worth $135 billion" is a valuation.
            if (BareStakeRegex().IsMatch(trigger.Value) && Cues.Near(WorthRegex(), s, money.Start, 30, money.End)) continue;
            if (stakeBuy ? Cues.IsNotAFactStakePurchase(s, money) || IntentBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, trigger.Start - 30), Math.Min(30, trigger.Start)))
                         : Cues.IsNotAFactAmount(s, money)) continue;
            // An amount right next to a capex/revenue/loss noun belongs to that family, not to an investment.
            var tail = s.Text.AsSpan(money.End, Math.Min(30, s.Text.Length - money.End));
            if (OtherFamilyRegex().IsMatch(tail) && !tail.ToString().Contains("invest", StringComparison.OrdinalIgnoreCase)) continue;
            // "putting $4 billion into Kelda" is money put in; "put the cost at $5 billion" an estimate.
            if (trigger.Value.StartsWith("put", StringComparison.OrdinalIgnoreCase) && !PutInRegex().IsMatch(s.Text.AsSpan(trigger.Start, money.Start - trigger.Start)) &&
                !IntoAfterRegex().IsMatch(s.Text.AsSpan(money.End, Math.Min(12, s.Text.Length - money.End)))) continue;
            var anchor = Math.Min(trigger.Start, money.Start);
            if (Cues.IsHedgedInClause(s, anchor, Math.Max(trigger.End, money.End)) || Cues.IsNegated(s, anchor, 50) || DealCues.IsIntent(s, anchor) ||
                DealCues.IsPlanned(s, anchor)) continue;

            var fact = PartnershipRegex().IsMatch(trigger.Value) ? FromPartnership(s, article, trigger)
                : RoundRegex().IsMatch(trigger.Value) ? FromRound(s, article, trigger, money, amounts)
                : ReceiveRegex().IsMatch(trigger.Value) ? FromReceipt(s, article, trigger, money)
                : SharePurchaseRegex().IsMatch(trigger.Value) ? FromSharePurchase(s, trigger)
                : FromInvestor(s, article, trigger);
            if (fact is null) continue;
            yield return Cues.WithAmount(fact with
            {
                Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText),
            }, money, article);
        }
    }

    /// <summary>The sentence's amounts plus the bare ones a round or a share of it states without a currency: "Don't Nod
    /// récolte 46 millions d'euros, dont 35 millions apportés par Tencent" (the part takes the whole's currency), "The
    /// Exploration Company lève 40,5 millions" (the article's currency).</summary>
    private static List<MoneyMention> WithBareAmounts(SentenceView s)
    {
        var amounts = new List<MoneyMention>(s.Money);
        if (!s.Text.Contains("illion", StringComparison.OrdinalIgnoreCase) && !s.Text.Contains("illiard", StringComparison.OrdinalIgnoreCase)) return amounts;
        foreach (Match m in BareAmountRegex().Matches(s.Text))
        {
            var number = m.Groups["num"];
            if (s.Money.Any(o => o.Start < m.Index + m.Length && number.Index < o.End)) continue;
            if (!NumberParser.TryParse(number.Value, out var value) || MoneyParser.Scale(m.Groups["scale"].Value, s.Language) is not { } scale) continue;
            // A part ("dont", "including") is in the currency of the amount it is part of.
            var whole = m.Groups["part"].Success ? s.Money.LastOrDefault(o => o.End <= m.Index) : null;
            if (m.Groups["part"].Success && whole is null) continue;
            amounts.Add(new MoneyMention(number.Index, m.Index + m.Length, value * scale, null, whole?.Currency, false));
        }
        amounts.Sort((a, b) => a.Start.CompareTo(b.Start));
        return amounts;
    }

    [GeneratedRegex(@"\b(?:(?<part>dont|including|of\s+which)|l[eè]ve(?:nt)?|lev[ée]|r[ée]colte(?:nt)?|r[ée]colt[ée]|raises?|raised|obtient|obtenu|secures?|secured)\s+(?:près\s+de\s+|plus\s+de\s+|about\s+|nearly\s+|more\s+than\s+)?(?<num>\d+(?:[.,]\d+)?)\s(?<scale>milliards?|millions?|billions?)\b(?!\s*(?:d'|de\s+|of\s+)?(?:euros?|dollars?|livres?|pounds?|yens?|francs?|[$€£¥]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareAmountRegex();

    /// <summary>"6,4 milliards d'euros (7,39 milliards de dollars)", "DKK 6 billion, or about USD 939 million": a conversion
    /// printed next to the original amount is not a second amount.</summary>
    private static bool IsConversion(SentenceView s, MoneyMention money)
    {
        foreach (var other in s.Money)
            if (other.End <= money.Start && money.Start - other.End <= 24 &&
                ConversionGapRegex().IsMatch(s.Text.AsSpan(other.End, money.Start - other.End))) return true;
        return false;
    }

    [GeneratedRegex(@"^\s*(?:\(|,\s*(?:or|soit|ou))\s*(?:about|around|roughly|some|nearly|environ|près\s+de|quelque)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConversionGapRegex();

    [GeneratedRegex(@"\G\s+(?:holds|owns|has|détient|possède)\s+(?:in|dans)\s+(?:the\s+|la\s+|le\s+|l')?", RegexOptions.CultureInvariant)]
    private static partial Regex HoldsInAfterRegex();

    private static (int Start, int End, string Value)? Nearest(List<(int Start, int End, string Value)> spans, MoneyMention money)
    {
        (int Start, int End, string Value)? best = null;
        foreach (var t in spans)
        {
            var d = Cues.Distance((t.Start, t.End), (money.Start, money.End));
            if (d <= TriggerReach && (best is null || d < Cues.Distance((best.Value.Start, best.Value.End), (money.Start, money.End)))) best = t;
        }
        return best;
    }

    /// <summary>A company bought for the amount: the buyer is the agent after "by/par", else the possessive before the
    /// deal ("Kroger's … acquisition"), else the subject; the company bought is the first one after the acquisition word
    /// that is not a seller ("from/à") or the agent, else, when the buyer follows ("Equans, racheté par Bouygues"), the
    /// one before it. Valuations, analysts' figures, hedged and negated deals are no facts.</summary>
    private static Fact? FromAcquisition(SentenceView s, (int Start, int End, string Value) trigger, MoneyMention money)
    {
        if (Cues.IsNotAFactStakePurchase(s, money) || IntentBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, trigger.Start - 30), Math.Min(30, trigger.Start))))
            return null;
        // "Microsoft bought $10bn of Nvidia chips": an amount of goods, not a company bought.
        if (money.Start >= trigger.End && OfGoodsRegex().IsMatch(s.Text.AsSpan(money.End))) return null;
        var anchor = Math.Min(trigger.Start, money.Start);
        // "Halvern said it would acquire Brightwave": "would" in reported speech announces the deal.
        if ((Cues.IsHedgedBefore(s, anchor, Math.Max(trigger.End, money.End)) && Cues.IsHedgedUnlessReported(s, anchor, 60)) || Cues.IsNegated(s, anchor, 50) ||
            DealCues.IsPlanned(s, anchor)) return null;

        // "a $24.6 billion merger between Kroger and Albertsons": the first named buys the second.
        if (BetweenRegex().Match(s.Text, trigger.End, Math.Min(s.Text.Length - trigger.End, 40)) is { Success: true } between)
        {
            var pair = s.Organizations.Where(m => m.Start >= between.Index + between.Length && m.Start - trigger.End <= ObjectReach).Take(2).ToList();
            if (pair.Count == 2 && pair[0].Name != pair[1].Name && ListJoinRegex().IsMatch(s.Text.AsSpan(pair[0].End, pair[1].Start - pair[0].End)))
                return new Fact { Type = FactTypes.Investment, Investor = pair[0].Name, Target = pair[1].Name, Confidence = Cues.Confidence(0.7, pair[0], pair[1]) };
        }

        // "agreed to pay $10.8 billion for Prometheus": a payment buys only what follows "for/pour" after its amount.
        var payment = PaymentRegex().IsMatch(trigger.Value);
        if (payment && money.Start < trigger.End) return null;
        Mention? agent = null, bought = null;
        foreach (var m in s.Organizations)
        {
            if (m.Start < trigger.End || m.Start - trigger.End > ObjectReach) continue;
            if (payment && (m.Start < money.End || !PaidForRegex().IsMatch(s.Text.AsSpan(money.End, m.Start - money.End)))) continue;
            var gap = s.Text.AsSpan(trigger.End, m.Start - trigger.End);
            // "bought 20 Airbus jets", "a acheté 30 Airbus A320": a count before the maker's name, goods and not the company.
            if (CountBeforeRegex().IsMatch(gap)) continue;
            if (PassiveAgentRegex().IsMatch(gap) || ByRegex().IsMatch(gap)) { agent ??= m; continue; }
            if (bought is null && !NotBoughtGapRegex().IsMatch(gap) && !DealCues.StandsForAnother(s, m)) bought = m;
        }
        // "buy the 75% stake that Lone Star holds in Novo Banco": the stake is in the company after "holds in".
        if (bought is not null && HoldsInAfterRegex().Match(s.Text, bought.End, Math.Min(30, s.Text.Length - bought.End)) is { Success: true } holds &&
            s.Organizations.FirstOrDefault(m => m.Start == holds.Index + holds.Length) is { } inner)
            bought = inner;
        var possessive = s.Organizations.LastOrDefault(m => m.End <= anchor && anchor - m.End <= 40 && PossessiveRegex().IsMatch(s.Text.AsSpan(m.End)));
        var buyer = agent ?? possessive ?? s.NearestOrgBefore(trigger.Start, subjectsOnly: true) ?? Implicit(s, bought?.Name);
        // "un accord avec le fonds Thoma Bravo pour lui racheter Imperva": "lui/leur" stands for the seller named before;
        // the buyer is the sentence's subject.
        if (agent is null && possessive is null && buyer is not null && buyer.Source != MentionSource.Coreference &&
            FromThemBeforeRegex().IsMatch(s.Text.AsSpan(0, trigger.Start)))
        {
            var seller = buyer;
            buyer = s.Organizations.FirstOrDefault(m => m.End <= seller.Start && m.Name != seller.Name && !s.IsComplement(m)) ?? Implicit(s, bought?.Name);
            if (buyer?.Name == seller.Name) buyer = null;
        }
        if (bought is null && agent is not null) bought = s.NearestOrgBefore(trigger.Start);
        if (buyer is null || bought is null || buyer.Name == bought.Name) return null;
        return new Fact { Type = FactTypes.Investment, Investor = buyer.Name, Target = bought.Name, Confidence = Cues.Confidence(0.8, buyer, bought) };
    }

    /// <summary>A company's sale named by a noun: "Quorra's $4.8 billion sale to Halvern" (the possessive is sold), "the sale of
    /// Lumeo to Vantor for $300 million", "la cession de Lumeo à Vantor pour 300 millions" (the company after "of/de").
    /// The buyer is the company after "to/à". Null when either is missing, and the ordinary reading applies.</summary>
    private static Fact? FromSaleNoun(SentenceView s, MoneyMention money)
    {
        if (!s.Text.Contains("sale", StringComparison.OrdinalIgnoreCase) && !s.Text.Contains("vente", StringComparison.OrdinalIgnoreCase) &&
            !s.Text.Contains("cession", StringComparison.OrdinalIgnoreCase)) return null;
        Mention? sold = null;
        int nounEnd;
        if (SaleNounAfterRegex().Match(s.Text, money.End, Math.Min(30, s.Text.Length - money.End)) is { Success: true } after)
        {
            // "Quorra's $4.8 billion sale": the possessive before the amount is the company sold.
            sold = s.Organizations.LastOrDefault(m => m.End <= money.Start && money.Start - m.End <= 6 && PossessiveRegex().IsMatch(s.Text.AsSpan(m.End)));
            nounEnd = after.Index + after.Length;
            // "the $4.8 billion sale of chipmaker Quorra to Halvern": the company after "of".
            var end = nounEnd;
            sold ??= s.Organizations.FirstOrDefault(m => m.Start >= end && m.Start - end <= 40 &&
                SoldObjectRegex().IsMatch(s.Text.AsSpan(end, m.Start - end)) && OfBeforeRegex().IsMatch(s.Text.AsSpan(end, m.Start - end)));
        }
        else if (SaleNounBeforeRegex().Match(s.Text[..money.Start]) is { Success: true } before && money.Start - before.Index <= 120)
        {
            nounEnd = before.Index + before.Length;
            sold = s.Organizations.FirstOrDefault(m => m.Start >= nounEnd && m.Start - nounEnd <= 40 &&
                SoldObjectRegex().IsMatch(s.Text.AsSpan(nounEnd, m.Start - nounEnd)) && OfBeforeRegex().IsMatch(s.Text.AsSpan(nounEnd, m.Start - nounEnd)));
        }
        else return null;
        if (sold is null) return null;
        var from = Math.Max(nounEnd, sold.End);
        var buyer = s.Organizations.FirstOrDefault(m => m.Start >= from && m.Start - from <= 40 && m.Name != sold.Name &&
            SoldToRegex().IsMatch(s.Text.AsSpan(from, m.Start - from)));
        if (buyer is null || Cues.IsHedgedBefore(s, Math.Min(money.Start, nounEnd), money.End) || Cues.IsNegated(s, money.Start, 50) ||
            Cues.IsNotAFactStakePurchase(s, money)) return null;
        return new Fact { Type = FactTypes.Investment, Investor = buyer.Name, Target = sold.Name, Confidence = Cues.Confidence(0.75, buyer, sold) };
    }

    [GeneratedRegex(@"\G\s+(?:[\p{Ll}-]+\s+)?sale\b", RegexOptions.CultureInvariant)]
    private static partial Regex SaleNounAfterRegex();

    [GeneratedRegex(@"\b(?:(?i:the)\s+sale|(?i:la)\s+(?:vente|cession))\b(?!.*\b(?:sale|vente|cession)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SaleNounBeforeRegex();

    [GeneratedRegex(@"^\s*(?:of|de|du|d')\b", RegexOptions.CultureInvariant)]
    private static partial Regex OfBeforeRegex();

    private static bool SemicolonBetween(SentenceView s, int a, int b) =>
        s.Text.AsSpan(Math.Min(a, b), Math.Abs(b - a)).IndexOf(';') >= 0;

    /// <summary>A sale verb governing the amount: before it in the same clause, no acquisition or investment word between.</summary>
    private static Match? SaleBefore(SentenceView s, MoneyMention money)
    {
        var from = Math.Max(0, money.Start - 140);
        Match? last = null;
        foreach (Match m in SaleRegex().Matches(s.Text[..money.Start], from)) last = m;
        if (last is null || s.Text.AsSpan(last.Index, money.Start - last.Index).IndexOf(';') >= 0) return null;
        if (AcquisitionRegex().IsMatch(s.Text.AsSpan(last.Index + last.Length, money.Start - last.Index - last.Length))) return null;
        return last;
    }

    /// <summary>The buyer after "to/à" invests in the company sold: the one after "stake in", "N % de", or the verb's object.</summary>
    private static Fact? FromSale(SentenceView s, Match sale, MoneyMention money)
    {
        var end = sale.Index + sale.Length;
        if (Cues.IsHedgedBefore(s, sale.Index, money.End) || Cues.IsNegated(s, sale.Index, 50) || Cues.IsNotAFactStakePurchase(s, money)) return null;
        Mention? buyer = null, sold = null;
        foreach (var m in s.Organizations)
        {
            if (m.Start < end || m.Start - end > 160) continue;
            var gap = s.Text.AsSpan(end, m.Start - end);
            if (buyer is null && SoldToRegex().IsMatch(gap)) buyer = m;
            else if (sold is null && buyer is null && SoldObjectRegex().IsMatch(gap)) sold = m;
        }
        // "to Castel for $80 million": a capitalised name between "to/à" and the price is the buyer, known or not.
        if (buyer is null && BuyerBeforePriceRegex().Match(s.Text, end, money.Start - end) is { Success: true } named &&
            !Entities.NameGuesser.Stop.Contains(named.Groups["name"].Value.Split(' ')[0]))
            buyer = new Mention(named.Groups["name"].Index, named.Groups["name"].Index + named.Groups["name"].Length, named.Groups["name"].Value, MentionKind.Organization, MentionSource.Guess);
        var seller = s.NearestOrgBefore(sale.Index, subjectsOnly: true);
        if (buyer is null || sold is null || buyer.Name == sold.Name || buyer.Name == seller?.Name) return null;
        return new Fact { Type = FactTypes.Investment, Investor = buyer.Name, Target = sold.Name, Confidence = Cues.Confidence(0.75, buyer, sold) };
    }

    [GeneratedRegex(@"\b(?:sold|sells?|selling|to\s+sell|agreed\s+to\s+sell|c[èe]de|c[èe]dent|c[ée]d[ée]e?s?|c[ée]der|c[ée]dera|vendu|vendre|vend|vendra|divests?|divested|offload(?:s|ed)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SaleRegex();

    [GeneratedRegex(@"\b(?i:to|à|au|aux)\s+(?:the\s+|la\s+|le\s+|les\s+|l')?(?:[\p{Ll}-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex SoldToRegex();

    [GeneratedRegex(@"\b(?:to|à|au)\s+(?<name>\p{Lu}[\p{L}\p{M}'’&-]*(?:\s\p{Lu}[\p{L}\p{M}'’&-]*){0,3})\s+(?:for|pour)\s+(?:about\s+|around\s+|environ\s+|près\s+de\s+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex BuyerBeforePriceRegex();

    /// <summary>"its 49.99% stake in", "50 % de sa filiale", "its unit", or nothing: what lies between a sale verb and the
    /// company sold.</summary>
    [GeneratedRegex(@"^\s*(?:(?:its|their|his|her|sa|son|ses|leur|the|a|an|une|un|la|le|les|l')\s*)?(?:(?:entire|whole|remaining|total|majority|minority|controlling|direct|restante?|majoritaire|minoritaire)\s+)?(?:(?:about\s+|around\s+|environ\s+|près\s+de\s+)?[\d.,]+\s*(?:%|per\s*cent|percent|pour\s+cent)\s*)?(?:(?:stake|holding|shareholding|participation|interest|part|parts)\s+)?(?:(?:in|of|dans|de|du|d'|du\s+capital\s+d[e'])\s*)?(?:(?:its|their|sa|son|ses|leur|the|la|le|les|l')\s*)?(?:[\p{Ll}-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex SoldObjectRegex();

    /// <summary>"Amazon committed $4 billion, followed by another $2 billion from Google": a further amount from a named
    /// backer goes, like the first, to the company the article is about.</summary>
    private static Fact? FurtherFrom(SentenceView s, ArticleContext article, MoneyMention money)
    {
        var before = s.Text.AsSpan(Math.Max(0, money.Start - 20), money.Start - Math.Max(0, money.Start - 20));
        if (!FurtherBeforeRegex().IsMatch(before) || FromAfterRegex().Match(s.Text, money.End, Math.Min(20, s.Text.Length - money.End)) is not { Success: true } from) return null;
        var backer = s.Organizations.FirstOrDefault(m => m.Start == from.Index + from.Length);
        if (backer is null || Cues.IsHedgedInClause(s, money.Start, backer.End) || Cues.IsNegated(s, money.Start, 40)) return null;
        return article.Coreference.MostSalient(s.Sentence.Index, exclude: backer.Name, skip: s.Organizations.Select(m => m.Name).ToHashSet(), topical: true, companiesOnly: true) is { } target
            ? new Fact { Type = FactTypes.Investment, Investor = backer.Name, Target = target, Confidence = Cues.Confidence(0.6, backer) }
            : null;
    }

    [GeneratedRegex(@"\b(?:another|an\s+additional|a\s+further|additional|further|encore|nouveaux|autres)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FurtherBeforeRegex();

    [GeneratedRegex(@"\G\s*(?:from|de\s+la\s+part\s+d[e']|apport[ée]s?\s+par|venant\s+d[e'])\s*(?:the\s+|la\s+|le\s+|l')?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromAfterRegex();

    private static bool PaysFor(SentenceView s, MoneyMention money) =>
        s.Organizations.Any(m => m.Start >= money.End && m.Start - money.End <= 40 && PaidForRegex().IsMatch(s.Text.AsSpan(money.End, m.Start - money.End)));

    [GeneratedRegex(@"^(?:committed|commits|puts?|apport[ée]e?s?|apporte(?:nt|ra)?|contribu(?:ted|tes|e|é))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContributionRegex();

    [GeneratedRegex(@"^[^,.;]{0,40}?\b(?:in|into|dans)\s+(?:its|their|sa|son|leur)\s+(?:holding|stake|participation|shareholding)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OwnHoldingRegex();

    [GeneratedRegex(@"^pa(?:y|i)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PaymentRegex();

    /// <summary>"for $28 a share, or about $3.4 billion", "31 euros par action, soit 2 milliards": the total restates the
    /// price per share before it, which therefore stands between no deal word and the total.</summary>
    private static bool RestatesPerShare(SentenceView s, MoneyMention perShare, MoneyMention total) =>
        perShare.End < total.Start && Cues.IsPerShare(s, perShare) &&
        PerShareThenTotalRegex().IsMatch(s.Text.AsSpan(perShare.End, total.Start - perShare.End));

    [GeneratedRegex(@"^\s*(?:a|per|par|l')\s*(?:share|action)\b[^,;]{0,20},\s*(?:or|soit)\s+(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+|environ\s+|près\s+de\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerShareThenTotalRegex();

    /// <summary>"for Orvia", "for the US biotech Orvia", "pour le laboratoire Orvia": descriptions, nationalities among
    /// them, may come before the company.</summary>
    [GeneratedRegex(@"^\s*(?:in\s+cash\s+|en\s+num[ée]raire\s+)?(?:for|pour)\s+(?:the\s+|la\s+|le\s+|les\s+|l')?(?:(?:[\p{Ll}-]+|US|U\.S\.|UK|EU|\p{Lu}\p{Ll}+(?:an|ish|ese|ch|ss|i|ek))\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PaidForRegex();

    /// <summary>"Covéa a annoncé … pour racheter le réassureur PartnerRe": the buyer (subject) and the company bought,
    /// named right after the verb, when the deal is stated as done or agreed and not hedged, negated or only wanted.</summary>
    [GeneratedRegex(@"^\s*(?:the|its|la|sa|une|a)\s+[\d.,]+\s*(?:%|per\s*cent|pour\s+cent)\s+(?:stake|participation|holding)\s+(?:that|which|que|qu')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StakeThatRegex();

    [GeneratedRegex(@"\b(?:holds|owns|has|détient|possède)\s+(?:in|dans)\s+(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.CultureInvariant)]
    private static partial Regex HoldsInBeforeRegex();

    private static Fact? AmountlessAcquisition(SentenceView s)
    {
        foreach (Match verb in s.MatchesOf(DoneAcquisitionRegex()))
        {
            var end = verb.Index + verb.Length;
            if (Cues.IsHedgedBefore(s, verb.Index, end) || Cues.IsNegated(s, verb.Index, 50) || DealCues.IsPlanned(s, verb.Index) ||
                IntentBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, verb.Index - 30), Math.Min(30, verb.Index)))) continue;
            var bought = s.Organizations.FirstOrDefault(m => m.Start >= end && m.Start - end <= 45 && m.Source != MentionSource.Coreference &&
                DirectObjectRegex().IsMatch(s.Text.AsSpan(end, m.Start - end)));
            // "agreed to buy the 75% stake that Lone Star holds in Novo Banco": the company the stake is in.
            if (bought is null && StakeThatRegex().IsMatch(s.Text.AsSpan(end)))
                bought = s.Organizations.FirstOrDefault(m => m.Start >= end && m.Start - end <= 120 &&
                    HoldsInBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(end, m.Start - 30), m.Start - Math.Max(end, m.Start - 30))));
            if (bought is null) continue;
            var buyer = s.Subject(before: verb.Index) is { } subject && subject.Name != bought.Name ? subject : Implicit(s, bought.Name);
            if (buyer is null || buyer.Name == bought.Name) continue;
            return new Fact { Type = FactTypes.Investment, Investor = buyer.Name, Target = bought.Name, Confidence = Cues.Confidence(0.6, buyer, bought) };
        }
        return null;
    }

    /// <summary>"Microsoft a procédé à un investissement de petite taille dans Mistral", "Halvern has made an investment in
    /// Brightwave", "Kestrel has invested an undisclosed sum in Lumeo": an investment stated as done, with no amount; the
    /// investor is the subject. A bare "invested in X" is left out: news uses it mostly for background ("SoftBank, which has
    /// invested in X, …").</summary>
    [GeneratedRegex(@"\b(?:(?:(?:has\s+|have\s+)?made|a\s+(?:proc[ée]d[ée]\s+à|r[ée]alis[ée]|fait)|proc[èe]de\s+à|r[ée]alise)\s+(?:un|une|an|a)\s+(?:[\p{Ll}-]+\s+){0,3}?(?:investissement|investment|prise\s+de\s+participation)\s+(?:de\s+(?:[\p{Ll}-]+\s+){1,3})?(?:dans|in|au\s+capital\s+d[eu']?)|(?:has\s+|have\s+)?invested\s+(?:an\s+)?undisclosed\s+(?:sum|amount)\s+in|a\s+investi\s+un\s+montant\s+non\s+(?:divulgu[ée]|communiqu[ée]|d[ée]voil[ée]|pr[ée]cis[ée])\s+dans)\s*(?:the\s+|la\s+|le\s+|l')?", RegexOptions.CultureInvariant)]
    private static partial Regex AmountlessInvestmentRegex();

    /// <summary>The gate of <see cref="AmountlessInvestmentRegex"/>: an investment noun or verb, then "in/dans" soon after.</summary>
    [GeneratedRegex(@"\b(?:investissement|investment|participation|invested|investi)\s+(?:[\p{Ll}-]+\s+){0,4}?(?:dans|in|au\s+capital)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InvestedInRegex();

    private static Fact? AmountlessInvestment(SentenceView s)
    {
        if (s.Percents.Count > 0) return null;
        foreach (Match frame in s.MatchesOf(AmountlessInvestmentRegex()))
        {
            var end = frame.Index + frame.Length;
            // The company right after the frame: a known or guessed one, else the capitalised name there ("dans Kelda").
            var target = s.Organizations.FirstOrDefault(m => m.Start == end && m.Source != MentionSource.Coreference);
            if (target is null && !s.Mentions.Any(m => m.Start <= end && end < m.End) &&
                Entities.NameGuesser.CapitalisedSpanAt(s.Text, end) is { } span && span.Start == end && !(span.Name.Length <= 3 && span.Name.All(char.IsUpper)))
                target = new Mention(span.Start, span.End, span.Name, MentionKind.Organization, MentionSource.Guess);
            if (target is null || Cues.IsHedgedBefore(s, frame.Index, target.End) || Cues.IsNegated(s, frame.Index, 50) || DealCues.IsIntent(s, frame.Index) ||
                DealCues.IsPlanned(s, frame.Index)) continue;
            // The subject of the verb: the nearest company before it that is no complement ("…, adding that the firm first invested in…").
            if (s.NearestOrgBefore(frame.Index, subjectsOnly: true, maxDistance: 80) is not { } investor || investor.Name == target.Name) continue;
            return new Fact { Type = FactTypes.Investment, Investor = investor.Name, Target = target.Name, Confidence = Cues.Confidence(0.6, investor, target) };
        }
        return null;
    }

    /// <summary>Between a purchase verb and the company bought: a determiner and a role noun phrase at most ("le
    /// réassureur", "the 75% stake that … holds in" is handled by the stake expert).</summary>
    [GeneratedRegex(@"^\s*(?:(?:the|la|le|les|l'|its|sa|son)\s*)?(?:[\p{Ll}-]+\s+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex DirectObjectRegex();

    private static Fact? FromInvestor(SentenceView s, ArticleContext article, (int Start, int End, string Value) trigger, Mention? given = null)
    {
        // "13 milliards injectés par Microsoft dans OpenAI", "$5bn invested by Microsoft in Anthropic": the agent follows the verb.
        var investor = given ?? PassiveAgent(s, trigger.End);
        // "Thrive Capital, which put in $1.25 billion", "un géant américain qui a déjà investi 13 milliards dans OpenAI": the
        // subject of a relative clause is its antecedent; one that names no company leaves the investor unknown.
        if (investor is null && Cues.TryRelativeSubject(s, trigger.Start, out var antecedent))
        {
            investor = antecedent;
            if (investor is null) return null;
        }
        investor ??= s.NearestOrgBefore(trigger.Start, subjectsOnly: true) ?? s.NearestOrgBefore(trigger.Start) ?? Implicit(s, null);
        Mention? target = null;
        foreach (var m in s.Organizations)
        {
            if (m.Start < trigger.End || m.Start - trigger.End > 110 || m.Name == investor?.Name || DealCues.StandsForAnother(s, m)) continue;
            // "in its Toulouse plant": a site named after its place is the investor's own, no company invested in.
            if (DealCues.IsOwnSite(s, m)) continue;
            // The trigger may end with the preposition itself ("stake in").
            var gap = s.Text[Math.Max(BareStakeRegex().IsMatch(trigger.Value) ? trigger.Start : trigger.End, m.Start - 60)..m.Start];
            if (TargetPrepositionRegex().IsMatch(gap) || InsideRegex().IsMatch(gap)) { target = m; break; }
        }
        // "Menlo Ventures closed a deal to invest $750 million in the company": the company invested in is not the investor.
        if (target is null && investor is not null)
        {
            var anaphor = s.Organizations.FirstOrDefault(m => m.Source == MentionSource.Coreference && m.Start >= trigger.End &&
                m.Start - trigger.End <= 110 && m.Name == investor.Name && TargetPrepositionRegex().IsMatch(s.Text.AsSpan(trigger.End, m.Start - trigger.End)));
            if (anaphor is not null && article.Coreference.MostSalient(s.Sentence.Index, exclude: investor.Name, topical: true, companiesOnly: true) is { } other)
                target = anaphor with { Name = other };
        }
        target ??= UnknownTargetAfter(s, trigger.End);
        // "Amazon then committed $4 billion", "le fonds Meridiam, qui a apporté 200 M€", "stc invested €2.1bn in its holding":
        // a contribution with no company after it goes to the company the article is about.
        // "Don't Nod récolte 46 millions, dont 35 millions apportés par Tencent": with the backer as agent, the subject received it.
        if (target is null && investor is not null && given is null && ContributionRegex().IsMatch(trigger.Value) &&
            PassiveAgent(s, trigger.End)?.Name == investor.Name)
            target = s.Subject(before: trigger.Start) is { } subject && subject.Name != investor.Name ? subject : null;
        if (target is null && investor is not null && (ContributionRegex().IsMatch(trigger.Value) || OwnHoldingRegex().IsMatch(s.Text.AsSpan(trigger.End))) &&
            !s.Organizations.Any(m => m.Start >= trigger.End && m.Name != investor.Name &&
                !SourcePrepositionRegex().IsMatch(s.Text.AsSpan(Math.Max(0, m.Start - 30), m.Start - Math.Max(0, m.Start - 30)))) &&
            article.Coreference.MostSalient(s.Sentence.Index, exclude: investor.Name, skip: s.Organizations.Select(m => m.Name).ToHashSet(), topical: true, companiesOnly: true) is { } salient)
            target = new Mention(0, 0, salient, MentionKind.Organization, MentionSource.Coreference);
        if (target is null && investor is not null)
        {
            // "…envers OpenAI, dans laquelle la firme a investi…": the company before the relative pronoun.
            var relative = RelativeRegex().Match(s.Text, 0, trigger.Start);
            if (relative.Success)
                target = s.Mentions.LastOrDefault(m => m.IsOrganization && m.End <= relative.Index && m.Name != investor.Name);
        }
        if (investor is null || target is null || investor.Name == target.Name) return null;
        // "Mubadala and Silver Lake invested a combined $1.6 billion in Genesys": no single investor is tied to the amount.
        if (given is null && investor.Source != MentionSource.Coreference &&
            s.Organizations.Any(m => m.End <= investor.Start && m.Name != target.Name && ListJoinRegex().IsMatch(s.Text.AsSpan(m.End, investor.Start - m.End))))
            return new Fact { Type = FactTypes.Investment, Investor = null, Target = target.Name, Confidence = Cues.Confidence(0.7, target) };
        return new Fact { Type = FactTypes.Investment, Investor = investor.Name, Target = target.Name, Confidence = Cues.Confidence(0.85, investor, target) };
    }

    /// <summary>"Microsoft et Nvidia vont investir respectivement jusqu'à 5 et 10 milliards de dollars dans Anthropic": the
    /// listed investors take the listed amounts in order (a bare first number shares the last amount's scale and currency).
    /// Null when the two lists do not line up, and the ordinary reading applies.</summary>
    private (List<Fact> Facts, List<MoneyMention> Amounts)? Respective(SentenceView s, ArticleContext article, (int Start, int End, string Value) trigger)
    {
        if (PartnershipRegex().IsMatch(trigger.Value) || RoundRegex().IsMatch(trigger.Value) || ReceiveRegex().IsMatch(trigger.Value)) return null;
        // The investors: the run of organisations joined by "et/and/," that ends nearest before the verb.
        var investors = new List<Mention>();
        foreach (var m in s.Organizations)
        {
            if (m.End > trigger.Start) break;
            if (investors.Count > 0 && !ListJoinRegex().IsMatch(s.Text.AsSpan(investors[^1].End, m.Start - investors[^1].End))) investors.Clear();
            if (!s.IsComplement(m) || investors.Count > 0) investors.Add(m);
        }
        if (investors.Count < 2 || investors.Select(m => m.Name).Distinct().Count() != investors.Count) return null;
        // The amounts: the run of amounts joined by "et/and/," that starts after the verb.
        var amounts = new List<MoneyMention>();
        foreach (var m in s.Money)
        {
            if (m.Start < trigger.End) continue;
            if (amounts.Count == 0 ? m.Start - trigger.End > 60 : !ListJoinRegex().IsMatch(s.Text.AsSpan(amounts[^1].End, m.Start - amounts[^1].End))) break;
            amounts.Add(m);
        }
        if (amounts.Count == 0) return null;
        if (amounts.Count == investors.Count - 1 &&
            BareNumberBeforeRegex().Match(s.Text, trigger.End, amounts[0].Start - trigger.End) is { Success: true } bare &&
            LeadingNumberRegex().Match(s.Text, amounts[0].Start, amounts[0].End - amounts[0].Start) is { Success: true } lead &&
            NumberParser.TryParse(bare.Groups["num"].Value, out var bareNumber) && NumberParser.TryParse(lead.Value, out var leadNumber) && leadNumber > 0)
        {
            var first = amounts[0];
            // "5 milliards et 10 milliards de dollars" keeps its own scale; "5 et 10 milliards de dollars" takes the last one's.
            var amount = bare.Groups["scale"].Success ? bareNumber * MoneyParser.Scale(bare.Groups["scale"].Value, article.Language)!.Value
                : first.Amount / leadNumber * bareNumber;
            amounts.Insert(0, new MoneyMention(bare.Index, bare.Index + bare.Length, amount, null, first.Currency, first.IsCap));
        }
        if (amounts.Count != investors.Count) return null;
        if (Cues.IsHedged(s, trigger.Start, 70) || Cues.IsNegated(s, trigger.Start, 50)) return null;
        var facts = new List<Fact>(amounts.Count);
        for (var i = 0; i < amounts.Count; i++)
        {
            if (Cues.IsNotAFactAmount(s, amounts[i])) return null;
            var fact = FromInvestor(s, article, trigger, investors[i]);
            if (fact is null) return null;
            facts.Add(Cues.WithAmount(fact with { Date = s.FirstDate?.Iso, Expert = Name, Evidence = s.Evidence(article.OriginalText) }, amounts[i], article));
        }
        return (facts, amounts);
    }

    [GeneratedRegex(@"\b(?:respectivement|respectively)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RespectivelyRegex();

    [GeneratedRegex(@"^\s*(?:,|et|and|&|,\s*(?:et|and))\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListJoinRegex();

    [GeneratedRegex(@"(?<num>\d+(?:[.,]\d+)?)\s*(?<scale>milliards?|millions?|billions?|bn|mn|m)?\s*(?:et|and)\s*(?:jusqu'à\s+|up\s+to\s+)?\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareNumberBeforeRegex();

    [GeneratedRegex(@"\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumberRegex();

    /// <summary>"injecte 100 millions d'euros dans Novaterre IA, qui…", "invests $40m in Acme, a robotics start-up": a capitalised name
    /// the entity table does not know, right after the amount's "dans/in/into" and described next ("qui…", ", a start-up").</summary>
    private static Mention? UnknownTargetAfter(SentenceView s, int triggerEnd)
    {
        foreach (var money in s.Money)
        {
            if (money.End < triggerEnd - 60 || money.End - triggerEnd > 90) continue;
            var into = IntoRegex().Match(s.Text, money.End, Math.Min(12, s.Text.Length - money.End));
            if (!into.Success || Entities.NameGuesser.CapitalisedSpanAt(s.Text, into.Index + into.Length) is not { } span) continue;
            if (span.Name.Length <= 3 && span.Name.All(char.IsUpper)) continue;
            if (s.Mentions.Any(m => m.Start < span.End && span.Start < m.End)) continue;
            if (!ClauseEndRegex().IsMatch(s.Text.AsSpan(span.End))) continue;
            return new Mention(span.Start, span.End, span.Name, MentionKind.Organization, MentionSource.Guess);
        }
        return null;
    }

    [GeneratedRegex(@"^\s+(?:dans|into|in)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntoRegex();

    /// <summary>A description that makes the name a company: "qui conçoit…", "which develops…", ", a robotics start-up",
    /// ", une société de…" (not just any clause: "in Pennsylvania, which will create jobs", "in France, a record").</summary>
    [GeneratedRegex(@"^\s*,?\s*(?:(?:qui|which|that)\s+(?:con[çc]oi[tv]\w*|d[ée]velopp\w*|fabriqu\w*|[ée]dit\w*|produi\w*|commercialis\w*|vend\w*|builds?|makes?|develops?|designs?|sells?|operates?|runs?|provides?)|(?:un|une|a|an)\s+(?:[\p{L}-]+\s+){0,3}?(?:start-?up|scale-?up|company|firm|maker|developer|provider|soci[ée]t[ée]|entreprise|[ée]diteur|fabricant|laboratoire|lab|sp[ée]cialiste|p[ée]pite|jeune\s+pousse|licorne|unicorn))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseEndRegex();

    /// <summary>"Nvidia owns 4% of Intel after its $5bn purchase of the chipmaker's shares", "A 2.9% stake in Nokia will be held
    /// by Nvidia once its $1bn share purchase closes": the company the stake is in is the target; the buyer is the one
    /// named after "by", else the subject.</summary>
    private static Fact? FromSharePurchase(SentenceView s, (int Start, int End, string Value) trigger)
    {
        // The company right after "in/dans/into/of" nearest the purchase ("The board of Nvidia approved a share purchase in
        // Intel": Intel), a named one before one an anaphor stands for.
        var target = s.Organizations.Where(m => StakeOfRegex().IsMatch(s.Text.AsSpan(Math.Max(0, m.Start - 8), m.Start - Math.Max(0, m.Start - 8))))
            .OrderBy(m => m.Source == MentionSource.Coreference).ThenBy(m => Cues.Distance((m.Start, m.End), (trigger.Start, trigger.End))).FirstOrDefault();
        if (target is null) return null;
        var investor = s.Organizations.FirstOrDefault(m => m.Name != target.Name && ByRegex().IsMatch(s.Text.AsSpan(Math.Max(0, m.Start - 10), m.Start - Math.Max(0, m.Start - 10))))
            ?? s.Organizations.FirstOrDefault(m => m.Name != target.Name && !s.IsComplement(m) && m.Start < target.Start);
        if (investor is null) return null;
        return new Fact { Type = FactTypes.Investment, Investor = investor.Name, Target = target.Name, Confidence = Cues.Confidence(0.75, investor, target) };
    }

    [GeneratedRegex(@"\b(?:dans|in|into|of)\s+(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StakeOfRegex();

    private static Mention? PassiveAgent(SentenceView s, int triggerEnd)
    {
        foreach (var m in s.Mentions)
        {
            if (!m.IsOrganization || m.Start < triggerEnd) continue;
            return m.Start - triggerEnd <= 20 && PassiveAgentRegex().IsMatch(s.Text.AsSpan(triggerEnd, m.Start - triggerEnd)) ? m : null;
        }
        return null;
    }

    private static Fact? FromRound(SentenceView s, ArticleContext article, (int Start, int End, string Value) trigger, MoneyMention money, List<MoneyMention> amounts)
    {
        // "Halvern led a $150 million round in Orbelle", "a mené une levée de 40 millions dans Orbelle": the company after
        // "in/dans" raised it; the subject that led it is one backer among others.
        if (LedBeforeRegex().IsMatch(s.Text.AsSpan(0, Math.Min(trigger.Start, money.Start))) &&
            s.Organizations.FirstOrDefault(m => m.Start >= trigger.End && m.Start - trigger.End <= 40 &&
                RoundInRegex().IsMatch(s.Text.AsSpan(trigger.End, m.Start - trigger.End))) is { } raiser)
            return new Fact { Type = FactTypes.Investment, Investor = null, Target = raiser.Name, Confidence = Cues.Confidence(0.75, raiser) };
        var target = s.NearestOrgBefore(trigger.Start, subjectsOnly: true) ?? s.NearestOrgBefore(trigger.Start) ?? Implicit(s, null);
        // "SoftBank-backed Orvia raised…": a backer named as a modifier is not the company that raised.
        if (target is not null && target.End > 0 && DealCues.IsCompoundModifier(s, target)) return null;
        // "Le tour de table, qui réunit Accel, … BDT & MSD Partners, arrive après une série C de 450 millions": a listed
        // backer is not the company that raised; the article's salient company is.
        if (target is not null && target.Start > 0 && ParticipantsRegex().IsMatch(s.Text.AsSpan(0, target.Start))) target = Implicit(s, null);
        if (target is null) return null;
        string? investor = null;
        if (!Cues.Near(SyndicateRegex(), s, money.Start, 120, money.End))
        {
            // "Don't Nod récolte 46 millions, dont 35 millions apportés par Tencent": Tencent has an amount of its own.
            var sources = s.Organizations.Where(m => m.Start > trigger.End && m.Name != target.Name &&
                SourcePrepositionRegex().IsMatch(s.Text[Math.Max(0, m.Start - 30)..m.Start]) &&
                !amounts.Any(other => other != money && other.Start > money.End && other.End <= m.Start)).Select(m => m.Name).Distinct().ToList();
            // "raised $750 million from Apollo, Baillie Gifford and Fidelity": a list of backers, none tied to the amount.
            if (sources.Count == 1 && !ListedSource(s, sources[0], trigger.End)) investor = sources[0];
        }
        return new Fact { Type = FactTypes.Investment, Investor = investor, Target = target.Name, Confidence = Cues.Confidence(0.8, target) };
    }

    /// <summary>Whether the source named after the round is the first of a list ("from Apollo, Baillie Gifford and Fidelity",
    /// "auprès de Bpifrance et de Demeter").</summary>
    private static bool ListedSource(SentenceView s, string source, int after)
    {
        var m = s.Organizations.First(o => o.Start > after && o.Name == source);
        return SourceListRegex().IsMatch(s.Text.AsSpan(m.End));
    }

    [GeneratedRegex(@"^\s*(?:,|and|et|&)\s*(?:de\s+|d'|du\s+|des\s+|of\s+)?(?:l'|la\s+|le\s+|the\s+)?\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex SourceListRegex();

    [GeneratedRegex(@"\b(?:led|co-led|leads|leading|will\s+lead|a\s+men[ée]|m[èe]ne|mener|a\s+conduit|conduit|pilot[ée]?)\s+(?:(?:a|an|the|une|la|le|its|sa|son)\s+)?(?:\S+\s+){0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LedBeforeRegex();

    [GeneratedRegex(@"^\s*(?:(?:[\p{Ll}-]+|[A-F])\s+){0,3}?(?:in|into|dans|de|d'|for|pour)\s+(?:the\s+|la\s+|le\s+|l')?(?:[\p{Ll}-]+\s+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoundInRegex();

    private static Fact? FromReceipt(SentenceView s, ArticleContext article, (int Start, int End, string Value) trigger, MoneyMention money)
    {
        // "received final approval for its $6 billion wind farm": what was received is not the amount, which a preposition
        // ties to something else.
        if (money.Start > trigger.End && !ReceivedAmountGapRegex().IsMatch(s.Text.AsSpan(trigger.End, money.Start - trigger.End))) return null;
        var target = s.NearestOrgBefore(trigger.Start, subjectsOnly: true) ?? Implicit(s, null);
        var investor = s.Organizations.FirstOrDefault(m => m.Start > trigger.End && m.Name != target?.Name &&
            SourcePrepositionRegex().IsMatch(s.Text[Math.Max(0, m.Start - 30)..m.Start]));
        if (target is null) return null;
        return new Fact { Type = FactTypes.Investment, Investor = investor?.Name, Target = target.Name, Confidence = Cues.Confidence(0.75, target, investor) };
    }

    /// <summary>Between "received/a reçu" and the amount received: determiners, adverbs and approximations ("a total of",
    /// "au total", "up to", "près de"), not a noun with its preposition ("approval for its").</summary>
    [GeneratedRegex(@"^\s*(?:(?:a|an|the|un|une|about|around|nearly|some|roughly|more\s+than|up\s+to|as\s+much\s+as|a\s+total\s+of|total|au\s+total|jusqu'à|près\s+de|environ|plus\s+de|quelque|already|also|d[ée]j[àa]|aussi|[ée]galement|new|fresh|nouveaux|additional|another|further|encore)\s+|\d{4}\s*,?\s*)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReceivedAmountGapRegex();

    /// <summary>"the $13bn partnership": the investing partner is the subject (or the salient company); the other partner the target.</summary>
    private static Fact? FromPartnership(SentenceView s, ArticleContext article, (int Start, int End, string Value) trigger)
    {
        // "a $2 billion deal with Corvane to supply battery cells": a contract for goods or services, no money put in.
        if (DealCues.IsSupplyDeal(s, trigger.End) || DealCues.OrdersGoods(s)) return null;
        var orgs = s.Organizations.Select(m => m.Name).Distinct().ToList();
        var investor = s.Subject()?.Name ?? (orgs.Count > 0 ? orgs[0] : s.ImplicitSubject);
        if (investor is null) return null;
        var target = orgs.FirstOrDefault(o => o != investor) ?? article.Coreference.MostSalient(s.Sentence.Index, exclude: investor);
        if (target is null) return null;
        return new Fact { Type = FactTypes.Investment, Investor = investor, Target = target, Confidence = 0.6 };
    }

    private static Mention? Implicit(SentenceView s, string? exclude) =>
        s.ImplicitSubject is { } name && name != exclude ? new Mention(0, 0, name, MentionKind.Organization, MentionSource.Coreference) : null;
}

using System.Text.RegularExpressions;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts.Investment;

/// <summary>What the investment and stake experts read around a deal (<c>deal-lexicon.json</c>): a deal called off, a fee
/// rather than a price, an intent rather than a deal, and a company named only to point at another one.</summary>
public static partial class DealCues
{
    private static readonly CueLexicon Lexicon = CueLexicon.Load("Intelligence.Extraction.Experts.Investment.deal-lexicon.json");
    private static readonly Regex CalledOffRegex = Lexicon.Words("calledOff");
    private static readonly Regex FeeRegex = Lexicon.Words("feeNouns");
    private static readonly Regex IntentRegex = Lexicon.Words("intent");
    private static readonly Regex NotPutInRegex = Lexicon.Words("notPutIn");
    private static readonly Regex OtherFigureRegex = Lexicon.Words("otherFigures");
    private static readonly Regex PlannedRegex = Lexicon.Words("planned");
    private static readonly Regex OwnSiteRegex = Lexicon.Words("ownSites");
    private static readonly Regex CompanySizeRegex = Lexicon.Words("companySize");
    private static readonly Regex SupplyPurposeRegex = Lexicon.Words("supplyPurpose");
    private static readonly Regex GoodsOrderRegex = Lexicon.Words("goodsOrder");

    /// <summary>"OpenAI's planned $3 billion acquisition of Windsurf has been called off": nothing in the sentence was done.</summary>
    public static bool IsCalledOff(SentenceView s)
    {
        foreach (Match m in s.MatchesOf(CalledOffRegex))
        {
            // "Un an après avoir renoncé à l'opération, Covéa a signé…": an earlier abandonment, told as background.
            var before = s.Text.AsSpan(Math.Max(0, m.Index - 20), m.Index - Math.Max(0, m.Index - 20));
            if (!BackgroundBeforeRegex().IsMatch(before)) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\b(?:avoir|after|having|since|depuis|qui\s+avait|which\s+had|had)\s+(?:\p{Ll}+\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BackgroundBeforeRegex();

    /// <summary>"a $144 million breakup fee", "des frais de 20 millions": the amount is a fee (its noun right after it).</summary>
    public static bool IsFee(SentenceView s, MoneyMention money) => NamedAfter(s, money, FeeRegex, LeadRegex()) || NamedBefore(s, money, FeeRegex, FeeOfRegex());

    /// <summary>"$2 billion in a bond sale", "1,2 milliard d'euros de dette", "un prêt de 200 millions", "a $5 billion share
    /// buyback", "$12 billion under management", "spent $4 billion on factories": money borrowed, paid out, written down,
    /// spent or managed, which no one put into a company.</summary>
    public static bool IsNotPutIn(SentenceView s, MoneyMention money) =>
        NamedAfter(s, money, NotPutInRegex, LongLeadRegex()) || NamedBefore(s, money, NotPutInRegex, FeeOfRegex());

    /// <summary>"revenue of $900 million", "un chiffre d'affaires de 80 millions": the amount is the figure the noun before it names.</summary>
    public static bool IsOtherFigure(SentenceView s, MoneyMention money) => NamedBefore(s, money, OtherFigureRegex, FigureOfRegex());

    /// <summary>"Dravon plans to invest $2bn in Quintara", "Vantor prévoit de racheter Orbelle": a plan or an expectation
    /// before the deal word, in its clause, announces no deal yet.</summary>
    public static bool IsPlanned(SentenceView s, int position, int window = 40)
    {
        var from = Math.Max(Cues.ClauseStart(s, position), position - window);
        return from < position && s.IsMatch(PlannedRegex, from, position);
    }

    private static bool NamedAfter(SentenceView s, MoneyMention money, Regex nouns, Regex lead) => NamedAfter(s, money.End, nouns, lead, 40);

    /// <summary>One of <paramref name="nouns"/> within <paramref name="window"/> characters after <paramref name="end"/>,
    /// with only what <paramref name="lead"/> allows between.</summary>
    private static bool NamedAfter(SentenceView s, int end, Regex nouns, Regex lead, int window)
    {
        var m = nouns.Match(s.Text, end, Math.Min(window, s.Text.Length - end));
        return m.Success && lead.IsMatch(s.Text.AsSpan(end, m.Index - end));
    }

    // "a termination fee of $15 million", "une indemnité de rupture de 20 millions": the noun right before it.
    private static bool NamedBefore(SentenceView s, MoneyMention money, Regex nouns, Regex gap)
    {
        var from = Math.Max(0, money.Start - 50);
        Match? last = null;
        foreach (Match m in nouns.Matches(s.Text[..money.Start], from)) last = m;
        return last is not null && gap.IsMatch(s.Text.AsSpan(last.Index + last.Length, money.Start - last.Index - last.Length));
    }

    /// <summary>Between an amount and the noun that names it: a few lower-case words ("in state guarantees", "d'aide"), or
    /// "in" and a programme's name ("in Chips Act grants").</summary>
    [GeneratedRegex(@"^\s*(?:in\s+(?:[\p{L}-]+\s+){0,3}|(?:[\p{Ll}-]+\s+|d'|d’){0,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex LongLeadRegex();

    /// <summary>"in its Toulouse plant", "dans le site Orbelle de Grenoble": the name is the investor's own site, named after
    /// its place, not a company invested in.</summary>
    public static bool IsOwnSite(SentenceView s, Mention m) => NamedAfter(s, m.End, OwnSiteRegex, LeadRegex(), 30);

    /// <summary>"ordered 50 jets from Halvern in a deal worth $6 billion", "a commandé 100 Airbus": goods bought by the count.</summary>
    public static bool OrdersGoods(SentenceView s) => s.IsMatch(GoodsOrderRegex);

    /// <summary>"SoftBank-backed Orvia", "la start-up soutenue par…" aside: a name joined to "-backed/-owned/-led" modifies the
    /// next one, it is not a party of the clause.</summary>
    public static bool IsCompoundModifier(SentenceView s, Mention m) => CompoundModifierRegex().IsMatch(s.Text.AsSpan(m.End));

    [GeneratedRegex(@"^[-‑–](?:backed|owned|controlled|led|funded|based|founded)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CompoundModifierRegex();

    /// <summary>"created Vantor, a $52 billion group": the amount sizes a company, it is no price.</summary>
    public static bool IsCompanySize(SentenceView s, MoneyMention money) =>
        SizeDeterminerRegex().IsMatch(s.Text.AsSpan(Math.Max(0, money.Start - 8), money.Start - Math.Max(0, money.Start - 8))) &&
        NamedAfter(s, money, CompanySizeRegex, ShortLeadRegex());

    [GeneratedRegex(@"\b(?:a|an|the|un|une)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizeDeterminerRegex();

    [GeneratedRegex(@"^\s*(?:[\p{Ll}-]+\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortLeadRegex();

    /// <summary>"a $2 billion deal with Corvane to supply battery cells", "un accord … pour fournir des turbines": the deal
    /// buys or sells something, it puts no money into the other party. Read in the deal word's clause, after it.</summary>
    public static bool IsSupplyDeal(SentenceView s, int dealEnd)
    {
        var end = Math.Min(s.Text.Length, dealEnd + 80);
        var stop = s.Text.IndexOfAny([';', '.'], dealEnd, end - dealEnd);
        return SupplyPurposeRegex.IsMatch(s.Text.AsSpan(dealEnd, (stop < 0 ? end : stop) - dealEnd));
    }

    /// <summary>Between a figure's noun and its amount: "une perte nette de", "annual sales of", "revenue rose to".</summary>
    [GeneratedRegex(@"^\s*(?:(?:net|nette|annual|annuel(?:le)?|operating|op[ée]rationnel(?:le)?|quarterly|trimestriel(?:le)?|totale?|record)\s+)?(?:(?:rose|fell|grew|jumped|climbed|reached|totall?ed|was|were|of|de|d'|à|to|at|atteint|a\s+atteint|s'est\s+[ée]lev[ée]e?\s+à)\s*){0,2}(?:about\s+|around\s+|nearly\s+|some\s+|près\s+de\s+|environ\s+|plus\s+de\s+|more\s+than\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FigureOfRegex();

    [GeneratedRegex(@"^\s*(?:of|de|d'|worth|totaling|totalling|amounting\s+to|d'un\s+montant\s+de)?\s*(?:about\s+|around\s+|some\s+|nearly\s+|environ\s+|près\s+de\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FeeOfRegex();

    /// <summary>"The club is looking to raise $400m": wanted, not done.</summary>
    public static bool IsIntent(SentenceView s, int position, int window = 40) => Cues.Near(IntentRegex, s, position, window);

    [GeneratedRegex(@"^\s*(?:[\p{Ll}-]+\s+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LeadRegex();

    /// <summary>"one of OpenAI's main rivals", "a subsidiary of Vantor", "un concurrent d'OpenAI": the company is named to point
    /// at another one (its rival, its unit, its parent), which is the one a stake or an investment is in.</summary>
    public static bool StandsForAnother(SentenceView s, Mention m) =>
        PossessiveRoleRegex().IsMatch(s.Text.AsSpan(m.End)) ||
        RoleOfRegex().IsMatch(s.Text.AsSpan(Math.Max(0, m.Start - 50), m.Start - Math.Max(0, m.Start - 50)));

    [GeneratedRegex(@"^(?:'s|’s)\s+(?:[\p{Ll}-]+\s+){0,2}(?:rivals?|competitors?|peers?|subsidiar(?:y|ies)|units?|divisions?|parent|affiliates?|spin-?offs?|joint\s+ventures?|suppliers?|customers?|partners?|start-?ups?|businesses|business)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveRoleRegex();

    [GeneratedRegex(@"\b(?:rivals?|competitors?|peers?|subsidiar(?:y|ies)|units?|divisions?|parent|affiliates?|concurrents?|rivale?s?|filiales?|maison\s+m[èe]re|soci[ée]t[ée]\s+m[èe]re|partenaires?|fournisseurs?|clients?)\s+(?:[\p{Ll}-]+\s+){0,2}(?:of|de|d'|du)\s*(?:the\s+|la\s+|le\s+|l')?$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleOfRegex();

    /// <summary>"raised spending by $300 billion", "a relevé son objectif à 2 milliards": an increase of some figure, not money raised.</summary>
    public static bool IsIncrease(SentenceView s, MoneyMention money) =>
        IncreaseBeforeRegex().IsMatch(s.Text.AsSpan(Math.Max(0, money.Start - 60), money.Start - Math.Max(0, money.Start - 60)));

    [GeneratedRegex(@"\b(?:rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|boost(?:s|ed|ing)?|lift(?:s|ed|ing)?|cut(?:s|ting)?|relev[ée]\w*|augment[ée]\w*|relève|augmente)\s+(?:its|their|his|her|the|a|son|sa|ses|leur|leurs|le|la|les)?\s*(?:[\p{Ll}-]+\s+){1,3}(?:by|to|of|de|à)\s+(?:about\s+|around\s+|nearly\s+|more\s+than\s+|près\s+de\s+|environ\s+|plus\s+de\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IncreaseBeforeRegex();
}

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
    public static bool IsFee(SentenceView s, MoneyMention money)
    {
        var length = Math.Min(40, s.Text.Length - money.End);
        var m = FeeRegex.Match(s.Text, money.End, length);
        if (m.Success && LeadRegex().IsMatch(s.Text.AsSpan(money.End, m.Index - money.End))) return true;
        // "a termination fee of $15 million", "une indemnité de rupture de 20 millions": the fee noun right before it.
        var from = Math.Max(0, money.Start - 50);
        Match? last = null;
        foreach (Match fee in FeeRegex.Matches(s.Text[..money.Start], from)) last = fee;
        return last is not null && FeeOfRegex().IsMatch(s.Text.AsSpan(last.Index + last.Length, money.Start - last.Index - last.Length));
    }

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

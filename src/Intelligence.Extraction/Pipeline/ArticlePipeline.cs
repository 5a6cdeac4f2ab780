using Intelligence.Domain.Languages;
using Intelligence.Extraction.Entities;
using Intelligence.Extraction.Normalization;
using Intelligence.Extraction.Text;

namespace Intelligence.Extraction.Pipeline;

/// <summary>Turns an article into the sentence views the router and experts read: normalize, split, detect the
/// language, find amounts and dates (the article's currency and reference date come from them, the date of publication
/// standing in for a text that names none), then mentions with
/// coreference in reading order. Table rows become one virtual sentence per cell.</summary>
public sealed class ArticlePipeline(MentionFinder mentions)
{
    public (List<Sentence> Sentences, List<SentenceView> Views, ArticleContext Context) Build(string text, string? languageHint, DateOnly? published = null)
    {
        var normalized = TextNormalizer.Normalize(text);
        var sentences = SentenceSplitter.Split(normalized);
        var language = NormalizeLanguage(languageHint) ?? Detect(normalized);

        var units = Units(sentences);
        var money = new List<MoneyMention>[units.Count];
        var dates = new List<DateMention>[units.Count];
        var currencies = new Dictionary<string, int>();
        DateMention? latest = null;
        for (var i = 0; i < units.Count; i++)
        {
            money[i] = MoneyParser.Find(units[i].Text, language);
            dates[i] = DateParser.Find(units[i].Text);
            foreach (var m in money[i]) if (m.Currency is { } c) currencies[c] = currencies.GetValueOrDefault(c) + 1;
            foreach (var d in dates[i])
                if (d.Month is not null && (latest is null || (d.Year, d.Month) .CompareTo((latest.Year, latest.Month)) > 0)) latest = d;
        }
        var context = new ArticleContext
        {
            OriginalText = text,
            Language = language,
            DefaultCurrency = currencies.Count == 0 ? "USD" : currencies.MaxBy(kv => kv.Value).Key,
            ReferenceDate = latest is null ? published : new DateOnly(latest.Year, latest.Month!.Value, latest.Day ?? 1),
            Coreference = new Coreference(),
        };

        var views = new List<SentenceView>(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            var (sentence, unitText, isVirtual) = units[i];
            var implicitSubject = context.Coreference.MostSalient(sentence.Index);
            var found = mentions.Find(unitText, sentence.Index, context.Coreference);
            context.Coreference.Observe(sentence.Index, found, unitText);
            foreach (var m in found)
                if (m.IsOrganization) context.OrganizationNames.Add(m.Name);
            views.Add(new SentenceView
            {
                Sentence = sentence, Text = unitText, Language = language, Mentions = found, Money = money[i],
                Percents = PercentParser.Find(unitText), ReferenceDate = context.ReferenceDate,
                Dates = dates[i], IsVirtual = isVirtual, ImplicitSubject = implicitSubject,
            });
        }
        context.Views = views;
        return (sentences, views, context);
    }

    /// <summary>The experts read French or English: a text with no evidence either way is read as English.</summary>
    private static string Detect(string text) =>
        LanguageDetector.Detect(text) is LanguageDetector.French ? LanguageDetector.French : LanguageDetector.English;

    private static string? NormalizeLanguage(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint)) return null;
        var h = hint.Trim().ToLowerInvariant();
        return h.StartsWith("fr", StringComparison.Ordinal) ? "fr" : h.StartsWith("en", StringComparison.Ordinal) ? "en" : null;
    }

    /// <summary>Sentences as analysis units; a table's data rows expand to "column header : row label : cell".</summary>
    private static List<(Sentence Sentence, string Text, bool IsVirtual)> Units(List<Sentence> sentences)
    {
        var units = new List<(Sentence, string, bool)>(sentences.Count);
        string[]? header = null;
        for (var i = 0; i < sentences.Count; i++)
        {
            var s = sentences[i];
            if (!s.IsTableRow) { header = null; units.Add((s, s.Text, false)); continue; }
            var cells = Cells(s.Text);
            if (cells.All(c => c.Length == 0 || c.All(ch => ch is '-' or ':' or ' '))) continue;
            // A first row with figures in it is data, not a header: read such rows whole ("Q1 2025 | capex | $21.4bn").
            if (header is null && !cells.Skip(1).Any(c => c.AsSpan().ContainsAnyInRange('0', '9'))) { header = cells; continue; }
            if (header is null) { units.Add((s, string.Join(" : ", cells), true)); continue; }
            if (cells.Length == 1) { units.Add((s, cells[0], true)); continue; }
            var label = cells[0];
            if (PeriodParser.FromHeader(label) is { Length: 4 } labelYear) label = "en " + labelYear;
            for (var j = 1; j < cells.Length; j++)
            {
                if (cells[j].Length == 0) continue;
                var column = j < header.Length ? header[j] : "";
                if (PeriodParser.FromHeader(column) is { } period && period.Length == 4) column = "en " + period;
                var text = column.Length == 0 ? $"{label} : {cells[j]}" : $"{column} : {label} : {cells[j]}";
                units.Add((s, text, true));
            }
        }
        return units;
    }

    private static string[] Cells(string row)
    {
        var trimmed = row.Trim();
        if (trimmed.StartsWith('|')) trimmed = trimmed[1..];
        if (trimmed.EndsWith('|')) trimmed = trimmed[..^1];
        return trimmed.Split('|').Select(c => c.Trim()).ToArray();
    }
}

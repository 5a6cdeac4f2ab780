using System.Text;
using Intelligence.Server.Articles.Viewing;

namespace Intelligence.Server.Tests.Infrastructure;

/// <summary>
/// French news pages as an older site serves them: windows-1252 bytes and no meta charset, so only the HTTP header
/// (or, for a file, the bytes themselves) tells the encoding. Accents, curly quotes, guillemets and the euro sign
/// (0x80, which ISO-8859-1 does not have) all have to come through.
/// </summary>
public static class FrenchPages
{
    static FrenchPages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Dictionary<string, (string Title, string[] Paragraphs)> Pages = new()
    {
        ["depenses"] = ("Dépenses records pour le géant de Redmond", [
            "Le géant de Redmond a dépensé 37,5 milliards de dollars en un trimestre : ça coûte très cher, à l’évidence, et les marchés s’en inquiètent.",
            "Les investisseurs redoutent « déjà » l’effet de ces dépenses sur les marges — et sur le cours de l’action, qui a reculé de 4 % après l’annonce.",
            "Selon la direction financière, l’essentiel de l’enveloppe a été consacré aux centres de données et aux puces, dont la pénurie freine la croissance du cloud.",
        ]),
        ["pertes"] = ("Des pertes abyssales attendues chez OpenAI", [
            "Selon des documents consultés par plusieurs investisseurs, la start-up prévoit une perte de 14 milliards de dollars en 2026, soit près de 12 milliards d’euros.",
            "Ce chiffre, révélé à l’été, illustre le coût colossal de la course à l’intelligence artificielle : chaque modèle coûte désormais des centaines de millions.",
            "Ses dirigeants assurent que les revenus, portés par les abonnements et les entreprises, rattraperont les dépenses « d’ici la fin de la décennie ».",
        ]),
    };

    public static byte[] Windows1252(string name) => Encoding.GetEncoding("windows-1252").GetBytes(Html(name));

    public static string Html(string name)
    {
        var (title, paragraphs) = Pages[name];
        return $"<!DOCTYPE html><html lang=\"fr\"><head><title>{title} – Le Quotidien</title></head><body>" +
               $"<nav><a href=\"/\">Accueil</a> <a href=\"/eco\">Économie</a></nav><article><h1>{title}</h1>" +
               string.Concat(paragraphs.Select(p => $"<p>{p}</p>")) +
               "</article><footer>© Le Quotidien — tous droits réservés</footer></body></html>";
    }

    public static void AssertReadCorrectly(ArticleView article, string name)
    {
        var (title, paragraphs) = Pages[name];
        Assert.DoesNotContain('\uFFFD', article.Text);
        Assert.Equal(title, article.Title);
        foreach (var paragraph in paragraphs) Assert.Contains(paragraph, article.Text);
        Assert.Equal("fr", article.Language);
    }
}

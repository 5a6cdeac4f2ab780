using Intelligence.Domain.Facts;

namespace Intelligence.Extraction.Tests.Experts;

/// <summary>Wordings of real news the experts used to miss, one rule each, in both languages where it applies.</summary>
public class RecallTests
{
    private static readonly Summarizer Summarizer = Summarizer.CreateDefault();

    private static List<Fact> Facts(string text, string type) => Summarizer.Analyze(text).Facts.Where(f => f.Type == type).ToList();

    [Theory]
    [InlineData("Ruoming Pang, qui pilotait l'équipe des modèles de fondation, a quitté Apple pour rejoindre Meta.")]
    [InlineData("Ruoming Pang, who ran the foundation models team, has left Apple for Meta.")]
    public void A_person_set_off_by_a_relative_clause_is_the_subject_of_the_move(string text)
    {
        var moves = Facts(text, FactTypes.Personnel).Select(f => (f.Person, f.Change, f.Company)).ToList();
        Assert.Contains(("Ruoming Pang", "left", "Apple"), moves);
        Assert.Contains(("Ruoming Pang", "joined", "Meta"), moves);
    }
}

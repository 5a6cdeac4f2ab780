using Intelligence.Domain.Facts;
using Intelligence.Extraction.Pipeline;

namespace Intelligence.Extraction.Experts;

/// <summary>One fact family. <see cref="Gate"/> is the cheap feature score the router uses; <see cref="Extract"/>
/// runs only on the sentences the router sends.</summary>
public interface IExpert
{
    string Name { get; }
    double Gate(SentenceView sentence);
    IEnumerable<Fact> Extract(SentenceView sentence, ArticleContext article);
}

namespace Intelligence.Extraction.Entities;

public enum MentionKind { Organization, Person, Product, Media }

/// <summary>How a mention was found: by the alias table, guessed from the text's shape, or resolved from an anaphor.</summary>
public enum MentionSource { Catalog, Guess, Coreference }

/// <summary>An entity mention in a sentence: span relative to the sentence text, canonical name.</summary>
public sealed record Mention(int Start, int End, string Name, MentionKind Kind, MentionSource Source, Entity? Entity = null)
{
    public bool IsOrganization => Kind == MentionKind.Organization;
    public double Reliability => Source switch { MentionSource.Catalog => 1.0, MentionSource.Coreference => 0.8, _ => 0.7 };
}

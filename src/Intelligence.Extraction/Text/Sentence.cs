namespace Intelligence.Extraction.Text;

/// <summary>A sentence (or a table row) of an article: its index, its span in the article, and its normalized text.</summary>
public sealed record Sentence(int Index, int Start, int End, int Paragraph, string Text, bool IsTableRow)
{
    public int Length => End - Start;
}

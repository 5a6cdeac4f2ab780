namespace Intelligence.Extraction.Normalization;

public static class Years
{
    /// <summary>Whether the text has "19" or "20" followed by two digits: the cheap necessary condition of every pattern
    /// that needs a year ("(?:19|20)\d{2}"), checked before running it. Digits as the patterns' \d: any Unicode digit.</summary>
    public static bool MayContain(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (true)
        {
            var next = text[i..].IndexOfAny('1', '2');
            if (next < 0) return false;
            i += next;
            if (i + 3 >= text.Length) return false;
            if ((text[i] == '1' ? text[i + 1] == '9' : text[i + 1] == '0') && char.IsDigit(text[i + 2]) && char.IsDigit(text[i + 3])) return true;
            i++;
        }
    }
}

using System.Globalization;

namespace Intelligence.Extraction.Normalization;

/// <summary>Parses a number written the French way ("37,5", "6 144") or the English way ("37.5", "6,144").</summary>
public static class NumberParser
{
    public static bool TryParse(ReadOnlySpan<char> raw, out decimal value)
    {
        value = 0;
        if (raw.IsEmpty || raw.Length > 40) return false;
        var decimalAt = DecimalSeparatorIndex(raw);
        Span<char> buffer = stackalloc char[raw.Length];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsAsciiDigit(c)) buffer[length++] = c;
            else if (i == decimalAt) buffer[length++] = '.';
            else if (c is not (',' or '.' or ' ')) return false;
        }
        return length > 0 && buffer[0] != '.' &&
               decimal.TryParse(buffer[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Index of the decimal separator, or -1: with both ',' and '.', the last one; a separator used twice
    /// groups thousands; a lone separator followed by exactly three digits groups thousands ("6,144", "1.500").</summary>
    private static int DecimalSeparatorIndex(ReadOnlySpan<char> raw)
    {
        var lastComma = raw.LastIndexOf(',');
        var lastDot = raw.LastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0) return Math.Max(lastComma, lastDot);
        var last = Math.Max(lastComma, lastDot);
        if (last < 0) return -1;
        var separator = raw[last];
        if (raw.IndexOf(separator) != last) return -1;
        var digitsAfter = raw.Length - last - 1;
        var integerPart = raw[..last].Trim();
        var groupsThousands = digitsAfter == 3 && integerPart.Length is >= 1 and <= 3 && integerPart[0] != '0' && raw.IndexOf(' ') < 0;
        return groupsThousands ? -1 : last;
    }
}

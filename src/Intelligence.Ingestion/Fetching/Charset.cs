using System.Text;
using System.Text.RegularExpressions;

namespace Intelligence.Ingestion.Fetching;

/// <summary>
/// Picks the encoding of a body: BOM, then the HTTP header charset, then &lt;meta charset&gt; or the XML
/// declaration, then UTF-8 if the bytes are valid UTF-8, else windows-1252 (what browsers assume for old French pages).
/// </summary>
public static partial class Charset
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static Charset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, Encoding Encoding) Decode(ReadOnlySpan<byte> body, string? headerCharset)
    {
        var encoding = FromBom(body, out var bomLength)
            ?? Lookup(headerCharset)
            ?? Lookup(Declared(body))
            ?? (IsValidUtf8(body) ? Encoding.UTF8 : Lookup("windows-1252")!);
        return (encoding.GetString(body[bomLength..]), encoding);
    }

    /// <summary>An encoding by label; ISO-8859-1/latin1/us-ascii mean windows-1252 as in the WHATWG Encoding standard.</summary>
    public static Encoding? Lookup(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (name is "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "x-cp1252")
            name = "windows-1252";
        if (name is "utf8") name = "utf-8";
        try
        {
            var encoding = Encoding.GetEncoding(name);
            // UTF-16 declared inside an 8-bit document is a lie the bytes already disproved.
            return encoding is UnicodeEncoding ? null : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? FromBom(ReadOnlySpan<byte> body, out int length)
    {
        length = 0;
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) { length = 3; return Encoding.UTF8; }
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { length = 2; return Encoding.Unicode; }
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { length = 2; return Encoding.BigEndianUnicode; }
        return null;
    }

    /// <summary>The charset named in the first 2 KiB: &lt;meta charset&gt;, http-equiv content-type, or &lt;?xml encoding?&gt;.</summary>
    private static string? Declared(ReadOnlySpan<byte> body)
    {
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, 2048)]);
        var match = MetaCharset().Match(head);
        if (match.Success) return match.Groups["charset"].Value;
        match = XmlEncoding().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> body)
    {
        try
        {
            StrictUtf8.GetCharCount(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*(?<charset>[\w:.-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();

    [GeneratedRegex(@"<\?xml[^>]+encoding\s*=\s*[""'](?<charset>[\w:.-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlEncoding();
}

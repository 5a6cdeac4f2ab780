using System.Text;
using System.Text.RegularExpressions;

namespace Intelligence.Ingestion.Fetching;

/// <summary>
/// Picks the encoding of a body: BOM, then the HTTP header charset, then &lt;meta charset&gt; or the XML
/// declaration, then UTF-8 if the bytes are valid UTF-8, else windows-1252 (what browsers assume for old French pages).
/// A declared single- or double-byte charset gives way to UTF-8 when the bytes hold UTF-8 multi-byte sequences and
/// nothing else: a page re-saved as UTF-8 keeps its old meta, while legacy text almost never forms valid UTF-8.
/// </summary>
public static partial class Charset
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static Charset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, Encoding Encoding) Decode(ReadOnlySpan<byte> body, string? headerCharset)
    {
        var encoding = FromBom(body, out var bomLength)
            ?? Lookup(headerCharset)
            ?? DeclaredUnlessUtf8(body)
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

    private static Encoding? DeclaredUnlessUtf8(ReadOnlySpan<byte> body)
    {
        var declared = Lookup(Declared(body));
        if (declared is null or UTF8Encoding) return declared;
        return body.ContainsAnyInRange((byte)0x80, (byte)0xFF) && IsValidUtf8(body) ? Encoding.UTF8 : declared;
    }

    /// <summary>How far into the page a charset declaration is looked for: pages put long scripts and styles before it.</summary>
    private const int DeclarationWindow = 16 * 1024;

    /// <summary>The charset named in the page's head (up to <c>&lt;body</c>, at most <see cref="DeclarationWindow"/> bytes):
    /// &lt;meta charset&gt;, http-equiv content-type, or &lt;?xml encoding?&gt;.</summary>
    private static string? Declared(ReadOnlySpan<byte> body)
    {
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, DeclarationWindow)]);
        var bodyStart = head.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        if (bodyStart >= 0) head = head[..bodyStart];
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

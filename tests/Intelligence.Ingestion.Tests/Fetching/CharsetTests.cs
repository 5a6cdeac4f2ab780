using System.Text;
using Intelligence.Ingestion.Fetching;

namespace Intelligence.Ingestion.Tests.Fetching;

/// <summary>Which encoding a page without an HTTP charset is read with: its head's declaration, unless the bytes say UTF-8.</summary>
public sealed class CharsetTests
{
    static CharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Polish = "Łódź: spółka zwiększyła udział do 30 proc.";

    private static byte[] Page(string head, string body, Encoding encoding) =>
        encoding.GetBytes($"<html><head>{head}</head><body><p>{body}</p></body></html>");

    [Fact]
    public void A_meta_charset_after_long_scripts_in_the_head_is_honoured()
    {
        var scripts = "<script>" + new string('x', 3000) + "</script>";
        var bytes = Page(scripts + "<meta charset=\"windows-1250\">", Polish, Encoding.GetEncoding("windows-1250"));

        var (text, encoding) = Charset.Decode(bytes, headerCharset: null);

        Assert.Equal("windows-1250", encoding.WebName);
        Assert.Contains(Polish, text);
    }

    [Fact]
    public void A_page_resaved_as_utf8_under_its_old_meta_is_read_as_utf8()
    {
        const string chinese = "腾讯公司今天发布了新的季度财报";
        var bytes = Page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", chinese, Encoding.UTF8);

        var (text, encoding) = Charset.Decode(bytes, headerCharset: null);

        Assert.Equal("utf-8", encoding.WebName);
        Assert.Contains(chinese, text);
    }

    [Fact]
    public void Legacy_bytes_under_their_meta_keep_the_declared_charset()
    {
        const string french = "Dépenses « records » à l’été";
        var bytes = Page("<meta charset=\"windows-1252\">", french, Encoding.GetEncoding("windows-1252"));

        var (text, encoding) = Charset.Decode(bytes, headerCharset: null);

        Assert.Equal("windows-1252", encoding.WebName);
        Assert.Contains(french, text);
    }

    [Fact]
    public void A_charset_quoted_in_the_body_is_not_a_declaration()
    {
        const string french = "Dépenses records";
        var bytes = Page("<title>t</title>", french + " &lt;meta charset=\"koi8-r\"&gt; <meta charset=\"koi8-r\">", Encoding.GetEncoding("windows-1252"));

        var (text, encoding) = Charset.Decode(bytes, headerCharset: null);

        Assert.Equal("windows-1252", encoding.WebName);
        Assert.Contains(french, text);
    }
}

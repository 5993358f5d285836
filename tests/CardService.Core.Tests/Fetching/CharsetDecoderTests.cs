using System.Text;
using CardService.Core.Fetching;
using CardService.Core.Tests.Meta.Corpus;

namespace CardService.Core.Tests.Fetching;

public sealed class CharsetDecoderTests
{
    static CharsetDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Page(string charsetMeta, string body, Encoding encoding) =>
        encoding.GetBytes($"<!doctype html><html><head>{charsetMeta}<title>{body}</title></head><body></body></html>");

    private static byte[] Corpus(string page) => File.ReadAllBytes(Path.Combine(CorpusLocator.PagesDirectory(), page + ".html"));

    [Theory]
    [InlineData("shift_jis", 932, "Shift_JIS", "日本語のページ")]
    [InlineData("gbk", 936, "GBK", "中文网页标题")]
    [InlineData("gb2312", 936, "GBK", "简体中文")]
    [InlineData("euc-kr", 949, "EUC-KR", "한국어 페이지")]
    [InlineData("big5", 950, "Big5", "繁體中文")]
    [InlineData("euc-jp", 51932, "EUC-JP", "日本語")]
    [InlineData("windows-1251", 1251, "windows-1251", "Привет, мир")]
    [InlineData("windows-1252", 1252, "windows-1252", "Café – naïve")]
    [InlineData("iso-8859-1", 1252, "windows-1252", "Café crème")]
    public void Decode_LegacyMetaCharset_DecodesWithThatEncoding(string label, int codePage, string expectedName, string text)
    {
        var bytes = Page($"<meta charset=\"{label}\">", text, Encoding.GetEncoding(codePage));

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.Contains(text, sut.Text, StringComparison.Ordinal);
        Assert.Equal(expectedName, sut.EncodingName);
        Assert.Equal(CharsetSource.Meta, sut.Source);
        Assert.Equal(label, sut.DeclaredCharset);
        Assert.True(sut.DeclaredInFirst1024Bytes);
        Assert.False(sut.DeclarationOverridden);
    }

    [Fact]
    public void Decode_HttpEquivContentType_IsFoundByThePrescan()
    {
        var bytes = Page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">", "テスト", Encoding.GetEncoding(932));

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.Equal(("Shift_JIS", "Shift_JIS"), (sut.MetaCharset, sut.EncodingName));
        Assert.Contains("テスト", sut.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_HeaderAndMetaDisagree_HeaderWins()
    {
        var bytes = Page("<meta charset=\"windows-1251\">", "Café", Encoding.GetEncoding(1252));

        var sut = CharsetDecoder.Decode(bytes, "text/html; charset=\"ISO-8859-1\"");

        Assert.Equal(CharsetSource.ContentType, sut.Source);
        Assert.Equal(("ISO-8859-1", "windows-1251"), (sut.HeaderCharset, sut.MetaCharset));
        Assert.Equal("ISO-8859-1", sut.DeclaredCharset);
        Assert.Contains("Café", sut.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "UTF-8")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "UTF-16LE")]
    [InlineData(new byte[] { 0xFE, 0xFF }, "UTF-16BE")]
    public void Decode_Bom_WinsOverHeaderAndMeta(byte[] bom, string expectedName)
    {
        var encoding = expectedName switch { "UTF-16LE" => Encoding.Unicode, "UTF-16BE" => Encoding.BigEndianUnicode, _ => new UTF8Encoding(false) };
        var bytes = bom.Concat(Page("<meta charset=\"windows-1252\">", "Grüße", encoding)).ToArray();

        var sut = CharsetDecoder.Decode(bytes, "text/html; charset=shift_jis");

        Assert.Equal((CharsetSource.Bom, expectedName), (sut.Source, sut.EncodingName));
        Assert.True(sut.HasBom);
        Assert.StartsWith("<!doctype", sut.Text, StringComparison.Ordinal);
        Assert.Contains("Grüße", sut.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LyingDeclarationButValidUtf8_ReadsUtf8AndSaysSo()
    {
        var bytes = Page("<meta charset=\"gbk\">", "乳白亚克力外壳", Encoding.UTF8);

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.Equal(("UTF-8", CharsetSource.SniffedUtf8), (sut.EncodingName, sut.Source));
        Assert.True(sut.DeclarationOverridden);
        Assert.Equal(("gbk", "GBK"), (sut.DeclaredCharset, sut.DeclaredEncodingName));
        Assert.Contains("乳白亚克力外壳", sut.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AsciiOnlyPageDeclaringLatin1_KeepsTheDeclaration()
    {
        var bytes = Page("<meta charset=\"iso-8859-1\">", "Plain", Encoding.ASCII);

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.Equal(("windows-1252", CharsetSource.Meta), (sut.EncodingName, sut.Source));
        Assert.False(sut.DeclarationOverridden);
    }

    [Fact]
    public void Decode_NothingDeclaredNotUtf8_FallsBackToWindows1252()
    {
        var bytes = Page(string.Empty, "Café", Encoding.GetEncoding(1252));

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.Equal(("windows-1252", CharsetSource.Default), (sut.EncodingName, sut.Source));
        Assert.Null(sut.DeclaredCharset);
        Assert.Contains("Café", sut.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownLabel_IsRecordedAndIgnored()
    {
        var bytes = Page("<meta charset=\"klingon\">", "Café", Encoding.UTF8);

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.True(sut.DeclaredLabelUnknown);
        Assert.Equal(("UTF-8", CharsetSource.SniffedUtf8), (sut.EncodingName, sut.Source));
    }

    [Fact]
    public void Decode_MetaPast1024Bytes_IsUsedButFlagged()
    {
        var padding = "<!-- " + new string('x', 1100) + " -->";
        var bytes = Encoding.GetEncoding(1251).GetBytes($"<html><head>{padding}<meta charset=\"windows-1251\"><title>Привет</title></head></html>");

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.Equal("windows-1251", sut.EncodingName);
        Assert.False(sut.DeclaredInFirst1024Bytes);
        Assert.Contains("Привет", sut.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MetaInsideCommentOrScriptString_IsNotADeclaration()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes("<html><head><!-- <meta charset=\"shift_jis\"> --><script data-x='<meta charset=\"euc-kr\">'></script><title>Café</title></head></html>");

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.Null(sut.MetaCharset);
        Assert.Equal("windows-1252", sut.EncodingName);
    }

    [Fact]
    public void Decode_MetaDeclaresUtf16_ReadsUtf8()
    {
        var bytes = Page("<meta charset=\"utf-16\">", "Grüße", Encoding.UTF8);

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.Equal("UTF-8", sut.EncodingName);
        Assert.Contains("Grüße", sut.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Utf8CutInsideASequence_IsStillUtf8()
    {
        var bytes = Page(string.Empty, "日本", Encoding.UTF8).Concat(new byte[] { 0xE6, 0x97 }).ToArray();

        var sut = CharsetDecoder.Decode(bytes, null);

        Assert.True(sut.IsValidUtf8);
        Assert.Equal("UTF-8", sut.EncodingName);
    }

    [Theory]
    [InlineData("ogs-taobao", "gbk", "乳白亚克力外壳")]
    [InlineData("ogs-darkreading", "iso-8859-1", null)]
    [InlineData("ogs-thinkgeek", "iso-8859-1", null)]
    public void Decode_CorpusPagesDeclaringLegacyButUtf8_ReadAsUtf8(string page, string declared, string? snippet)
    {
        var sut = CharsetDecoder.Decode(Corpus(page), null);

        Assert.Equal("UTF-8", sut.EncodingName);
        Assert.Equal(declared, sut.DeclaredCharset?.ToLowerInvariant());
        Assert.True(sut.DeclarationOverridden);
        // Decoding is lossless: the text re-encodes to the same bytes (taobao itself holds two U+FFFD).
        Assert.Equal(Corpus(page), Encoding.UTF8.GetBytes(sut.Text));
        if (snippet is not null)
        {
            Assert.Contains(snippet, sut.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decode_CorpusShiftJisPage_ReadsShiftJis()
    {
        var sut = CharsetDecoder.Decode(Corpus("ogs-abehiroshi"), null);

        Assert.Equal(("Shift_JIS", CharsetSource.Meta), (sut.EncodingName, sut.Source));
        Assert.False(sut.IsValidUtf8);
        Assert.Contains("阿部寛", sut.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html; charset=UTF-8", "UTF-8")]
    [InlineData("text/html;charset=\"gbk\"", "gbk")]
    [InlineData("text/html; Charset = 'shift_jis' ; q=1", "shift_jis")]
    [InlineData("text/html", null)]
    [InlineData(null, null)]
    public void CharsetFromContentType_Values_ReadsTheParameter(string? contentType, string? expected)
    {
        Assert.Equal(expected, CharsetDecoder.CharsetFromContentType(contentType));
    }
}

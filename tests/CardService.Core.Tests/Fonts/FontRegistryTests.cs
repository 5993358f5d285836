using CardService.Core.Cards;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Fonts;

public class FontRegistryTests
{
    [Fact]
    public void OpenFaceCount_LatinThenCjkRender_OpensCjkOnlyWhenNeeded()
    {
        using var sut = TestFonts.CreateFresh();
        var renderer = new CardRenderer(sut);
        var before = sut.OpenFaceCount;

        renderer.Render(new CardSpecBuilder().WithTitle("Plain Latin title").WithCategory("notes").WithFooter("example.dev", "Ada", "2024-01-02").Build());
        var afterLatin = sut.OpenFaceCount;
        renderer.Render(new CardSpecBuilder().WithTitle("日本語のタイトル").Build());
        var afterCjk = sut.OpenFaceCount;

        Assert.Equal(2, before);
        Assert.Equal(2, afterLatin);
        // Noto Sans (tried first for anything Inter lacks) and one CJK face (Japanese, bold); no emoji, no other script.
        Assert.Equal(4, afterCjk);
    }

    [Fact]
    public void OpenFaceCount_EmojiTitle_OpensTheEmojiFace()
    {
        using var sut = TestFonts.CreateFresh();

        new CardRenderer(sut).Render(new CardSpecBuilder().WithTitle("Ship it 🚀").Build());

        Assert.Equal(3, sut.OpenFaceCount);
    }

    [Theory]
    [InlineData('A', "Inter-Bold")]
    [InlineData('ж', "Inter-Bold")]
    [InlineData('ب', "NotoSansArabic-Bold")]
    [InlineData('א', "NotoSansHebrew-Bold")]
    [InlineData('क', "NotoSansDevanagari-Bold")]
    [InlineData('ก', "NotoSansThai-Bold")]
    [InlineData('中', "NotoSansCJK-Bold.ttc#2")]
    public void FindText_CodePoint_FirstFaceInTheChainThatDrawsIt(char c, string face)
    {
        var sut = TestFonts.Registry;

        var found = sut.FindText(c, FontWeight.Bold, CjkVariant.SimplifiedChinese);

        Assert.NotNull(found);
        Assert.StartsWith(face, found.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x1D11E)]
    [InlineData(0xE000)]
    [InlineData(0xF8FF)]
    public void FindText_NoBundledFontDrawsIt_Null(int codePoint)
    {
        Assert.Null(TestFonts.Registry.FindText(codePoint, FontWeight.Regular, CjkVariant.Japanese));
    }

    [Fact]
    public void Constructor_FolderWithoutFonts_ThrowsNamingTheMissingFiles()
    {
        var folder = Directory.CreateTempSubdirectory("cardfonts-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => new FontRegistry(new FontOptions { Directory = folder }));

            Assert.Contains("Inter-Regular.otf", error.Message, StringComparison.Ordinal);
            Assert.Contains("NotoColorEmoji.ttf", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

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

    [Fact]
    public void FindText_BrandTitleFont_DrawsBoldTextBeforeInterAndLeavesOtherScriptsToTheChain()
    {
        using var sut = new FontRegistry(new FontOptions { Title = WoffFile.BundledFont("NotoSans-Bold.ttf") });

        Assert.Equal("NotoSans-Bold.ttf", sut.FindText('A', FontWeight.Bold, CjkVariant.Japanese)!.Name);
        Assert.Equal("NotoSans-Bold.ttf", sut.Primary(FontWeight.Bold).Name);
        Assert.StartsWith("Inter-Regular", sut.FindText('A', FontWeight.Regular, CjkVariant.Japanese)!.Name, StringComparison.Ordinal);
        Assert.StartsWith("NotoSansHebrew-Bold", sut.FindText('א', FontWeight.Bold, CjkVariant.Japanese)!.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BrandFontAsWoff_DrawsTheSameCardAsItsTtfAndNotTheDefaultOne()
    {
        var folder = Directory.CreateTempSubdirectory("brandwoff-").FullName;
        try
        {
            var ttf = WoffFile.BundledFont("NotoSans-Bold.ttf");
            var woff = Path.Combine(folder, "brand.woff");
            File.WriteAllBytes(woff, WoffFile.FromSfnt(File.ReadAllBytes(ttf)));
            var spec = new CardSpecBuilder().WithTitle("Brand fonts, drawn from a WOFF").WithCategory("Typography").WithFooter("example.dev", "Ada", "2024-01-02").Build();

            using var fromTtf = new FontRegistry(new FontOptions { Title = ttf, Body = WoffFile.BundledFont("NotoSans-Regular.ttf") });
            using var fromWoff = new FontRegistry(new FontOptions { Title = woff, Body = WoffFile.BundledFont("NotoSans-Regular.ttf") });
            var ttfCard = new CardRenderer(fromTtf).Render(spec);
            var woffCard = new CardRenderer(fromWoff).Render(spec);
            var defaultCard = new CardRenderer(TestFonts.Registry).Render(spec);

            Assert.Equal(ttfCard.Bytes.ToArray(), woffCard.Bytes.ToArray());
            Assert.NotEqual(defaultCard.Bytes.ToArray(), woffCard.Bytes.ToArray());
            Assert.Empty(woffCard.MissingCodePoints);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BrandIdentity_ChangesWithTheFontsAndTheirRolesButNotTheirPath()
    {
        var folder = Directory.CreateTempSubdirectory("brandid-").FullName;
        try
        {
            var bold = WoffFile.BundledFont("NotoSans-Bold.ttf");
            var regular = WoffFile.BundledFont("NotoSans-Regular.ttf");
            var copy = Path.Combine(folder, "copy.ttf");
            File.Copy(bold, copy);
            string Identity(string? title, string? body)
            {
                using var registry = new FontRegistry(new FontOptions { Title = title, Body = body });
                return registry.BrandIdentity;
            }

            Assert.Equal(string.Empty, TestFonts.Registry.BrandIdentity);
            var brand = Identity(bold, regular);
            Assert.NotEqual(string.Empty, brand);
            Assert.Equal(brand, Identity(copy, regular));
            Assert.NotEqual(brand, Identity(regular, bold));
            Assert.NotEqual(brand, Identity(bold, null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Render_WithBrandFonts_GivesAnotherETagThanTheBundledFonts()
    {
        using var sut = new FontRegistry(new FontOptions { Title = WoffFile.BundledFont("NotoSans-Bold.ttf") });
        var spec = new CardSpecBuilder().WithTitle("Same fields").Build();

        var branded = new CardRenderer(sut).Render(spec);

        Assert.NotEqual(CardRenderer.ETagFor(spec), branded.ETag);
        Assert.Equal(CardRenderer.ETagFor(spec, sut.BrandIdentity), branded.ETag);
        Assert.Equal(CardRenderer.ETagFor(spec), new CardRenderer(TestFonts.Registry).Render(spec).ETag);
    }

    [Fact]
    public void Constructor_BrandFontNotAFont_ThrowsNamingTheSettingAndTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a font");

            var error = Assert.Throws<InvalidDataException>(() => new FontRegistry(new FontOptions { Body = path }));

            Assert.Equal($"Fonts:Body: '{path}' is not a TTF, OTF or WOFF font (its first bytes are no font signature).", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using CardService.Core.Cards;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Cards;

public class CardImagesTests
{
    private static readonly string Bomb = TestPictures.DataUri(TestPictures.PngHeaderOnly(50_000, 50_000));

    [Fact]
    public void Check_SmallPng_IsUsable()
    {
        Assert.Null(CardImages.Check(TestPictures.LogoDataUri()));
    }

    [Fact]
    public void Check_PngDeclaring50000By50000_IsRefusedFromItsHeader()
    {
        var problem = CardImages.Check(Bomb);

        Assert.NotNull(problem);
        Assert.Contains("50000×50000", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HeaderOnlyPngOfAllowedSize_IsNotRefusedForItsSize()
    {
        // The hand-made header is read like a real one: the same bytes at 100×100 pass the size check.
        Assert.Null(CardImages.Check(TestPictures.DataUri(TestPictures.PngHeaderOnly(100, 100))));
    }

    [Theory]
    [InlineData("https://example.com/logo.png", "Not a data: URI")]
    [InlineData("data:image/png,rawbytes", "base64-encoded")]
    [InlineData("data:image/png;base64,@@@", "not valid base64")]
    [InlineData("data:image/png;base64,aGVsbG8gd29ybGQ=", "not a PNG")]
    public void Check_NotAnImage_SaysWhy(string dataUri, string expected)
    {
        Assert.Contains(expected, CardImages.Check(dataUri), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=")]
    [InlineData("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>")]
    [InlineData("data:image/png;base64,PD94bWwgdmVyc2lvbj0iMS4wIj8+CjxzdmcgeG1sbnM9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIi8+")]
    public void Check_Svg_IsRefusedSayingSo(string dataUri)
    {
        Assert.Equal(CardImages.SvgRefused, CardImages.Check(dataUri));
    }

    [Fact]
    public void CheckBytes_SvgFetchedFromAUrl_IsRefusedSayingSo()
    {
        Assert.Equal(CardImages.SvgRefused, CardImages.CheckBytes("\uFEFF  <svg viewBox='0 0 1 1'></svg>"u8));
    }

    [Fact]
    public void CheckBytes_Bomb_IsRefused()
    {
        Assert.NotNull(CardImages.CheckBytes(TestPictures.PngHeaderOnly(50_000, 50_000)));
    }

    [Fact]
    public void Open_Bomb_IsNotAllocated()
    {
        Assert.Null(CardImages.Open(Bomb, new CardRenderingOptions()));
    }

    [Fact]
    public void Check_6000By6000Png_IsUsableUnderTheDefaults()
    {
        Assert.Null(CardImages.Check(TestPictures.DataUri(TestPictures.StripedPng(6000, 6000))));
    }

    [Fact]
    public void Check_PixelsOverTheConfiguredLimit_SaysWhatTheLimitIs()
    {
        var limits = new CardRenderingOptions { MaxImagePixels = 1_000_000 };

        var problem = CardImages.Check(TestPictures.DataUri(TestPictures.StripedPng(2000, 1000)), limits);

        Assert.Equal("The image declares 2000×1000 pixels; at most 1 million are decoded.", problem);
    }

    [Fact]
    public void Check_GifOverTheUnsampledLimit_IsRefusedAsDecodedWhole()
    {
        var problem = CardImages.CheckBytes(TestImages.Gif(3000, 2000));

        Assert.NotNull(problem);
        Assert.Contains("3000×2000 pixels, and a GIF is decoded whole: at most 4 million", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GifUnderTheUnsampledLimit_IsUsable()
    {
        Assert.Null(CardImages.CheckBytes(TestImages.Gif(1000, 1000)));
    }

    [Fact]
    public void Validate_BombAsLogoAndBackground_ReportsBoth()
    {
        var spec = new CardSpecBuilder().WithLogo(Bomb).WithBackground(Bomb).Build();

        var errors = CardSpecValidator.Validate(spec);

        Assert.Equal(["background", "logo"], errors.Keys.Order());
        Assert.Contains("50000×50000", errors["logo"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BombLogoThatSkippedValidation_DrawsTheAccentBarInstead()
    {
        var sut = new CardRenderer(TestFonts.Registry);

        var card = sut.Render(new CardSpecBuilder().WithLogo(Bomb).Build());

        Assert.False(card.Bytes.IsEmpty);
    }
}

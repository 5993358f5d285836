using CardService.Core.Cards;
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

    [Fact]
    public void CheckBytes_Bomb_IsRefused()
    {
        Assert.NotNull(CardImages.CheckBytes(TestPictures.PngHeaderOnly(50_000, 50_000)));
    }

    [Fact]
    public void Decode_Bomb_IsNotAllocated()
    {
        Assert.Null(CardImages.Decode(Bomb));
    }

    [Fact]
    public void Decode_Logo_KeepsItsSize()
    {
        using var image = CardImages.Decode(TestPictures.LogoDataUri());

        Assert.NotNull(image);
        Assert.Equal((64, 64), (image.Width, image.Height));
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

using CardService.Core.Cards;
using SkiaSharp;

namespace CardService.Core.Tests.Cards;

public class LogoPlatesTests
{
    private static readonly SKColor Dark = SKColor.Parse("#0b1020");
    private static readonly SKColor Light = SKColor.Parse("#ffffff");

    [Fact]
    public void For_DarkLogoOnDarkBackground_GetsALightPlate()
    {
        using var logo = Logo(new SKColor(0x11, 0x18, 0x27));

        Assert.Equal(Light, LogoPlates.For(logo, Dark));
    }

    [Fact]
    public void For_WhiteLogoOnWhiteBackground_GetsADarkPlate()
    {
        using var logo = Logo(SKColors.White);

        var plate = LogoPlates.For(logo, Light);

        Assert.NotNull(plate);
        Assert.True(plate.Value.Red < 0x40 && plate.Value.Green < 0x40 && plate.Value.Blue < 0x40, $"plate {plate}");
    }

    [Theory]
    [InlineData("#38bdf8", "#0b1020")]
    [InlineData("#111827", "#ffffff")]
    [InlineData("#ffffff", "#4c1d95")]
    public void For_LogoThatStandsOut_GetsNoPlate(string ink, string background)
    {
        using var logo = Logo(SKColor.Parse(ink));

        Assert.Null(LogoPlates.For(logo, SKColor.Parse(background)));
    }

    [Fact]
    public void For_TransparentLogo_GetsNoPlate()
    {
        using var logo = Logo(SKColors.Transparent);

        Assert.Null(LogoPlates.For(logo, Dark));
    }

    [Fact]
    public void For_OpaqueLogo_GetsNoPlateItBringsItsOwnBackground()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(20, 20, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.White);
        using var logo = new SampledImage(SKImage.FromBitmap(bitmap), SKRect.Create(20, 20));

        Assert.Null(LogoPlates.For(logo, Light));
    }

    [Fact]
    public void BackgroundAt_Gradient_IsTheColourUnderTheBox()
    {
        CardThemes.TryGet("sunset", out var sunset);

        var topLeft = LogoPlates.BackgroundAt(sunset, SKRect.Create(0, 0, 0, 0), 1200, 630);
        var bottomRight = LogoPlates.BackgroundAt(sunset, SKRect.Create(1200, 630, 0, 0), 1200, 630);

        Assert.Equal(sunset.Background, topLeft);
        Assert.Equal(sunset.BackgroundEnd, bottomRight);
    }

    // A 40×20 transparent image with a filled rounded mark in the middle, like a wordmark's ink.
    private static SampledImage Logo(SKColor ink)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(40, 20, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var paint = new SKPaint { Color = ink, IsAntialias = true };
            canvas.DrawRoundRect(SKRect.Create(4, 4, 32, 12), 4, 4, paint);
        }

        return new SampledImage(SKImage.FromBitmap(bitmap), SKRect.Create(40, 20));
    }
}

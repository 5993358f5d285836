using CardService.Core.Cards;
using SkiaSharp;

namespace CardService.Core.Tests.Cards;

public class PinnedPixelsTests
{
    private static readonly SKImageInfo Info = new(4, 3, SKColorType.Rgba8888, SKAlphaType.Premul);

    private static PinnedPixels CreateSut() => new(Info);

    [Fact]
    public void ToImage_AfterDrawingOnItsSurface_ShowsWhatWasDrawn()
    {
        var sut = CreateSut();
        using (var surface = sut.CreateSurface())
        {
            surface.Canvas.Clear(SKColors.Red);
            surface.Flush();
        }

        using var image = sut.ToImage();
        using var bitmap = SKBitmap.FromImage(image);

        Assert.Equal(Info.BytesSize64, sut.Bytes);
        Assert.Equal(SKColors.Red, bitmap.GetPixel(3, 2));
    }

    [Fact]
    public void CreateSurface_SmallerLayout_DrawsOnTheSamePixels()
    {
        var sut = CreateSut();
        using (var surface = sut.CreateSurface(new SKImageInfo(2, 2, SKColorType.Rgba8888, SKAlphaType.Premul)))
        {
            surface.Canvas.Clear(SKColors.Blue);
            surface.Flush();
        }

        using var image = sut.ToImage();
        using var bitmap = SKBitmap.FromImage(image);

        Assert.Equal(SKColors.Blue, bitmap.GetPixel(0, 0)); // the smaller layout starts where the pixels start
    }

    [Fact]
    public void CreateSurface_LayoutLargerThanThePixels_Throws()
    {
        var sut = CreateSut();

        Assert.Throws<ArgumentOutOfRangeException>(() => sut.CreateSurface(new SKImageInfo(4, 4, SKColorType.Rgba8888, SKAlphaType.Premul)));
    }
}

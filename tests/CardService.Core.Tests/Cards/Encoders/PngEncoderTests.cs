using CardService.Core.Cards;
using CardService.Core.Cards.Encoders;
using CardService.Core.Tests.Support;
using SkiaSharp;

namespace CardService.Core.Tests.Cards.Encoders;

public class PngEncoderTests
{
    private static readonly CardRenderer Renderer = new(TestFonts.Registry);

    [Fact]
    public void Encode_FlatCard_IsAPaletteImageWithinTheStatedError()
    {
        using var card = Draw(new CardSpecBuilder().WithTheme("dark").WithCategory("notes").WithFooter("example.dev", "Ada").Build());
        using var pixmap = card.Surface.PeekPixels();

        var png = PngEncoder.Encode(pixmap);

        Assert.Equal(3, PngFile.ColourType(png));
        var decoded = Pixels.DecodeRgba(png, out _, out _);
        Assert.InRange(Pixels.MaxChannelDifference(Pixels.Rgba(pixmap), decoded), 0, PngEncoder.MaxPaletteError);
    }

    [Fact]
    public void Encode_SunsetGradient_IsRgbAndExact()
    {
        using var card = Draw(new CardSpecBuilder().WithTheme("sunset").Build());
        using var pixmap = card.Surface.PeekPixels();

        var png = PngEncoder.Encode(pixmap);

        Assert.Equal(2, PngFile.ColourType(png));
        Assert.Equal(Pixels.Rgba(pixmap), Pixels.DecodeRgba(png, out _, out _));
    }

    [Fact]
    public void Encode_PhotoBackground_IsRgbAndExact()
    {
        using var card = Draw(new CardSpecBuilder().WithTheme("light").WithBackground(TestPictures.BackgroundDataUri()).Build());
        using var pixmap = card.Surface.PeekPixels();

        var png = PngEncoder.Encode(pixmap);

        Assert.Equal(2, PngFile.ColourType(png));
        Assert.Equal(Pixels.Rgba(pixmap), Pixels.DecodeRgba(png, out _, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(256)]
    public void Encode_AtMost256Colours_IsAnExactPalette(int colours)
    {
        using var bitmap = Stripes(300, 100, colours);
        using var pixmap = bitmap.PeekPixels();

        var png = PngEncoder.Encode(pixmap);

        Assert.Equal(3, PngFile.ColourType(png));
        Assert.Equal(colours * 3, PngFile.Chunks(png).Single(c => c.Type == "PLTE").Data.Length);
        Assert.Equal(Pixels.Rgba(pixmap), Pixels.DecodeRgba(png, out _, out _));
    }

    [Theory]
    [InlineData("None", true)]
    [InlineData("None", false)]
    [InlineData("Sub", false)]
    [InlineData("Up", false)]
    public void Encode_AnyPath_ChunkCrcsAreValidAndImageDataInflatesToWholeRows(string rowFilter, bool palette)
    {
        var filter = Enum.Parse<PngRowFilter>(rowFilter);
        using var card = Draw(new CardSpecBuilder().WithTheme("light").WithSize(333, 201).Build());
        using var pixmap = card.Surface.PeekPixels();

        var png = PngEncoder.Encode(pixmap, filter: filter, palette: palette);

        var chunks = PngFile.Chunks(png);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.All(chunks, c => Assert.True(c.CrcIsValid, $"{c.Type} CRC"));
        var bytesPerPixel = PngFile.ColourType(png) == 3 ? 1 : 3;
        Assert.Equal(palette ? 1 : 3, bytesPerPixel);
        Assert.Equal((333 * bytesPerPixel + 1) * 201, PngFile.InflatedImageData(png).Length);
        Assert.InRange(Pixels.MaxChannelDifference(Pixels.Rgba(pixmap), Pixels.DecodeRgba(png, out _, out _)), 0, palette ? PngEncoder.MaxPaletteError : 0);
    }

    [Fact]
    public void Encode_SamePixelsTwice_SameBytes()
    {
        using var card = Draw(new CardSpecBuilder().WithTitle("Same bytes, twice 🚀").Build());
        using var pixmap = card.Surface.PeekPixels();

        Assert.Equal(PngEncoder.Encode(pixmap), PngEncoder.Encode(pixmap));
    }

    [Fact]
    public void Encode_NotOpaqueRgba_Throws()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4, 4, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var pixmap = bitmap.PeekPixels();

        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(pixmap));
    }

    // On the pooled pixels Render draws on, so the encoder gets what it gets in production.
    private static SurfacePool.PooledSurface Draw(CardSpec spec) => Renderer.Draw(spec, out _);

    /// <summary>Vertical stripes in exactly <paramref name="colours"/> distinct colours.</summary>
    private static SKBitmap Stripes(int width, int height, int colours)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var x = 0; x < width; x++)
        {
            var i = x % colours;
            var colour = new SKColor((byte)(i * 37), (byte)(i * 11 + 3), (byte)(255 - i));
            for (var y = 0; y < height; y++)
            {
                bitmap.SetPixel(x, y, colour);
            }
        }

        return bitmap;
    }
}

using System.Buffers.Binary;
using CardService.Core.Cards;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;
using SkiaSharp;

namespace CardService.Core.Tests.Cards;

public class EncodedImageTests
{
    private const long Unsampled = 4_000_000;

    private static EncodedImage CreateSut(byte[] bytes) => EncodedImage.Open(bytes) ?? throw new InvalidDataException("Not an image.");

    [Fact]
    public void Decode_6000By6000PngDrawnAt48_HoldsA48By48Bitmap()
    {
        using var sut = CreateSut(TestPictures.StripedPng(6000, 6000));

        using var decoded = sut.Decode(SKRectI.Create(6000, 6000), new SKSizeI(48, 48), Unsampled);

        Assert.NotNull(decoded);
        Assert.True(sut.IsSampled);
        Assert.Equal((48, 48), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal(SKRect.Create(48, 48), decoded.Source);
    }

    [Fact]
    public void Decode_StripedPng_AveragesEachBoxToTheStripesColours()
    {
        // Eight stripes of 750 px into 48 columns: each stripe is exactly six columns, so every pixel is a stripe's own colour.
        using var sut = CreateSut(TestPictures.StripedPng(6000, 6000));

        using var decoded = sut.Decode(SKRectI.Create(6000, 6000), new SKSizeI(48, 48), Unsampled)!;
        using var bitmap = SKBitmap.FromImage(decoded.Image);

        Assert.Equal(new SKColor(0, 255, 0x80, 0xFF), bitmap.GetPixel(0, 0));
        Assert.Equal(new SKColor(7 * 32, 255 - 7 * 32, 0x80, 0xFF), bitmap.GetPixel(47, 47));
        Assert.Equal(new SKColor(3 * 32, 255 - 3 * 32, 0x80, 0xFF), bitmap.GetPixel(3 * 6, 20));
    }

    [Fact]
    public void Decode_CroppedRegion_DecodesOnlyThatPartAtMostTheDrawnSize()
    {
        // A wide background covering a 1200×630 card: only its middle is visible.
        using var sut = CreateSut(TestPictures.StripedPng(6000, 600));
        var visible = SKRectI.Create((6000 - 1143) / 2, 0, 1143, 600);

        using var decoded = sut.Decode(visible, new SKSizeI(1200, 630), Unsampled)!;
        using var bitmap = SKBitmap.FromImage(decoded.Image);

        Assert.Equal((1143, 600), (decoded.Image.Width, decoded.Image.Height));
        Assert.Equal(new SKColor(3 * 32, 255 - 3 * 32, 0x80, 0xFF), bitmap.GetPixel(0, 0));
        Assert.Equal(new SKColor(4 * 32, 255 - 4 * 32, 0x80, 0xFF), bitmap.GetPixel(1142, 599));
    }

    [Fact]
    public void Decode_SmallerThanDrawn_KeepsItsOwnSize()
    {
        using var sut = CreateSut(TestPictures.StripedPng(64, 32));

        using var decoded = sut.Decode(SKRectI.Create(64, 32), new SKSizeI(400, 200), Unsampled)!;

        Assert.Equal((64, 32), (decoded.Image.Width, decoded.Image.Height));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Decode_LargeJpegOrWebp_IsScaledByItsDecoderToAtMostTwiceTheDrawnSize(SKEncodedImageFormat format)
    {
        using var sut = CreateSut(TestImages.Encode(format, 3200, 1600));

        using var decoded = sut.Decode(SKRectI.Create(3200, 1600), new SKSizeI(100, 50), Unsampled)!;

        Assert.True(sut.IsSampled);
        Assert.InRange(decoded.Image.Width, 100, 200);
        Assert.InRange(decoded.Image.Height, 50, 100);
    }

    [Fact]
    public void Decode_GifWithinTheUnsampledLimit_Decodes()
    {
        using var sut = CreateSut(TestImages.Gif(1000, 500));

        using var decoded = sut.Decode(SKRectI.Create(1000, 500), new SKSizeI(48, 24), Unsampled);

        Assert.False(sut.IsSampled);
        Assert.NotNull(decoded);
        Assert.InRange(decoded.Image.Width, 48, 1000);
    }

    [Fact]
    public void Problem_InterlacedPngOverTheUnsampledLimit_AsksForANonInterlacedOne()
    {
        var png = TestPictures.StripedPng(3000, 2000);
        png[28] = 1; // IHDR's interlace method: Adam7 (the data is not, but the header alone decides)
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), PngFile.Crc(png.AsSpan(12, 4), png.AsSpan(16, 13)));
        using var sut = CreateSut(png);

        var problem = sut.Problem(new CardRenderingOptions());

        Assert.False(sut.IsSampled);
        Assert.Contains("interlaced PNG is decoded whole", problem, StringComparison.Ordinal);
    }
}

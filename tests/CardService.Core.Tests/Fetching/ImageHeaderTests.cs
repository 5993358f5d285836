using CardService.Core.Fetching;
using CardService.Core.Tests.Fetching.Support;

namespace CardService.Core.Tests.Fetching;

public class ImageHeaderTests
{
    public static TheoryData<string, byte[], int, int> RealImages() => new()
    {
        { ImageFormats.Png, TestImages.Png(1200, 630), 1200, 630 },
        { ImageFormats.Jpeg, TestImages.Jpeg(640, 480), 640, 480 },
        { ImageFormats.Jpeg, TestImages.JpegWithBigApp1(301, 157), 301, 157 },
        { ImageFormats.WebP, TestImages.WebP(300, 157), 300, 157 },
        { ImageFormats.WebP, TestImages.WebP(333, 211, quality: 100), 333, 211 },
        { ImageFormats.Gif, TestImages.Gif(500, 260), 500, 260 },
        { ImageFormats.Bmp, TestImages.Bmp(20, -10), 20, 10 },
        { ImageFormats.Avif, TestImages.AvifHeader(1920, 1080), 1920, 1080 },
        { ImageFormats.Ico, TestImages.Ico(48), 48, 48 },
        { ImageFormats.Ico, TestImages.Ico(16, 256, 32), 256, 256 },
    };

    [Theory]
    [MemberData(nameof(RealImages))]
    public void TryRead_RealImage_ReadsFormatAndSize(string format, byte[] bytes, int width, int height)
    {
        var ok = ImageHeader.TryRead(bytes, out var readFormat, out var readWidth, out var readHeight);

        Assert.True(ok);
        Assert.Equal((format, width, height), (readFormat, readWidth, readHeight));
    }

    [Fact]
    public void TryRead_PixelBombPngHeader_ReportsDeclaredSizeWithoutDecoding()
    {
        var ok = ImageHeader.TryRead(TestImages.PngHeader(50_000, 50_000), out var format, out var width, out var height);

        Assert.True(ok);
        Assert.Equal((ImageFormats.Png, 50_000, 50_000), (format, width, height));
    }

    [Fact]
    public void Read_Svg_IsSvgWithoutSize()
    {
        var info = ImageHeader.Read(TestImages.Svg);

        Assert.Equal(new ImageHeaderInfo(ImageFormats.Svg, null, null, false), info);
    }

    [Fact]
    public void Read_JpegCutBeforeFrameHeader_AsksForMoreData()
    {
        var info = ImageHeader.Read(TestImages.JpegWithBigApp1(10, 10).AsSpan(0, 30_000));

        Assert.Equal(new ImageHeaderInfo(ImageFormats.Jpeg, null, null, true), info);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><svg></svg></body></html>")]
    [InlineData("just some text, nothing like an image")]
    public void Read_NotAnImage_IsUnrecognised(string text)
    {
        var info = ImageHeader.Read(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Null(info.Format);
        Assert.False(info.NeedsMoreData);
    }

    [Fact]
    public void Read_IcoWithABadDirectoryEntry_IsUnrecognised()
    {
        var bytes = TestImages.Ico(32);
        bytes[6 + 3] = 7; // the entry's reserved byte

        var info = ImageHeader.Read(bytes);

        Assert.Null(info.Format);
    }

    [Fact]
    public void Read_PngZeroWidth_HasFormatButNoSize()
    {
        var info = ImageHeader.Read(TestImages.PngHeader(0, 10));

        Assert.Equal(ImageFormats.Png, info.Format);
        Assert.Null(info.Width);
    }
}

using SkiaSharp;

namespace CardService.Core.Tests.Support;

/// <summary>Decoded pixels of an encoded card, for asserting on colours.</summary>
internal static class Pixels
{
    public static SKBitmap Decode(ReadOnlyMemory<byte> encoded) =>
        SKBitmap.Decode(encoded.ToArray()) ?? throw new InvalidDataException("Skia could not decode the image.");

    /// <summary>Decodes to tightly packed RGBA bytes, four per pixel, rows top to bottom.</summary>
    public static byte[] DecodeRgba(ReadOnlyMemory<byte> encoded, out int width, out int height)
    {
        using var codec = SKCodec.Create(new MemoryStream(encoded.ToArray())) ?? throw new InvalidDataException("Not an image Skia knows.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = SKBitmap.Decode(codec, info) ?? throw new InvalidDataException("Skia could not decode the image.");
        (width, height) = (info.Width, info.Height);
        return bitmap.GetPixelSpan().ToArray();
    }

    /// <summary>Copies a pixmap's RGBA bytes (rows may be padded in the pixmap; not in the copy).</summary>
    public static byte[] Rgba(SKPixmap pixmap)
    {
        var rows = new byte[pixmap.Width * 4 * pixmap.Height];
        var span = pixmap.GetPixelSpan();
        for (var y = 0; y < pixmap.Height; y++)
        {
            span.Slice(y * pixmap.RowBytes, pixmap.Width * 4).CopyTo(rows.AsSpan(y * pixmap.Width * 4));
        }

        return rows;
    }

    /// <summary>The largest difference of any channel (alpha included) between two RGBA buffers of the same size.</summary>
    public static int MaxChannelDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        var worst = 0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }

    /// <summary>The largest per-channel difference between two colours, out of 255.</summary>
    public static int Distance(SKColor a, SKColor b) =>
        Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));

    /// <summary>A colour whose channels differ widely: not a grey, not a tint of grey.</summary>
    public static bool IsColourful(SKColor c) =>
        Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 100;

    public static IEnumerable<(int X, int Y, SKColor Colour)> In(SKBitmap bitmap, SKRectI area)
    {
        for (var y = Math.Max(area.Top, 0); y < Math.Min(area.Bottom, bitmap.Height); y++)
        {
            for (var x = Math.Max(area.Left, 0); x < Math.Min(area.Right, bitmap.Width); x++)
            {
                yield return (x, y, bitmap.GetPixel(x, y));
            }
        }
    }
}

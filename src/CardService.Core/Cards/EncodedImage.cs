using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>A decoded logo or background and the part of it to draw (all of it, unless the card crops it).</summary>
internal sealed record SampledImage(SKImage Image, SKRect Source) : IDisposable
{
    public void Dispose() => Image.Dispose();
}

/// <summary>
/// A logo or background still encoded, read from its header only. <see cref="Decode"/> produces the pixels the card draws
/// and no more: rows are read one at a time and averaged into the drawn size (a box filter), so a 6000×6000 PNG drawn as a
/// 48 px logo holds a 48×48 bitmap and two rows, not 144 MB. PNG rows come from <see cref="PngRows"/> (Skia's PNG decoder
/// only decodes whole images), JPEG rows from Skia's scanline decoder after it has scaled them (up to 1/8); WebP is scaled
/// by its decoder alone. Other images (GIF, interlaced PNG, progressive JPEG, bottom-up BMP) are decoded whole, up to
/// <see cref="CardRenderingOptions.MaxUnsampledPixels"/>.
/// </summary>
internal sealed class EncodedImage : IDisposable
{
    // A row is held whole while it is averaged; wider sources (absurd as logos) must fit the unsampled limit instead.
    private const int MaxSampledWidth = 256 * 1024;

    private readonly SKCodec _codec;
    private readonly byte[]? _png;
    private readonly bool _jpegRows;

    private EncodedImage(SKCodec codec, byte[]? png, bool jpegRows)
    {
        _codec = codec;
        _png = png;
        _jpegRows = jpegRows;
    }

    private delegate void RowReader(byte[] row);

    public int Width => _codec.Info.Width;

    public int Height => _codec.Info.Height;

    /// <summary>Whether decoding holds only the drawn size (true), or the whole image first.</summary>
    public bool IsSampled => ((_png is not null || _jpegRows) && Width <= MaxSampledWidth) || _codec.EncodedFormat == SKEncodedImageFormat.Webp;

    /// <summary>The image in <paramref name="bytes"/>, or null when no decoder knows it. Copies the bytes.</summary>
    public static EncodedImage? Open(ReadOnlySpan<byte> bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        // Interlaced PNGs and progressive JPEGs decode in passes over the whole image: their rows never come one at a time.
        var png = codec.EncodedFormat == SKEncodedImageFormat.Png && !IsInterlacedPng(bytes) ? bytes.ToArray() : null;
        var jpegRows = codec.EncodedFormat == SKEncodedImageFormat.Jpeg && !IsProgressiveJpeg(bytes)
            && codec.StartScanlineDecode(Rgba(codec.Info.Width, codec.Info.Height)) == SKCodecResult.Success
            && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown;
        return new EncodedImage(codec, png, jpegRows);
    }

    /// <summary>Why the image may not be drawn under <paramref name="limits"/>, or null when it may.</summary>
    public string? Problem(CardRenderingOptions limits)
    {
        var pixels = (long)Width * Height;
        if (pixels > limits.MaxImagePixels)
        {
            return $"The image declares {Width}×{Height} pixels; at most {Millions(limits.MaxImagePixels)} million are decoded.";
        }

        return !IsSampled && pixels > limits.MaxUnsampledPixels
            ? $"The image is {Width}×{Height} pixels, and a {Kind()} is decoded whole: at most {Millions(limits.MaxUnsampledPixels)} million "
                + "pixels. Give a smaller one, or a non-interlaced PNG or baseline JPEG."
            : null;
    }

    /// <summary>
    /// The part <paramref name="region"/> of the image, at most <paramref name="target"/> pixels (never more than the region
    /// itself): the pixels a card draws there. Null when the data turns out not to decode.
    /// </summary>
    public SampledImage? Decode(SKRectI region, SKSizeI target, long maxUnsampledPixels)
    {
        var size = new SKSizeI(Math.Clamp(target.Width, 1, region.Width), Math.Clamp(target.Height, 1, region.Height));
        if (_png is not null && Width <= MaxSampledWidth)
        {
            using var rows = PngRows.Open(_png);
            return rows is null ? null : Whole(Sample(Width, region, size, row => rows.ReadRow(row)));
        }

        var scale = Math.Max((float)size.Width / region.Width, (float)size.Height / region.Height);
        var scaled = _codec.GetScaledDimensions(scale);
        var sx = (float)scaled.Width / Width;
        var sy = (float)scaled.Height / Height;
        var scaledRegion = SKRectI.Intersect(
            SKRectI.Create(0, 0, scaled.Width, scaled.Height),
            SKRectI.Ceiling(new SKRect(region.Left * sx, region.Top * sy, region.Right * sx, region.Bottom * sy)));
        if (_jpegRows && scaled.Width <= MaxSampledWidth)
        {
            var rowBytes = scaled.Width * 4;
            return _codec.StartScanlineDecode(Rgba(scaled.Width, scaled.Height)) == SKCodecResult.Success
                ? Whole(Sample(scaled.Width, scaledRegion, new SKSizeI(Math.Min(size.Width, scaledRegion.Width), Math.Min(size.Height, scaledRegion.Height)),
                    row => _codec.GetScanlines(Marshal.UnsafeAddrOfPinnedArrayElement(row, 0), 1, rowBytes)))
                : null;
        }

        if ((long)scaled.Width * scaled.Height > Math.Max(maxUnsampledPixels, (long)size.Width * size.Height))
        {
            return null;
        }

        using var bitmap = new SKBitmap(Rgba(scaled.Width, scaled.Height));
        var result = _codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        return result is SKCodecResult.Success or SKCodecResult.IncompleteInput
            ? new SampledImage(SKImage.FromBitmap(bitmap), scaledRegion)
            : null;
    }

    /// <summary>
    /// The whole image decoded by Skia (native, about four times faster than reading PNG rows), with <paramref name="region"/>
    /// the part to draw; null when it holds more than <paramref name="maxPixels"/> pixels or does not decode. For images
    /// about the size they are drawn, where sampling while decoding would save little memory.
    /// </summary>
    public SampledImage? DecodeWhole(SKRectI region, long maxPixels)
    {
        if ((long)Width * Height > maxPixels)
        {
            return null;
        }

        using var bitmap = new SKBitmap(Rgba(Width, Height));
        var result = _codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        bitmap.SetImmutable();
        return new SampledImage(SKImage.FromBitmap(bitmap), region);
    }

    public void Dispose() => _codec.Dispose();

    private static SampledImage Whole(SKImage image) => new(image, SKRect.Create(image.Width, image.Height));

    // Reads rows down to the region's bottom and averages each target pixel's box of source pixels (premultiplied, so
    // transparent pixels do not darken their neighbours). Holds one row and the result.
    private static SKImage Sample(int width, SKRectI region, SKSizeI target, RowReader read)
    {
        var columns = new int[region.Width];
        var columnCounts = new int[target.Width];
        for (var x = 0; x < columns.Length; x++)
        {
            columns[x] = (int)((long)x * target.Width / region.Width);
            columnCounts[columns[x]]++;
        }

        var row = GC.AllocateUninitializedArray<byte>(width * 4, pinned: true);
        var sums = new long[target.Width * 4];
        using var output = new SKBitmap(new SKImageInfo(target.Width, target.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var pixels = output.GetPixelSpan();
        var band = 0;
        var bandRows = 0;
        for (var y = 0; y < region.Bottom; y++)
        {
            read(row);
            if (y < region.Top)
            {
                continue;
            }

            var targetRow = (int)((long)(y - region.Top) * target.Height / region.Height);
            if (targetRow != band)
            {
                Flush(sums, columnCounts, bandRows, pixels.Slice(band * output.RowBytes, target.Width * 4));
                band = targetRow;
                bandRows = 0;
            }

            var source = row.AsSpan(region.Left * 4, region.Width * 4);
            for (var x = 0; x < columns.Length; x++)
            {
                var sum = columns[x] * 4;
                sums[sum] += source[x * 4];
                sums[sum + 1] += source[x * 4 + 1];
                sums[sum + 2] += source[x * 4 + 2];
                sums[sum + 3] += source[x * 4 + 3];
            }

            bandRows++;
        }

        Flush(sums, columnCounts, bandRows, pixels.Slice(band * output.RowBytes, target.Width * 4));
        output.SetImmutable();
        return SKImage.FromBitmap(output);
    }

    private static void Flush(long[] sums, int[] columnCounts, int bandRows, Span<byte> targetRow)
    {
        for (var i = 0; i < sums.Length; i++)
        {
            var count = (long)columnCounts[i / 4] * bandRows;
            targetRow[i] = (byte)((sums[i] + count / 2) / count);
            sums[i] = 0;
        }
    }

    private static SKImageInfo Rgba(int width, int height) => new(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);

    private string Kind() => _codec.EncodedFormat switch
    {
        SKEncodedImageFormat.Png => "interlaced PNG",
        SKEncodedImageFormat.Jpeg => "progressive JPEG",
        var format => format.ToString().ToUpperInvariant(),
    };

    private static string Millions(long pixels) => (pixels / 1_000_000d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    // IHDR's interlace method byte: signature (8), length and type (8), then width, height, depth, colour, compression, filter.
    private static bool IsInterlacedPng(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 28 && bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) && bytes[28] != 0;

    // Walks the JPEG's marker segments up to the first scan, looking for a progressive frame header (SOF2, SOF6, SOF10, SOF14).
    private static bool IsProgressiveJpeg(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
        {
            return false;
        }

        var i = 2;
        while (i + 4 <= bytes.Length && bytes[i] == 0xFF)
        {
            var marker = bytes[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }

            if (marker is 0xC2 or 0xC6 or 0xCA or 0xCE)
            {
                return true;
            }

            if (marker == 0xDA)
            {
                return false;
            }

            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 2)..]);
        }

        return false;
    }
}

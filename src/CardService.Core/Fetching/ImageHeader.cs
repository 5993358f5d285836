using System.Buffers.Binary;

namespace CardService.Core.Fetching;

/// <summary>The image formats <see cref="ImageHeader"/> recognises, as lower-case names.</summary>
public static class ImageFormats
{
    public const string Png = "png";
    public const string Jpeg = "jpeg";
    public const string Gif = "gif";
    public const string WebP = "webp";
    public const string Bmp = "bmp";
    public const string Svg = "svg";
    public const string Avif = "avif";
    public const string Ico = "ico";
}

/// <summary>What the first bytes of an image say.</summary>
/// <param name="Format">One of <see cref="ImageFormats"/>, or null when unrecognised (or too few bytes to tell).</param>
/// <param name="Width">Pixel width, when read.</param>
/// <param name="Height">Pixel height, when read.</param>
/// <param name="NeedsMoreData">True when more bytes could still yield a format or size.</param>
public readonly record struct ImageHeaderInfo(string? Format, int? Width, int? Height, bool NeedsMoreData);

/// <summary>
/// Reads format and pixel size from an image's first bytes without decoding it: PNG IHDR, JPEG SOF
/// markers (APPn and other segments skipped), GIF logical screen, WebP VP8/VP8L/VP8X, BMP, AVIF ispe, ICO directory
/// (its largest entry). SVG is recognised but has no size here.
/// </summary>
public static class ImageHeader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // Reserved 0, type 1 (icon): four bytes are a weak signature, so the directory entries must look right too.
    private static ReadOnlySpan<byte> IcoSignature => [0x00, 0x00, 0x01, 0x00];

    private const int IcoEntryBytes = 16;

    /// <summary>True when <paramref name="data"/> holds a recognised format and its pixel size.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out string? format, out int width, out int height)
    {
        var info = Read(data);
        format = info.Format;
        width = info.Width ?? 0;
        height = info.Height ?? 0;
        return info.Width is not null && info.Height is not null;
    }

    /// <summary>Everything the bytes say, including whether more bytes could help.</summary>
    public static ImageHeaderInfo Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return new(null, null, null, NeedsMoreData: true);
        }

        if (data[0] == 0xFF && data[1] == 0xD8)
        {
            return ReadJpeg(data);
        }

        if (data.Length < 12)
        {
            return new(null, null, null, NeedsMoreData: true);
        }

        if (data.StartsWith(PngSignature))
        {
            return data.Length < 24
                ? new(ImageFormats.Png, null, null, true)
                : Sized(ImageFormats.Png, BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return Sized(ImageFormats.Gif, BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));
        }

        if (data.StartsWith("RIFF"u8) && data[8..].StartsWith("WEBP"u8))
        {
            return ReadWebP(data);
        }

        if (data.StartsWith("BM"u8))
        {
            return ReadBmp(data);
        }

        if (data[4..].StartsWith("ftyp"u8))
        {
            return ReadAvif(data);
        }

        if (data.StartsWith(IcoSignature))
        {
            return ReadIco(data);
        }

        return LooksLikeSvg(data) ? new(ImageFormats.Svg, null, null, false) : new(null, null, null, false);
    }

    private static ImageHeaderInfo Sized(string format, long width, long height) =>
        width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue
            ? new(format, (int)width, (int)height, false)
            : new(format, null, null, false);

    private static ImageHeaderInfo ReadJpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (true)
        {
            // Markers may be preceded by any number of 0xFF fill bytes.
            if (i >= data.Length)
            {
                return new(ImageFormats.Jpeg, null, null, true);
            }

            if (data[i] != 0xFF)
            {
                return new(ImageFormats.Jpeg, null, null, false);
            }

            while (i < data.Length && data[i] == 0xFF)
            {
                i++;
            }

            if (i >= data.Length)
            {
                return new(ImageFormats.Jpeg, null, null, true);
            }

            var marker = data[i++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                continue; // TEM, RSTn, SOI: no length
            }

            if (marker is 0xD9 or 0xDA)
            {
                return new(ImageFormats.Jpeg, null, null, false); // EOI or start of scan before any frame header
            }

            if (i + 2 > data.Length)
            {
                return new(ImageFormats.Jpeg, null, null, true);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            if (length < 2)
            {
                return new(ImageFormats.Jpeg, null, null, false);
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                // SOFn: length(2) precision(1) height(2) width(2)
                if (i + 7 > data.Length)
                {
                    return new(ImageFormats.Jpeg, null, null, true);
                }

                return Sized(ImageFormats.Jpeg, BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 3)..]));
            }

            i += length;
        }
    }

    private static ImageHeaderInfo ReadWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return new(ImageFormats.WebP, null, null, true);
        }

        var chunk = data[12..16];
        var payload = data[20..];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3), start code 9D 01 2A, then 14-bit width and height.
            return payload[3] == 0x9D && payload[4] == 0x01 && payload[5] == 0x2A
                ? Sized(ImageFormats.WebP, BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]) & 0x3FFF)
                : new(ImageFormats.WebP, null, null, false);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (payload[0] != 0x2F)
            {
                return new(ImageFormats.WebP, null, null, false);
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
            return Sized(ImageFormats.WebP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Flags (1), reserved (3), canvas width-1 (24-bit LE), canvas height-1 (24-bit LE).
            var w = payload[4] | (payload[5] << 8) | (payload[6] << 16);
            var h = payload[7] | (payload[8] << 8) | (payload[9] << 16);
            return Sized(ImageFormats.WebP, w + 1L, h + 1L);
        }

        return new(ImageFormats.WebP, null, null, false);
    }

    private static ImageHeaderInfo ReadBmp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 26)
        {
            return new(null, null, null, true);
        }

        var dibSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        if (dibSize == 12)
        {
            return Sized(ImageFormats.Bmp, BinaryPrimitives.ReadUInt16LittleEndian(data[18..]), BinaryPrimitives.ReadUInt16LittleEndian(data[20..]));
        }

        if (dibSize is < 40 or > 1024)
        {
            return new(null, null, null, false); // "BM" alone is too common a prefix to claim the format
        }

        // Negative height means a top-down bitmap.
        return Sized(ImageFormats.Bmp, BinaryPrimitives.ReadInt32LittleEndian(data[18..]), Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..])));
    }

    private static ImageHeaderInfo ReadAvif(ReadOnlySpan<byte> data)
    {
        var ftypSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data), (uint)data.Length);
        var brands = data[8..Math.Max(8, ftypSize)];
        var isAvif = false;
        for (var b = 0; b + 4 <= brands.Length; b += 4)
        {
            if (brands.Slice(b, 4).SequenceEqual("avif"u8) || brands.Slice(b, 4).SequenceEqual("avis"u8))
            {
                isAvif = true;
            }
        }

        if (!isAvif)
        {
            return new(null, null, null, false);
        }

        // The first image spatial extent property (ispe) is the primary item's size in practice.
        var at = data.IndexOf("ispe"u8);
        if (at < 0 || at + 16 > data.Length)
        {
            return new(ImageFormats.Avif, null, null, true);
        }

        return Sized(ImageFormats.Avif, BinaryPrimitives.ReadUInt32BigEndian(data[(at + 8)..]), BinaryPrimitives.ReadUInt32BigEndian(data[(at + 12)..]));
    }

    // A favicon.ico holds several sizes; the largest is what a high-density screen or a preview uses.
    private static ImageHeaderInfo ReadIco(ReadOnlySpan<byte> data)
    {
        var count = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        if (count == 0)
        {
            return new(null, null, null, false);
        }

        int width = 0, height = 0;
        for (var i = 0; i < count; i++)
        {
            var at = 6 + (i * IcoEntryBytes);
            if (at + IcoEntryBytes > data.Length)
            {
                return width > 0 ? new(ImageFormats.Ico, width, height, false) : new(ImageFormats.Ico, null, null, true);
            }

            // Byte 3 of an entry is reserved and must be 0; a width or height byte of 0 means 256.
            if (data[at + 3] != 0)
            {
                return new(null, null, null, false);
            }

            var w = data[at] == 0 ? 256 : data[at];
            var h = data[at + 1] == 0 ? 256 : data[at + 1];
            if ((long)w * h > (long)width * height)
            {
                (width, height) = (w, h);
            }
        }

        return new(ImageFormats.Ico, width, height, false);
    }

    private static bool LooksLikeSvg(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 4096)];
        if (head.StartsWith(Utf8Bom))
        {
            head = head[3..];
        }

        head = head.TrimStart(" \t\r\n"u8);
        if (!head.StartsWith("<"u8))
        {
            return false;
        }

        var svg = head.IndexOf("<svg"u8);
        var html = head.IndexOf("<html"u8);
        return svg >= 0 && (html < 0 || html > svg);
    }
}

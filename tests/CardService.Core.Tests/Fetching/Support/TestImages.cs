using System.Buffers.Binary;
using SkiaSharp;

namespace CardService.Core.Tests.Fetching.Support;

/// <summary>Real image bytes: encoded by Skia where it can, hand-made where it cannot (GIF, BMP, AVIF, bombs).</summary>
public static class TestImages
{
    public static byte[] Encode(SKEncodedImageFormat format, int width, int height, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x20, 0x60, 0xA0, 0xC0));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height) => Encode(SKEncodedImageFormat.Png, width, height);

    public static byte[] Jpeg(int width, int height) => Encode(SKEncodedImageFormat.Jpeg, width, height);

    public static byte[] WebP(int width, int height, int quality = 80) => Encode(SKEncodedImageFormat.Webp, width, height, quality);

    /// <summary>A PNG signature and IHDR claiming any size, with no pixels: a decompression-bomb header.</summary>
    public static byte[] PngHeader(uint width, uint height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8; // bit depth
        bytes[25] = 6; // RGBA
        return bytes;
    }

    /// <summary>
    /// An ICO file as favicon tools write it: the directory (one 16-byte entry per size, 0 meaning 256) followed by each
    /// size as a real PNG (the PNG-in-ICO form browsers have read since Windows Vista).
    /// </summary>
    public static byte[] Ico(params int[] sides)
    {
        var pngs = sides.Select(side => Png(side, side)).ToArray();
        using var ico = new MemoryStream();
        var header = new byte[6 + (16 * sides.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (ushort)sides.Length);
        var offset = header.Length;
        for (var i = 0; i < sides.Length; i++)
        {
            var entry = header.AsSpan(6 + (16 * i));
            entry[0] = (byte)(sides[i] >= 256 ? 0 : sides[i]);
            entry[1] = entry[0];
            BinaryPrimitives.WriteUInt16LittleEndian(entry[4..], 1); // colour planes
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], 32); // bits per pixel
            BinaryPrimitives.WriteInt32LittleEndian(entry[8..], pngs[i].Length);
            BinaryPrimitives.WriteInt32LittleEndian(entry[12..], offset);
            offset += pngs[i].Length;
        }

        ico.Write(header);
        foreach (var png in pngs)
        {
            ico.Write(png);
        }

        return ico.ToArray();
    }

    public static byte[] Gif(ushort width, ushort height)
    {
        var bytes = new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 0, 0, 0, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B };
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), height);
        return bytes;
    }

    public static byte[] Bmp(int width, int height)
    {
        var bytes = new byte[54 + (((width * 3) + 3) & ~3) * Math.Abs(height)];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        return bytes;
    }

    /// <summary>The boxes an AVIF file starts with: ftyp(avif) then meta/iprp/ipco/ispe.</summary>
    public static byte[] AvifHeader(uint width, uint height)
    {
        var ftyp = new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'a', (byte)'v', (byte)'i', (byte)'f', 0, 0, 0, 0, (byte)'m', (byte)'i', (byte)'f', (byte)'1', (byte)'a', (byte)'v', (byte)'i', (byte)'f' };
        var ispe = new byte[20];
        BinaryPrimitives.WriteUInt32BigEndian(ispe, 20);
        "ispe"u8.CopyTo(ispe.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(ispe.AsSpan(12), width);
        BinaryPrimitives.WriteUInt32BigEndian(ispe.AsSpan(16), height);
        return [.. ftyp, .. new byte[] { 0, 0, 0, 0x28, (byte)'m', (byte)'e', (byte)'t', (byte)'a', 0, 0, 0, 0 }, .. ispe];
    }

    /// <summary>A JPEG whose frame header sits behind a large APP1 segment and some fill bytes.</summary>
    public static byte[] JpegWithBigApp1(int width, int height)
    {
        var jpeg = Jpeg(width, height);
        var app1 = new byte[4 + 60_000];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), 60_002);
        return [0xFF, 0xD8, .. app1, 0xFF, 0xFF, .. jpeg.AsSpan(2)];
    }

    public static readonly byte[] Svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"u8.ToArray();
}

using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace CardService.Core.Tests.Support;

/// <summary>Images for logos and backgrounds, as <c>data:</c> URIs, made in the test rather than kept as files.</summary>
internal static class TestPictures
{
    /// <summary>A 64×64 logo: a red disc on a white square.</summary>
    public static string LogoDataUri() => DataUri(Png(64, 64, canvas =>
    {
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = new SKColor(0xE1, 0x1D, 0x48), IsAntialias = true };
        canvas.DrawCircle(32, 32, 28, paint);
    }));

    /// <summary>A 300×200 "photo": a green-to-blue gradient with a yellow sun and seeded grain, thousands of colours.</summary>
    public static string BackgroundDataUri() => DataUri(Png(300, 200, canvas =>
    {
        var grain = new Random(42);
        using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(300, 200), [SKColors.SeaGreen, SKColors.MidnightBlue], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        canvas.DrawRect(0, 0, 300, 200, paint);
        using var sun = new SKPaint { Color = SKColors.Gold, IsAntialias = true };
        canvas.DrawCircle(220, 60, 40, sun);
        using var speck = new SKPaint();
        for (var i = 0; i < 20_000; i++)
        {
            speck.Color = new SKColor((byte)grain.Next(256), (byte)grain.Next(256), (byte)grain.Next(256));
            canvas.DrawPoint(grain.Next(300), grain.Next(200), speck);
        }
    }));

    public static byte[] Png(int width, int height, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            draw(canvas);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// A decompression bomb's header: the PNG signature and an IHDR declaring <paramref name="width"/>×<paramref name="height"/>
    /// RGBA pixels with a valid CRC, then an empty IDAT and IEND. No pixel data: a decoder must refuse it from the header.
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var output = new MemoryStream();
        WriteRgbaHeader(output, width, height);
        WriteChunk(output, "IDAT"u8, [0x78, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    /// <summary>
    /// A large RGBA PNG that is small on the wire (6000×6000 is ≈ 220 KB): vertical colour stripes, every row the same.
    /// Written row by row, so making it costs one row of memory, not the 144 MB its pixels take decoded.
    /// </summary>
    public static byte[] StripedPng(int width, int height)
    {
        using var output = new MemoryStream();
        WriteRgbaHeader(output, width, height);

        var row = new byte[1 + width * 4]; // filter byte 0 (None), then the pixels
        for (var x = 0; x < width; x++)
        {
            var stripe = x * 8 / width;
            row[1 + x * 4] = (byte)(stripe * 32);
            row[2 + x * 4] = (byte)(255 - stripe * 32);
            row[3 + x * 4] = 0x80;
            row[4 + x * 4] = 0xFF;
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    // The PNG signature and an IHDR for 8-bit RGBA, not interlaced.
    private static void WriteRgbaHeader(Stream output, int width, int height)
    {
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        WriteChunk(output, "IHDR"u8, ihdr);
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngFile.Crc(type, data));
        output.Write(word);
    }
}

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

    /// <summary>
    /// A 1200×800 "photo" of hills at dusk: a sky gradient, a sun, three seeded ridges with a glow between them. Smooth
    /// like a photo (no grain), so the photo and split templates look as they would with a real picture.
    /// </summary>
    public static string PhotoDataUri() => DataUri(Png(1200, 800, canvas =>
    {
        using var sky = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 560),
            [new SKColor(0x1e, 0x3a, 0x8a), new SKColor(0xf9, 0x73, 0x16), new SKColor(0xfd, 0xe6, 0x8a)], [0, 0.7f, 1], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = sky, IsAntialias = true };
        canvas.DrawRect(0, 0, 1200, 800, paint);
        paint.Shader = null;
        paint.Color = new SKColor(0xff, 0xf7, 0xd6);
        canvas.DrawCircle(820, 430, 70, paint);

        var ridges = new Random(7);
        SKColor[] colours = [new(0x7c, 0x2d, 0x12), new(0x43, 0x14, 0x07), new(0x1c, 0x0a, 0x05)];
        for (var layer = 0; layer < colours.Length; layer++)
        {
            using var ridge = new SKPathBuilder();
            var baseline = 470 + layer * 110;
            ridge.MoveTo(0, 800);
            for (var x = 0; x <= 1200; x += 40)
            {
                ridge.LineTo(x, baseline - (float)(Math.Sin((x + layer * 300) / 170.0) * 60 + ridges.Next(30)));
            }

            ridge.LineTo(1200, 800);
            ridge.Close();
            using var path = ridge.Detach();
            paint.Color = colours[layer];
            canvas.DrawPath(path, paint);
        }
    }));

    /// <summary>A transparent wordmark logo <paramref name="aspect"/> times as wide as tall: a rounded mark and two bars of "text".</summary>
    public static string WordmarkDataUri(SKColor ink, int aspect = 4) => DataUri(Png(100 * aspect, 100, canvas =>
    {
        canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { Color = ink, IsAntialias = true };
        canvas.DrawRoundRect(SKRect.Create(4, 8, 84, 84), 18, 18, paint);
        canvas.DrawRect(SKRect.Create(104, 22, 100 * aspect - 112, 24), paint);
        canvas.DrawRect(SKRect.Create(104, 58, (100 * aspect - 112) * 0.6f, 20), paint);
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

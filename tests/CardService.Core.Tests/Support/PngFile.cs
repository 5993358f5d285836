using System.Buffers.Binary;
using System.IO.Compression;

namespace CardService.Core.Tests.Support;

/// <summary>A PNG split into its chunks, read independently of the encoder under test (own CRC, own inflate).</summary>
internal sealed record PngChunk(string Type, byte[] Data, uint StoredCrc)
{
    public bool CrcIsValid => StoredCrc == PngFile.Crc(System.Text.Encoding.ASCII.GetBytes(Type), Data);
}

internal static class PngFile
{
    private static readonly uint[] Table = BuildTable();

    public static IReadOnlyList<PngChunk> Chunks(ReadOnlySpan<byte> png)
    {
        if (!png[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            throw new InvalidDataException("No PNG signature.");
        }

        var chunks = new List<PngChunk>();
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png[offset..]);
            var type = System.Text.Encoding.ASCII.GetString(png.Slice(offset + 4, 4));
            var data = png.Slice(offset + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + length)..]);
            chunks.Add(new PngChunk(type, data, crc));
            offset += 12 + length;
        }

        return chunks;
    }

    /// <summary>IHDR's colour type: 2 for RGB, 3 for a palette.</summary>
    public static byte ColourType(ReadOnlySpan<byte> png) => Chunks(png)[0].Data[9];

    /// <summary>The concatenated IDAT payload, inflated with System.IO.Compression.</summary>
    public static byte[] InflatedImageData(ReadOnlySpan<byte> png)
    {
        var compressed = Chunks(png).Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var input = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    public static uint Crc(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using CardService.Core.Fonts;

namespace CardService.Core.Tests.Support;

/// <summary>A tiny WOFF 1.0 encoder for tests: wraps a TTF/OTF's tables, each zlib-compressed when that makes it smaller.</summary>
internal static class WoffFile
{
    public static string BundledFont(string file) => Path.Combine(new FontOptions().Directory, file);

    /// <summary>The tables of an sfnt file: tag → bytes, in file order.</summary>
    public static List<(uint Tag, uint Checksum, byte[] Data)> Tables(byte[] sfnt)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(sfnt.AsSpan(4));
        var tables = new List<(uint, uint, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var record = sfnt.AsSpan(12 + (i * 16), 16);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            tables.Add((BinaryPrimitives.ReadUInt32BigEndian(record), BinaryPrimitives.ReadUInt32BigEndian(record[4..]), sfnt.AsSpan(offset, length).ToArray()));
        }

        return tables;
    }

    public static byte[] FromSfnt(byte[] sfnt)
    {
        var tables = Tables(sfnt);
        var stored = tables.Select(t => (t.Tag, t.Checksum, Orig: t.Data.Length, Bytes: Compress(t.Data) is var z && z.Length < t.Data.Length ? z : t.Data)).ToList();
        var directoryEnd = 44 + (20 * tables.Count);
        var size = directoryEnd + stored.Sum(s => (s.Bytes.Length + 3) & ~3);
        var totalSfnt = 12 + (16 * tables.Count) + tables.Sum(t => (t.Data.Length + 3) & ~3);
        var woff = new byte[size];
        var span = woff.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, WoffReader.Signature);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], BinaryPrimitives.ReadUInt32BigEndian(sfnt));
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)size);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], (ushort)tables.Count);
        BinaryPrimitives.WriteUInt32BigEndian(span[16..], (uint)totalSfnt);
        BinaryPrimitives.WriteUInt16BigEndian(span[20..], 1);
        var offset = directoryEnd;
        for (var i = 0; i < stored.Count; i++)
        {
            var entry = span.Slice(44 + (20 * i), 20);
            BinaryPrimitives.WriteUInt32BigEndian(entry, stored[i].Tag);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)stored[i].Bytes.Length);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)stored[i].Orig);
            BinaryPrimitives.WriteUInt32BigEndian(entry[16..], stored[i].Checksum);
            stored[i].Bytes.CopyTo(span[offset..]);
            offset += (stored[i].Bytes.Length + 3) & ~3;
        }

        return woff;
    }

    /// <summary>The offset of table <paramref name="index"/>'s directory entry in a WOFF file.</summary>
    public static int EntryOffset(int index) => 44 + (20 * index);

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}

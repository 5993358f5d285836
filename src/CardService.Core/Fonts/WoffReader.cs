using System.Buffers.Binary;
using System.IO.Compression;

namespace CardService.Core.Fonts;

/// <summary>
/// Unpacks a WOFF 1.0 file into the TTF/OTF (sfnt) data it wraps, in memory: HarfBuzz shapes sfnt only. WOFF is a header,
/// a table directory and each table zlib-compressed (or stored); every offset and length is checked against the file and
/// the output is bounded, so a damaged or hostile file is a sentence, never an exception from deep inside a decoder.
/// </summary>
public static class WoffReader
{
    /// <summary>The largest font the reader will unpack (the bundled CJK collection is 20 MB).</summary>
    public const int MaxSfntBytes = 64 * 1024 * 1024;

    private const int HeaderBytes = 44;
    private const int DirectoryEntryBytes = 20;
    private const int SfntRecordBytes = 16;

    /// <summary>"wOFF", the first four bytes of a WOFF 1.0 file.</summary>
    public const uint Signature = 0x774F4646;

    /// <summary>The sfnt data of <paramref name="woff"/>, or why it cannot be read (a sentence).</summary>
    public static (byte[]? Sfnt, string? Problem) ToSfnt(ReadOnlySpan<byte> woff)
    {
        if (woff.Length < HeaderBytes || BinaryPrimitives.ReadUInt32BigEndian(woff) != Signature)
        {
            return Fail("it does not start with a WOFF header");
        }

        var flavor = BinaryPrimitives.ReadUInt32BigEndian(woff[4..]);
        var declaredLength = BinaryPrimitives.ReadUInt32BigEndian(woff[8..]);
        int tableCount = BinaryPrimitives.ReadUInt16BigEndian(woff[12..]);
        var totalSfntSize = BinaryPrimitives.ReadUInt32BigEndian(woff[16..]);
        if (declaredLength != woff.Length)
        {
            return Fail($"its header says {declaredLength} bytes but the file has {woff.Length} (truncated or padded)");
        }

        if (tableCount == 0 || HeaderBytes + ((long)tableCount * DirectoryEntryBytes) > woff.Length)
        {
            return Fail($"its table directory ({tableCount} tables) does not fit in the file");
        }

        if (totalSfntSize > MaxSfntBytes)
        {
            return Fail($"it unpacks to {totalSfntSize} bytes, more than the {MaxSfntBytes} allowed");
        }

        // The sfnt: offset table, one record per table, then the tables, each padded to 4 bytes.
        var tables = new (uint Tag, uint Checksum, int Offset, int CompLength, int OrigLength)[tableCount];
        long size = 12 + ((long)tableCount * SfntRecordBytes);
        for (var i = 0; i < tableCount; i++)
        {
            var entry = woff.Slice(HeaderBytes + (i * DirectoryEntryBytes), DirectoryEntryBytes);
            var tag = BinaryPrimitives.ReadUInt32BigEndian(entry);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            var compLength = BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            var origLength = BinaryPrimitives.ReadUInt32BigEndian(entry[12..]);
            if (offset > woff.Length || compLength > woff.Length - offset)
            {
                return Fail($"table '{TagName(tag)}' lies outside the file");
            }

            if (compLength > origLength)
            {
                return Fail($"table '{TagName(tag)}' is stored larger ({compLength} bytes) than it unpacks ({origLength})");
            }

            size += (origLength + 3L) & ~3L;
            if (size > MaxSfntBytes || size > totalSfntSize)
            {
                return Fail($"its tables unpack to more than the {totalSfntSize} bytes its header declares");
            }

            tables[i] = (tag, BinaryPrimitives.ReadUInt32BigEndian(entry[16..]), (int)offset, (int)compLength, (int)origLength);
        }

        var sfnt = new byte[size];
        WriteOffsetTable(sfnt, flavor, tableCount);
        var dataOffset = 12 + (tableCount * SfntRecordBytes);
        for (var i = 0; i < tableCount; i++)
        {
            var (tag, checksum, offset, compLength, origLength) = tables[i];
            var target = sfnt.AsSpan(dataOffset, origLength);
            var stored = woff.Slice(offset, compLength);
            if (compLength == origLength)
            {
                stored.CopyTo(target);
            }
            else if (!Inflate(stored, target))
            {
                return Fail($"table '{TagName(tag)}' does not unpack to the {origLength} bytes its entry declares");
            }

            var record = sfnt.AsSpan(12 + (i * SfntRecordBytes), SfntRecordBytes);
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)dataOffset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)origLength);
            dataOffset += (origLength + 3) & ~3;
        }

        return (sfnt, null);
    }

    private static void WriteOffsetTable(Span<byte> sfnt, uint flavor, int tableCount)
    {
        // searchRange, entrySelector and rangeShift as the OpenType spec derives them from the table count.
        var entrySelector = 31 - int.LeadingZeroCount(tableCount);
        var searchRange = (1 << entrySelector) * 16;
        BinaryPrimitives.WriteUInt32BigEndian(sfnt, flavor);
        BinaryPrimitives.WriteUInt16BigEndian(sfnt[4..], (ushort)tableCount);
        BinaryPrimitives.WriteUInt16BigEndian(sfnt[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(sfnt[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(sfnt[10..], (ushort)((tableCount * 16) - searchRange));
    }

    /// <summary>Inflates exactly <paramref name="target"/>'s length of bytes from a zlib stream; false when it holds fewer, more, or is damaged.</summary>
    private static unsafe bool Inflate(ReadOnlySpan<byte> compressed, Span<byte> target)
    {
        fixed (byte* start = compressed)
        {
            using var input = new UnmanagedMemoryStream(start, compressed.Length);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            try
            {
                zlib.ReadExactly(target);
                return zlib.ReadByte() == -1;
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                return false;
            }
        }
    }

    private static string TagName(uint tag) =>
        string.Create(4, tag, (chars, t) =>
        {
            for (var i = 0; i < 4; i++)
            {
                var c = (char)((t >> (24 - (8 * i))) & 0xFF);
                chars[i] = c is >= ' ' and <= '~' ? c : '?';
            }
        });

    private static (byte[]? Sfnt, string? Problem) Fail(string why) => (null, $"not a readable WOFF file: {why}");
}

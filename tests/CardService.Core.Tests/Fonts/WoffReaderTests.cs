using System.Buffers.Binary;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Fonts;

public class WoffReaderTests
{
    private static readonly byte[] Ttf = File.ReadAllBytes(WoffFile.BundledFont("NotoSansHebrew-Bold.ttf"));

    [Theory]
    [InlineData("NotoSansHebrew-Bold.ttf")]
    [InlineData("NotoSans-Regular.ttf")]
    [InlineData("Inter-Bold.otf")]
    public void ToSfnt_WoffOfABundledFont_GivesEveryTableBackByteForByte(string file)
    {
        var sfnt = File.ReadAllBytes(WoffFile.BundledFont(file));

        var (unpacked, problem) = WoffReader.ToSfnt(WoffFile.FromSfnt(sfnt));

        Assert.Null(problem);
        Assert.NotNull(unpacked);
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(sfnt), BinaryPrimitives.ReadUInt32BigEndian(unpacked));
        var expected = WoffFile.Tables(sfnt).OrderBy(t => t.Tag).ToList();
        var actual = WoffFile.Tables(unpacked);
        Assert.Equal(expected.Select(t => t.Tag), actual.Select(t => t.Tag));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Checksum, actual[i].Checksum);
            Assert.Equal(expected[i].Data, actual[i].Data);
        }
    }

    [Fact]
    public void ToSfnt_OffsetTable_HasTheSearchFieldsOpenTypeDerives()
    {
        var (unpacked, _) = WoffReader.ToSfnt(WoffFile.FromSfnt(Ttf));

        int count = BinaryPrimitives.ReadUInt16BigEndian(unpacked.AsSpan(4));
        var power = 1 << (31 - int.LeadingZeroCount(count));
        Assert.Equal(power * 16, BinaryPrimitives.ReadUInt16BigEndian(unpacked.AsSpan(6)));
        Assert.Equal(31 - int.LeadingZeroCount(power), BinaryPrimitives.ReadUInt16BigEndian(unpacked.AsSpan(8)));
        Assert.Equal((count * 16) - (power * 16), BinaryPrimitives.ReadUInt16BigEndian(unpacked.AsSpan(10)));
    }

    [Fact]
    public void ToSfnt_NotWoff_SaysSo()
    {
        var (sfnt, problem) = WoffReader.ToSfnt(Ttf);

        Assert.Null(sfnt);
        Assert.Equal("not a readable WOFF file: it does not start with a WOFF header", problem);
    }

    [Fact]
    public void ToSfnt_Truncated_SaysTheFileIsShorterThanItsHeader()
    {
        var woff = WoffFile.FromSfnt(Ttf);

        var (sfnt, problem) = WoffReader.ToSfnt(woff.AsSpan(0, woff.Length - 100));

        Assert.Null(sfnt);
        Assert.Contains($"its header says {woff.Length} bytes but the file has {woff.Length - 100}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSfnt_TableOffsetPastTheEnd_NamesTheTable()
    {
        var woff = WoffFile.FromSfnt(Ttf);
        BinaryPrimitives.WriteUInt32BigEndian(woff.AsSpan(WoffFile.EntryOffset(0) + 4), (uint)woff.Length - 2);

        var (sfnt, problem) = WoffReader.ToSfnt(woff);

        Assert.Null(sfnt);
        Assert.Matches("table '[ -~]{4}' lies outside the file", problem);
    }

    [Fact]
    public void ToSfnt_TableStoredLargerThanItUnpacks_IsRefused()
    {
        var woff = WoffFile.FromSfnt(Ttf);
        var entry = woff.AsSpan(WoffFile.EntryOffset(0));
        BinaryPrimitives.WriteUInt32BigEndian(entry[12..], BinaryPrimitives.ReadUInt32BigEndian(entry[8..]) - 1);

        var (_, problem) = WoffReader.ToSfnt(woff);

        Assert.Contains("is stored larger", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSfnt_DamagedCompressedTable_SaysItDoesNotUnpack()
    {
        var woff = WoffFile.FromSfnt(Ttf);
        var (index, offset, length) = CompressedTable(woff);
        woff.AsSpan(offset + 2, length - 2).Fill(0xFF);

        var (sfnt, problem) = WoffReader.ToSfnt(woff);

        Assert.Null(sfnt);
        Assert.Contains("does not unpack to the", problem, StringComparison.Ordinal);
        Assert.True(index >= 0);
    }

    [Fact]
    public void ToSfnt_DeclaredLengthLargerThanTheZlibData_SaysItDoesNotUnpack()
    {
        var woff = WoffFile.FromSfnt(Ttf);
        var (index, _, _) = CompressedTable(woff);
        var entry = woff.AsSpan(WoffFile.EntryOffset(index));
        BinaryPrimitives.WriteUInt32BigEndian(entry[12..], BinaryPrimitives.ReadUInt32BigEndian(entry[12..]) + 4);
        // Keep the total consistent so the per-table check is what fails.
        BinaryPrimitives.WriteUInt32BigEndian(woff.AsSpan(16), BinaryPrimitives.ReadUInt32BigEndian(woff.AsSpan(16)) + 4);

        var (_, problem) = WoffReader.ToSfnt(woff);

        Assert.Contains("does not unpack to the", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSfnt_HeaderPromisesMoreThanTheLimit_IsRefusedBeforeUnpacking()
    {
        var woff = WoffFile.FromSfnt(Ttf);
        BinaryPrimitives.WriteUInt32BigEndian(woff.AsSpan(16), WoffReader.MaxSfntBytes + 1u);

        var (_, problem) = WoffReader.ToSfnt(woff);

        Assert.Contains($"more than the {WoffReader.MaxSfntBytes} allowed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSfnt_TablesLargerThanTheDeclaredTotal_AreRefused()
    {
        var woff = WoffFile.FromSfnt(Ttf);
        BinaryPrimitives.WriteUInt32BigEndian(woff.AsSpan(16), 100);

        var (_, problem) = WoffReader.ToSfnt(woff);

        Assert.Contains("more than the 100 bytes its header declares", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSfnt_DirectoryLongerThanTheFile_IsRefused()
    {
        var woff = WoffFile.FromSfnt(Ttf).AsSpan(0, 64).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(woff.AsSpan(8), 64);

        var (_, problem) = WoffReader.ToSfnt(woff);

        Assert.Contains("does not fit in the file", problem, StringComparison.Ordinal);
    }

    private static (int Index, int Offset, int Length) CompressedTable(byte[] woff)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(woff.AsSpan(12));
        for (var i = 0; i < count; i++)
        {
            var entry = woff.AsSpan(WoffFile.EntryOffset(i));
            var compressed = (int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            if (compressed < BinaryPrimitives.ReadUInt32BigEndian(entry[12..]) && compressed > 16)
            {
                return (i, (int)BinaryPrimitives.ReadUInt32BigEndian(entry[4..]), compressed);
            }
        }

        throw new InvalidOperationException("The test font has no compressed table.");
    }
}

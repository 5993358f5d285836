using CardService.Core.Fonts;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Fonts;

public sealed class BrandFontTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("brandfont-");

    [Theory]
    [InlineData("NotoSans-Bold.ttf")]
    [InlineData("Inter-Bold.otf")]
    public void Open_TtfOrOtf_GivesTheFace(string file)
    {
        var (face, problem) = BrandFont.Open(WoffFile.BundledFont(file));

        using (face)
        {
            Assert.Null(problem);
            Assert.NotNull(face);
            Assert.True(face.HasGlyph('A'));
            Assert.Equal(file, face.Name);
        }
    }

    [Fact]
    public void Open_Woff_GivesTheSameFaceAsItsTtf()
    {
        var ttf = WoffFile.BundledFont("NotoSans-Bold.ttf");
        var woff = Write("brand.woff", WoffFile.FromSfnt(File.ReadAllBytes(ttf)));

        var (fromTtf, _) = BrandFont.Open(ttf);
        var (fromWoff, problem) = BrandFont.Open(woff);

        using (fromTtf)
        using (fromWoff)
        {
            Assert.Null(problem);
            Assert.NotNull(fromWoff);
            Assert.Equal(fromTtf!.GlyphCount, fromWoff.GlyphCount);
            Assert.Equal(fromTtf.UnitsPerEm, fromWoff.UnitsPerEm);
            Assert.Equal(fromTtf.AscentEm, fromWoff.AscentEm);
            Assert.True(fromWoff.HasGlyph('ж'));
        }
    }

    [Fact]
    public void Open_Woff2_IsRefusedSayingWhatToGiveInstead()
    {
        var path = Write("brand.woff2", [.. "wOF2"u8, .. new byte[60]]);

        var (face, problem) = BrandFont.Open(path);

        Assert.Null(face);
        Assert.Equal($"'{path}' is WOFF2, which this service does not unpack (Brotli plus table transforms): give the font's TTF, OTF or WOFF file.", problem);
    }

    [Fact]
    public void Open_Collection_IsRefused()
    {
        var (face, problem) = BrandFont.Open(WoffFile.BundledFont("NotoSansCJK-Bold.ttc"));

        Assert.Null(face);
        Assert.Contains("is a font collection (TTC): give a single TTF or OTF face.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingFile_SaysThereIsNoFile()
    {
        var path = Path.Combine(_folder.FullName, "nope.ttf");

        var (face, problem) = BrandFont.Open(path);

        Assert.Null(face);
        Assert.Equal($"there is no font file at '{path}'.", problem);
    }

    [Fact]
    public void Open_TextFile_IsNotAFont()
    {
        var path = Write("brand.ttf", "<html>not a font</html>"u8.ToArray());

        var (face, problem) = BrandFont.Open(path);

        Assert.Null(face);
        Assert.Equal($"'{path}' is not a TTF, OTF or WOFF font (its first bytes are no font signature).", problem);
    }

    [Fact]
    public void Open_DamagedWoff_SaysWhatIsWrong()
    {
        var woff = WoffFile.FromSfnt(File.ReadAllBytes(WoffFile.BundledFont("NotoSansHebrew-Bold.ttf")));
        var path = Write("brand.woff", woff.AsSpan(0, woff.Length / 2).ToArray());

        var (face, problem) = BrandFont.Open(path);

        Assert.Null(face);
        Assert.StartsWith($"'{path}' is not a readable WOFF file: its header says", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TrueTypeSignatureOverGarbage_IsNotAFontSkiaAndHarfBuzzRead()
    {
        var bytes = new byte[4096];
        new Random(12).NextBytes(bytes);
        bytes[0] = 0;
        bytes[1] = 1;
        bytes[2] = 0;
        bytes[3] = 0;
        var path = Write("brand.ttf", bytes);

        var (face, problem) = BrandFont.Open(path);

        Assert.Null(face);
        Assert.Equal($"'{path}' is not a font Skia and HarfBuzz can read: its tables are damaged or missing.", problem);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}

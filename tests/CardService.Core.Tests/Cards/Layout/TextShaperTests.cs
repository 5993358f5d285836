using CardService.Core.Cards.Layout;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Cards.Layout;

public class TextShaperTests
{
    private static TextShaper CreateSut() => new(TestFonts.Registry);

    [Fact]
    public void Shape_ZwjFamily_IsOneGlyphFromTheEmojiFace()
    {
        var sut = CreateSut();

        var shaped = sut.Shape("👩\u200D👩\u200D👧\u200D👦", FontWeight.Bold);

        var run = Assert.Single(shaped.Runs);
        Assert.True(run.Face.IsEmoji);
        Assert.Single(run.Glyphs);
        Assert.Empty(shaped.MissingCodePoints);
    }

    [Fact]
    public void Shape_CombiningAcute_StaysInOneCluster()
    {
        var sut = CreateSut();

        var shaped = sut.Shape("Cafe\u0301 ok", FontWeight.Regular);

        var run = Assert.Single(shaped.Runs);
        Assert.Equal(0, shaped.ClusterAdvances[4]);
        Assert.True(shaped.ClusterAdvances[3] > 0);
        Assert.DoesNotContain(4, run.Clusters);
    }

    [Fact]
    public void Shape_DevanagariConjunct_ShapesWithItsMarksInTheDevanagariFace()
    {
        var sut = CreateSut();
        const string text = "क्षत्रिय"; // 8 code points: ka virama ssa ta virama ra i-sign ya

        var shaped = sut.Shape(text, FontWeight.Bold);

        var run = Assert.Single(shaped.Runs);
        Assert.StartsWith("NotoSansDevanagari", run.Face.Name, StringComparison.Ordinal);
        Assert.True(run.Glyphs.Length < text.Length, $"{run.Glyphs.Length} glyphs for {text.Length} code points: conjuncts did not form");
        Assert.DoesNotContain((ushort)0, run.Glyphs);
    }

    [Fact]
    public void Shape_ArabicWord_UsesJoiningForms()
    {
        var sut = CreateSut();

        var isolated = sut.Shape("ب", FontWeight.Regular).Runs[0].Glyphs[0];
        var joined = sut.Shape("ببب", FontWeight.Regular).Runs[0].Glyphs;

        Assert.Equal(3, joined.Length);
        Assert.All(joined, g => Assert.NotEqual(isolated, g));
        Assert.Equal(3, joined.Distinct().Count()); // final, medial, initial
    }

    [Theory]
    [InlineData("Hello", "Inter")]
    [InlineData("Ελληνικά", "Inter")]
    [InlineData("Кириллица", "Inter")]
    [InlineData("مرحبا", "NotoSansArabic")]
    [InlineData("שלום", "NotoSansHebrew")]
    [InlineData("नमस्ते", "NotoSansDevanagari")]
    [InlineData("สวัสดี", "NotoSansThai")]
    [InlineData("中文", "NotoSansCJK")]
    [InlineData("日本語", "NotoSansCJK")]
    [InlineData("한국어", "NotoSansCJK")]
    [InlineData("🎉", "NotoColorEmoji")]
    public void Shape_Script_PicksAFaceThatDrawsIt(string text, string face)
    {
        var sut = CreateSut();

        var shaped = sut.Shape(text, FontWeight.Bold);

        var run = Assert.Single(shaped.Runs);
        Assert.StartsWith(face, run.Face.Name, StringComparison.Ordinal);
        Assert.DoesNotContain((ushort)0, run.Glyphs);
        Assert.Empty(shaped.MissingCodePoints);
    }

    [Fact]
    public void Shape_SpacesAndDigitsBetweenWords_StayInTheRun()
    {
        var sut = CreateSut();

        var shaped = sut.Shape("שלום עולם - 2", FontWeight.Bold);

        // The Hebrew words with the spaces and dash between them, then the digit (a bidi level of its own).
        Assert.Equal([(0, 12, 1), (12, 1, 2)], shaped.Runs.Select(r => (r.Start, r.Length, (int)r.Level)));
    }

    [Fact]
    public void Shape_UnknownSymbolAndPrivateUse_AreMissingOnce()
    {
        var sut = CreateSut();

        var shaped = sut.Shape("𝄞 \uE000 𝄞 \uE000", FontWeight.Regular);

        Assert.Equal([0xE000, 0x1D11E], shaped.MissingCodePoints.Order().ToArray());
    }

    [Theory]
    [InlineData("かな", CjkVariant.Japanese)]
    [InlineData("漢字とかな", CjkVariant.Japanese)]
    [InlineData("한글", CjkVariant.Korean)]
    [InlineData("汉字", CjkVariant.SimplifiedChinese)]
    [InlineData("latin", CjkVariant.Japanese)]
    public void CjkVariantOf_Text_PicksTheTypography(string text, CjkVariant expected)
    {
        Assert.Equal(expected, TextShaper.CjkVariantOf(text));
    }

    [Theory]
    [InlineData(' ', false)]
    [InlineData('\u200D', false)]
    [InlineData('\uFE0F', false)]
    [InlineData('\u200F', false)]
    [InlineData('a', true)]
    [InlineData('\u0301', true)]
    public void IsDrawable_CodePoint_OnlyWhatHasAGlyphOfItsOwn(char c, bool expected)
    {
        Assert.Equal(expected, TextShaper.IsDrawable(c));
    }
}

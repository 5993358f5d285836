using CardService.Core.Cards.Layout;

namespace CardService.Core.Tests.Cards.Layout;

public class BidiTests
{
    [Fact]
    public void Levels_LatinOnly_AllZeroWithoutIcu()
    {
        var (levels, paragraph) = Bidi.Levels("plain text", TextShaper.AutoLevel);

        Assert.Equal(0, paragraph);
        Assert.All(levels, l => Assert.Equal(0, l));
    }

    [Fact]
    public void Levels_HebrewWithEnglishAndDigits_RtlParagraphWithLtrIsland()
    {
        const string text = "שלום hello 123 סוף";

        var (levels, paragraph) = Bidi.Levels(text, TextShaper.AutoLevel);

        Assert.Equal(1, paragraph);
        Assert.Equal(1, levels[0]);
        Assert.Equal(2, levels[text.IndexOf('h', StringComparison.Ordinal)]);
        Assert.Equal(2, levels[text.IndexOf('1', StringComparison.Ordinal)]);
        Assert.Equal(1, levels[^1]);
    }

    [Fact]
    public void Levels_ArabicDigitsInArabic_AreLeftToRight()
    {
        const string text = "عام ٢٠٢٤ جديد";

        var (levels, _) = Bidi.Levels(text, TextShaper.AutoLevel);

        Assert.Equal(2, levels[text.IndexOf('٢', StringComparison.Ordinal)]);
    }

    [Fact]
    public void Levels_ExplicitRtlMarkWithLatin_IsDetected()
    {
        var (_, paragraph) = Bidi.Levels("\u200Fabc", 1);

        Assert.Equal(1, paragraph);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, new[] { 0, 1, 2 })]
    [InlineData(new byte[] { 1, 1, 1 }, new[] { 2, 1, 0 })]
    [InlineData(new byte[] { 1, 2, 1 }, new[] { 2, 1, 0 })]
    [InlineData(new byte[] { 1, 2, 2, 1 }, new[] { 3, 1, 2, 0 })]
    [InlineData(new byte[] { 0, 1, 1, 0, 2 }, new[] { 0, 2, 1, 3, 4 })]
    [InlineData(new byte[] { 1, 1, 2, 2, 1 }, new[] { 4, 2, 3, 1, 0 })]
    [InlineData(new byte[] { }, new int[] { })]
    public void VisualOrder_Levels_ReversesPerRuleL2(byte[] levels, int[] expected)
    {
        Assert.Equal(expected, Bidi.VisualOrder(levels));
    }
}

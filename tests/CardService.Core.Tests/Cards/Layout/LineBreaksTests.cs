using CardService.Core.Cards.Layout;
using CardService.Core.Fonts;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Cards.Layout;

public class LineBreaksTests
{
    private static List<int> Opportunities(string text) =>
        LineBreaks.Opportunities(new TextShaper(TestFonts.Registry).Shape(text, FontWeight.Bold));

    [Fact]
    public void Opportunities_Words_AfterEachSpaceAndAtTheEnd()
    {
        Assert.Equal([6, 12, 17], Opportunities("hello brave world"));
    }

    [Fact]
    public void Opportunities_EmptyText_None()
    {
        Assert.Empty(Opportunities(""));
    }

    [Fact]
    public void Opportunities_Han_BetweenCharactersButNotBeforeClosingPunctuation()
    {
        Assert.Equal([1, 3, 4, 5], Opportunities("你好。世界"));
    }

    [Theory]
    [InlineData("Ship it🚀 now", new[] { 5, 10, 13 })] // no break between "it" and the rocket
    [InlineData("🚀Launch day", new[] { 9, 12 })] // nor between the rocket and "Launch"
    [InlineData("go🚀🚀 now", new[] { 7, 10 })] // nor between two emoji glued to a word
    [InlineData("go 🚀 now", new[] { 3, 6, 9 })] // a free-standing emoji is a word of its own
    public void Opportunities_EmojiGluedToAWord_NoBreakAtTheJoin(string text, int[] expected)
    {
        Assert.Equal(expected, Opportunities(text));
    }

    [Fact]
    public void Opportunities_ZwjFamily_NoBreakInside()
    {
        Assert.Equal([11], Opportunities("👩\u200D👩\u200D👧\u200D👦"));
    }
}

using System.Globalization;
using CardService.Core.Cards.Layout;

namespace CardService.Core.Tests.Cards.Layout;

public class EmojiTests
{
    [Theory]
    [InlineData("🚀", true)]
    [InlineData("👩\u200D👩\u200D👧\u200D👦", true)]
    [InlineData("👍🏽", true)]
    [InlineData("🇯🇵", true)]
    [InlineData("⌚", true)]
    [InlineData("❤\uFE0F", true)]
    [InlineData("1\uFE0F\u20E3", true)]
    [InlineData("❤", false)]
    [InlineData("☺\uFE0E", false)]
    [InlineData("⌚\uFE0E", false)]
    [InlineData("a", false)]
    [InlineData("1", false)]
    [InlineData("é", false)]
    [InlineData("中", false)]
    public void IsEmojiGrapheme_Grapheme_IsEmojiWhenDrawnInColour(string grapheme, bool expected)
    {
        Assert.Equal(1, new StringInfo(grapheme).LengthInTextElements);

        Assert.Equal(expected, Emoji.IsEmojiGrapheme(grapheme, 0, grapheme.Length));
    }

    [Fact]
    public void StartsAt_OutsideTheText_False()
    {
        Assert.False(Emoji.StartsAt("🚀", -1));
        Assert.False(Emoji.StartsAt("🚀", 2));
        Assert.True(Emoji.StartsAt("a🚀", 1));
    }
}

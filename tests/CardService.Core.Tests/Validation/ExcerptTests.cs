using System.Globalization;
using CardService.Core.Validation;

namespace CardService.Core.Tests.Validation;

public class ExcerptTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A short title")]
    public void Of_ShortOrNull_IsUnchanged(string? text) => Assert.Equal(text, Excerpt.Of(text));

    [Fact]
    public void Of_ExactlyTheLimit_IsUnchanged()
    {
        var text = new string('a', Excerpt.MaxTextElements);

        Assert.Equal(text, Excerpt.Of(text));
    }

    [Fact]
    public void Of_LongText_KeepsTheFirst80CharactersAndAnEllipsis()
    {
        var text = string.Concat(Enumerable.Range(0, 50).Select(i => i.ToString("00 ", CultureInfo.InvariantCulture)));

        var sut = Excerpt.Of(text)!;

        Assert.Equal(text[..Excerpt.MaxTextElements] + "…", sut);
    }

    [Fact]
    public void Of_EmojiAndCombiningMarks_CountsWhatAPersonSeesAndNeverSplitsOne()
    {
        // 👍🏽 is two code points (four UTF-16 units), é here is e + U+0301: one character each to a reader.
        var text = string.Concat(Enumerable.Repeat("👍🏽e\u0301", 60));

        var sut = Excerpt.Of(text)!;

        Assert.EndsWith("…", sut, StringComparison.Ordinal);
        Assert.Equal(Excerpt.MaxTextElements + 1, new StringInfo(sut).LengthInTextElements);
        Assert.StartsWith(sut[..^1], text, StringComparison.Ordinal);
        Assert.EndsWith("👍🏽e\u0301", sut[..^1], StringComparison.Ordinal);
    }
}

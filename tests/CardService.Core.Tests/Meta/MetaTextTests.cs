using CardService.Core.Meta;

namespace CardService.Core.Tests.Meta;

public sealed class MetaTextTests
{
    [Theory]
    [InlineData("  a  b\n\tc ", "a b c")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Collapse_Whitespace_TrimsAndCollapses(string value, string expected)
    {
        Assert.Equal(expected, MetaText.Collapse(value));
    }

    [Fact]
    public void TruncateChars_SurrogatePairAtTheCut_IsNotSplit()
    {
        var (sut, truncated) = MetaText.TruncateChars("ab😀cd", 4, "…");

        Assert.Equal("ab😀…", sut);
        Assert.True(truncated);
    }

    [Fact]
    public void TruncateUtf8Bytes_MultiByteCharacterAtTheCut_IsDroppedWhole()
    {
        var (sut, truncated) = MetaText.TruncateUtf8Bytes("aé€x", 4, "...");

        Assert.Equal("aé...", sut);
        Assert.True(truncated);
    }

    [Theory]
    [InlineData("1200", 1200)]
    [InlineData(" 630 ", 630)]
    [InlineData("1200px", null)]
    [InlineData("-1", null)]
    public void ParseDimension_Values_ParsesWholeNumbersOnly(string value, int? expected)
    {
        Assert.Equal(expected, MetaText.ParseDimension(value));
    }
}

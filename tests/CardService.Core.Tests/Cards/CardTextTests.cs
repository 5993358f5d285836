using CardService.Core.Cards;

namespace CardService.Core.Tests.Cards;

/// <summary>Limits count what a person sees (text elements), with a cap on UTF-16 units for piles of combining marks.</summary>
public class CardTextTests
{
    private static string Emoji(int count) => string.Concat(Enumerable.Repeat("\U0001F600", count));

    [Fact]
    public void TooLong_151EmojiUnder300_IsNull()
    {
        Assert.Null(CardText.TooLong("title", Emoji(151), 300));
    }

    [Fact]
    public void TooLong_301Emoji_CountsCharactersNotUnits()
    {
        Assert.Equal("The title is 301 characters; at most 300 are allowed.", CardText.TooLong("title", Emoji(301), 300));
    }

    [Fact]
    public void TooLong_FamilyEmojiAndAccents_CountOnceEach()
    {
        var family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
        var accented = "e\u0301";

        Assert.Equal(2, CardText.Length(family + accented));
        Assert.Null(CardText.TooLong("title", string.Concat(Enumerable.Repeat(family, 300)), 300));
    }

    [Fact]
    public void TooLong_OneLetterWithThousandsOfCombiningMarks_IsRefusedByUnits()
    {
        var zalgo = "a" + new string('\u0301', 5000);

        Assert.Equal(1, CardText.Length(zalgo));
        Assert.Contains("UTF-16 units", CardText.TooLong("author", zalgo, 300), StringComparison.Ordinal);
    }

    [Fact]
    public void Clip_LongEmojiText_KeepsWholeCharactersAndEndsWithEllipsis()
    {
        var sut = CardText.Clip(Emoji(400), 300);

        Assert.Equal(300, CardText.Length(sut));
        Assert.EndsWith("\U0001F600…", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Clip_CombiningPile_StaysWithinTheUnitCap()
    {
        var sut = CardText.Clip("ab" + new string('\u0301', 10_000), 300);

        Assert.True(sut.Length <= 300 * CardText.MaxUnitsPerCharacter, sut.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(CardText.TooLong("title", sut, 300));
    }

    [Fact]
    public void Clip_ShortText_IsUnchanged()
    {
        Assert.Equal("Hello", CardText.Clip("Hello", 300));
    }
}

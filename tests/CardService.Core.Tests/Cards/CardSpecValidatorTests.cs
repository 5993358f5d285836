using CardService.Core.Cards;

namespace CardService.Core.Tests.Cards;

public class CardSpecValidatorTests
{
    [Fact]
    public void Validate_DefaultSpecWithTitle_HasNoErrors()
    {
        var errors = CardSpecValidator.Validate(new CardSpec { Title = "Hello" });

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("", "title")]
    [InlineData("   ", "title")]
    public void Validate_BlankTitle_NamesTitle(string title, string field)
    {
        var errors = CardSpecValidator.Validate(new CardSpec { Title = title });

        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryField()
    {
        var spec = new CardSpec { Title = new string('x', 301), Theme = "neon", Accent = "#12", Width = 100, Height = 5000 };

        var errors = CardSpecValidator.Validate(spec);

        Assert.Equal(["accent", "height", "theme", "title", "width"], errors.Keys.Order());
    }
}

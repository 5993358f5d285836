using CardService.Core.Cards;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Cards;

public class CardLayoutTests
{
    private static CardLayout CreateSut() => new(TestFonts.Registry);

    [Theory]
    [InlineData(1200, 630)]
    [InlineData(1080, 1080)]
    [InlineData(200, 200)]
    [InlineData(2400, 2400)]
    [InlineData(777, 333)]
    public void Compose_AnySize_KeepsEveryBlockInsideThePaddingBox(int width, int height)
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder()
            .WithTitle(string.Join(' ', Enumerable.Repeat("Words that go on and on", 10)))
            .WithCategory("category")
            .WithDescription(string.Join(' ', Enumerable.Repeat("A description", 20)))
            .WithFooter("example.dev", "Ada Lovelace", "2024-05-01")
            .WithSize(width, height)
            .Build();

        var composition = sut.Compose(spec, hasLogo: false, logoAspect: 1);

        var s = composition.Scale;
        var box = SkiaSharp.SKRect.Create(80 * s, 72 * s, width - 160 * s, height - 144 * s);
        foreach (var placed in new[] { composition.Category, composition.Title, composition.Description, composition.FooterLeft, composition.FooterRight })
        {
            if (placed is null)
            {
                continue;
            }

            var right = placed.Origin.X + (placed.Block.IsRightToLeft ? placed.BoxWidth : placed.Block.Width);
            Assert.True(placed.Origin.X >= box.Left - 0.01f && right <= box.Right + 0.01f, $"x {placed.Origin.X}..{right} outside {box}");
            Assert.True(placed.Origin.Y >= box.Top - 0.01f && placed.Origin.Y + placed.Block.Height <= box.Bottom + 0.01f, $"y {placed.Origin.Y}+{placed.Block.Height} outside {box}");
        }
    }

    [Fact]
    public void Compose_TitleAndFooter_DoNotOverlap()
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder().WithTitle(string.Join(' ', Enumerable.Repeat("Long title", 30))).WithCategory("cat").WithFooter("site").Build();

        var composition = sut.Compose(spec, hasLogo: false, logoAspect: 1);

        Assert.True(composition.Category!.Origin.Y + composition.Category.Block.Height <= composition.Title.Origin.Y + 0.01f);
        Assert.True(composition.Title.Origin.Y + composition.Title.Block.Height <= composition.FooterMark.Top + 0.01f);
        Assert.True(composition.Title.Block.Clamped);
        Assert.Equal(3, composition.Title.Block.Lines.Length);
    }

    [Fact]
    public void Compose_TallCard_AllowsMoreTitleLines()
    {
        var sut = CreateSut();
        var title = string.Join(' ', Enumerable.Repeat("Long title", 30));

        var wide = sut.Compose(new CardSpecBuilder().WithTitle(title).Build(), false, 1);
        var square = sut.Compose(new CardSpecBuilder().WithTitle(title).WithSize(1080, 1080).Build(), false, 1);

        Assert.Equal(3, wide.Title.Block.Lines.Length);
        Assert.Equal(5, square.Title.Block.Lines.Length);
    }

    [Fact]
    public void Compose_ShortTitle_IsCentredBetweenCategoryAndFooter()
    {
        var sut = CreateSut();

        var composition = sut.Compose(new CardSpecBuilder().WithTitle("Short").WithCategory("cat").Build(), false, 1);

        var above = composition.Title.Origin.Y - (composition.Category!.Origin.Y + composition.Category.Block.Height);
        var below = composition.FooterMark.Top - (composition.FooterMark.Height == 6 ? 15 : 0) - (composition.Title.Origin.Y + composition.Title.Block.Height);
        Assert.Equal(above, below, 1);
        Assert.Equal(64, composition.Title.Block.FontSize);
    }

    [Fact]
    public void Compose_Logo_TakesItsAspectUpToAMaximumWidth()
    {
        var sut = CreateSut();

        var square = sut.Compose(new CardSpecBuilder().Build(), hasLogo: true, logoAspect: 1);
        var wide = sut.Compose(new CardSpecBuilder().Build(), hasLogo: true, logoAspect: 10);

        Assert.Equal((48f, 48f), (square.FooterMark.Width, square.FooterMark.Height));
        Assert.Equal(160f, wide.FooterMark.Width);
    }

    [Fact]
    public void Compose_MissingCodePointsInAnyField_AreCollectedOnce()
    {
        var sut = CreateSut();
        var spec = new CardSpecBuilder().WithTitle("𝄞").WithDescription("𝄞").WithFooter("\uE000", "𝄞").Build();

        var composition = sut.Compose(spec, false, 1);

        Assert.Equal([0xE000, 0x1D11E], composition.MissingCodePoints.Order().ToArray());
    }
}

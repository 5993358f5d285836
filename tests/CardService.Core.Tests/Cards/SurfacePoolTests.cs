using CardService.Core.Cards;
using SkiaSharp;

namespace CardService.Core.Tests.Cards;

public class SurfacePoolTests
{
    private static readonly SKImageInfo Small = new(10, 10, SKColorType.Rgba8888, SKAlphaType.Opaque); // 400 bytes
    private static readonly SKImageInfo Large = new(20, 10, SKColorType.Rgba8888, SKAlphaType.Opaque); // 800 bytes

    private static SurfacePool CreateSut(long budget) => new(budget);

    [Fact]
    public void Rent_InUseBeyondTheBudget_DrawsOnSkiasMemory()
    {
        var sut = CreateSut(budget: 800);

        using var first = sut.Rent(Small);
        using var second = sut.Rent(Small);
        using var third = sut.Rent(Small);

        Assert.True(first.IsPooled);
        Assert.True(second.IsPooled);
        Assert.False(third.IsPooled);
    }

    [Theory]
    [InlineData(10)] // a card of the same size
    [InlineData(20)] // a larger card
    public void Rent_AfterPixelsCameBack_LendsThemWholeToTheNextCard(int keptWidth)
    {
        var kept = Small with { Width = keptWidth };
        var sut = CreateSut(budget: kept.BytesSize64);
        sut.Rent(kept).Dispose();

        using var next = sut.Rent(Small);
        using var beside = sut.Rent(Small);

        // The kept pixels are lent again, all of them, so lent bytes fill the budget and a second card gets Skia's memory.
        Assert.True(next.IsPooled);
        Assert.False(beside.IsPooled);
    }

    [Fact]
    public void Rent_LargerCardAfterASmallerOne_DropsTheSmallerPixels()
    {
        var sut = CreateSut(budget: 800);
        sut.Rent(Small).Dispose();

        // Were the 400 kept bytes still counted, 400 + 800 would not fit.
        using var large = sut.Rent(Large);

        Assert.True(large.IsPooled);
    }

    [Fact]
    public void Rent_LargerCardWhileSmallerPixelsAreKept_StaysWithinTheBudget()
    {
        var sut = CreateSut(budget: 800);
        var first = sut.Rent(Small);
        var second = sut.Rent(Small);
        first.Dispose();
        second.Dispose();

        // One kept 400 is dropped for being too small; the other is still kept, and 400 + 800 is over the budget.
        using var large = sut.Rent(Large);

        Assert.False(large.IsPooled);
    }

    [Fact]
    public void Rent_NoBudget_DrawsOnSkiasMemory()
    {
        var sut = CreateSut(budget: 0);

        using var surface = sut.Rent(Small);

        Assert.False(surface.IsPooled);
        Assert.Equal(Small.Width, surface.Surface.Canvas.DeviceClipBounds.Width);
    }

    [Fact]
    public void Rent_OnKeptLargerPixels_SurfaceHasTheCardsSize()
    {
        var sut = CreateSut(budget: 800);
        sut.Rent(Large).Dispose();

        using var small = sut.Rent(Small);

        Assert.Equal(new SKRectI(0, 0, Small.Width, Small.Height), small.Surface.Canvas.DeviceClipBounds);
    }
}

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

    [Fact]
    public void Rent_AfterOneCameBack_DrawsOnTheKeptPixels()
    {
        var sut = CreateSut(budget: 400);
        sut.Rent(Small).Dispose();

        using var again = sut.Rent(Small);
        using var beside = sut.Rent(Small);

        // The kept pixels are lent again; kept plus lent already fill the budget, so a second card gets Skia's memory.
        Assert.True(again.IsPooled);
        Assert.False(beside.IsPooled);
    }

    [Fact]
    public void Rent_SmallerCardAfterALargerOne_DrawsOnTheLargerPixels()
    {
        var sut = CreateSut(budget: 800);
        sut.Rent(Large).Dispose();

        using var small = sut.Rent(Small);
        using var beside = sut.Rent(Small);

        // The 800 bytes kept are lent whole to the small card, so nothing is left for another.
        Assert.True(small.IsPooled);
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

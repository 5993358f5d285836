using CardService.Core.Cards;
using SkiaSharp;

namespace CardService.Core.Tests.Cards;

public class CoverCacheTests
{
    private static readonly SKSizeI Size = new(10, 10);

    // One 10×10 cover is 400 bytes: this budget keeps two.
    private static CoverCache CreateSut(long budget = 800) => new(budget);

    private static Func<PinnedPixels?> Counting(Dictionary<string, int> made, string name) => () =>
    {
        made[name] = made.GetValueOrDefault(name) + 1;
        return new PinnedPixels(new SKImageInfo(Size.Width, Size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
    };

    [Fact]
    public void GetOrAdd_SameImageSizeAndLayers_MakesTheCoverOnce()
    {
        var sut = CreateSut();
        var made = new Dictionary<string, int>();

        var first = sut.GetOrAdd("data:image/png;base64,AAAA", Size, "panel", Counting(made, "a"));
        var second = sut.GetOrAdd("data:image/png;base64,AAAA", Size, "panel", Counting(made, "a"));

        Assert.Same(first, second);
        Assert.Equal(1, made["a"]);
    }

    [Fact]
    public void GetOrAdd_OtherBytesSizeOrLayers_MakesAnotherCover()
    {
        var sut = CreateSut(budget: 10_000);
        var made = new Dictionary<string, int>();
        sut.GetOrAdd("data:image/png;base64,AAAA", Size, "panel", Counting(made, "a"));

        sut.GetOrAdd("data:image/png;base64,AAAB", Size, "panel", Counting(made, "bytes"));
        sut.GetOrAdd("data:image/png;base64,AAAA", new SKSizeI(10, 11), "panel", Counting(made, "size"));
        sut.GetOrAdd("data:image/png;base64,AAAA", Size, "Photo:dark", Counting(made, "layers"));

        Assert.Equal(1, made["bytes"]);
        Assert.Equal(1, made["size"]);
        Assert.Equal(1, made["layers"]);
    }

    [Fact]
    public void GetOrAdd_OverBudget_DropsTheLeastRecentlyUsed()
    {
        var sut = CreateSut();
        var made = new Dictionary<string, int>();
        sut.GetOrAdd("a", Size, "", Counting(made, "a"));
        sut.GetOrAdd("b", Size, "", Counting(made, "b"));
        sut.GetOrAdd("a", Size, "", Counting(made, "a")); // a is now the most recent

        sut.GetOrAdd("c", Size, "", Counting(made, "c")); // over budget: b goes
        sut.GetOrAdd("a", Size, "", Counting(made, "a"));
        sut.GetOrAdd("b", Size, "", Counting(made, "b"));

        Assert.Equal(1, made["a"]);
        Assert.Equal(2, made["b"]);
    }

    [Fact]
    public void GetOrAdd_CoverLargerThanTheBudget_IsDrawnButNotKept()
    {
        var sut = CreateSut(budget: 399);
        var made = new Dictionary<string, int>();

        var cover = sut.GetOrAdd("a", Size, "", Counting(made, "a"));
        sut.GetOrAdd("a", Size, "", Counting(made, "a"));

        Assert.NotNull(cover);
        Assert.Equal(2, made["a"]);
    }

    [Fact]
    public void GetOrAdd_ImageThatDoesNotDecode_ReturnsNullAndKeepsNothing()
    {
        var sut = CreateSut();
        var calls = 0;

        var first = sut.GetOrAdd("a", Size, "", () => { calls++; return null; });
        var second = sut.GetOrAdd("a", Size, "", () => { calls++; return null; });

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal(2, calls);
    }
}

using CardService.Core.Caching;
using CardService.Core.Tests.Support;

namespace CardService.Core.Tests.Caching;

public class TimedCacheTests
{
    private readonly ManualClock _clock = new();

    private TimedCache<string> CreateSut(long capacity = 100) => new(capacity, TimeSpan.FromMinutes(10), v => v.Length, _clock);

    [Fact]
    public void TryGet_WithinLifetime_ReturnsTheValue()
    {
        var sut = CreateSut();
        sut.Set("a", "value");
        _clock.Now += TimeSpan.FromMinutes(9);

        Assert.True(sut.TryGet("a", out var value));
        Assert.Equal("value", value);
    }

    [Fact]
    public void TryGet_AfterLifetime_MissesAndForgets()
    {
        var sut = CreateSut();
        sut.Set("a", "value");
        _clock.Now += TimeSpan.FromMinutes(10);

        Assert.False(sut.TryGet("a", out _));
        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public void Set_OverCapacity_EvictsTheLeastRecentlyUsed()
    {
        var sut = CreateSut(capacity: 10);
        sut.Set("a", "aaaa");
        sut.Set("b", "bbbb");
        Assert.True(sut.TryGet("a", out _));

        sut.Set("c", "cccc");

        Assert.True(sut.TryGet("a", out _));
        Assert.False(sut.TryGet("b", out _));
        Assert.True(sut.TryGet("c", out _));
    }

    [Fact]
    public void Set_ValueLargerThanCapacity_IsNotKept()
    {
        var sut = CreateSut(capacity: 3);

        sut.Set("a", "aaaa");

        Assert.False(sut.TryGet("a", out _));
    }
}

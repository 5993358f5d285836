using System.Collections.Immutable;
using CardService.Core.Cards;
using CardService.Functions.Caching;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Tests.Caching;

public class CardCacheTests
{
    private static CardCache CreateSut(long maxBytes) => new(Options.Create(new CardCacheOptions { MaxBytes = maxBytes }));

    private static RenderedCard Card(string etag, int size) =>
        new(new byte[size], "image/png", etag, ImmutableArray<int>.Empty);

    [Fact]
    public async Task GetOrRenderAsync_Miss_RendersAndKeeps()
    {
        var sut = CreateSut(1000);
        var renders = 0;

        var first = await sut.GetOrRenderAsync("a", () => { renders++; return Card("a", 10); }, CancellationToken.None);
        var second = await sut.GetOrRenderAsync("a", () => { renders++; return Card("a", 10); }, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, renders);
        Assert.Equal(10, sut.Bytes);
    }

    [Fact]
    public async Task GetOrRenderAsync_OverBudget_EvictsLeastRecentlyUsedByBytes()
    {
        var sut = CreateSut(250);
        await sut.GetOrRenderAsync("a", () => Card("a", 100), CancellationToken.None);
        await sut.GetOrRenderAsync("b", () => Card("b", 100), CancellationToken.None);
        Assert.True(sut.TryGet("a", out _)); // "a" is now the most recent; "b" the least

        await sut.GetOrRenderAsync("c", () => Card("c", 100), CancellationToken.None);

        Assert.True(sut.TryGet("a", out _));
        Assert.False(sut.TryGet("b", out _));
        Assert.True(sut.TryGet("c", out _));
        Assert.Equal(200, sut.Bytes);
        Assert.Equal(2, sut.Count);
    }

    [Fact]
    public async Task GetOrRenderAsync_OneBigCard_EvictsSeveralSmallOnes()
    {
        var sut = CreateSut(300);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await sut.GetOrRenderAsync(key, () => Card(key, 100), CancellationToken.None);
        }

        await sut.GetOrRenderAsync("big", () => Card("big", 250), CancellationToken.None);

        Assert.Equal(1, sut.Count);
        Assert.Equal(250, sut.Bytes);
        Assert.True(sut.TryGet("big", out _));
    }

    [Fact]
    public async Task GetOrRenderAsync_CardLargerThanBudget_IsServedButNotKept()
    {
        var sut = CreateSut(50);

        var card = await sut.GetOrRenderAsync("a", () => Card("a", 100), CancellationToken.None);

        Assert.Equal(100, card.Bytes.Length);
        Assert.Equal(0, sut.Count);
        Assert.Equal(0, sut.Bytes);
    }

    [Fact]
    public async Task GetOrRenderAsync_ConcurrentSameKey_RendersOnce()
    {
        var sut = CreateSut(1000);
        using var release = new ManualResetEventSlim();
        var renders = 0;
        RenderedCard Render()
        {
            Interlocked.Increment(ref renders);
            release.Wait(TimeSpan.FromMinutes(1)); // a guard against a hang, not a timing assertion
            return Card("a", 10);
        }

        // The first call starts the flight synchronously, so the second one must join it.
        var first = sut.GetOrRenderAsync("a", Render, CancellationToken.None);
        var second = sut.GetOrRenderAsync("a", Render, CancellationToken.None);
        release.Set();
        var cards = await Task.WhenAll(first, second);

        Assert.Equal(1, renders);
        Assert.Same(cards[0], cards[1]);
    }

    [Fact]
    public async Task GetOrRenderAsync_RenderThrows_NextCallRendersAgain()
    {
        var sut = CreateSut(1000);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            sut.GetOrRenderAsync("a", () => throw new InvalidOperationException("boom"), CancellationToken.None));
        var card = await sut.GetOrRenderAsync("a", () => Card("a", 10), CancellationToken.None);

        Assert.Equal(10, card.Bytes.Length);
    }

    [Fact]
    public async Task GetOrRenderAsync_ZeroBudget_KeepsNothing()
    {
        var sut = CreateSut(0);

        await sut.GetOrRenderAsync("a", () => Card("a", 1), CancellationToken.None);

        Assert.False(sut.TryGet("a", out _));
    }
}

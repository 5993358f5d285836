using System.Collections.Immutable;
using CardService.Core.Cards;
using CardService.Functions.Caching;
using CardService.Functions.Storage;
using CardService.Functions.Tests.Support;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Tests.Storage;

/// <summary>The memory tier as requests use it (no shared store): find, render once, keep within the byte budget.</summary>
public sealed class CardStoreTests : IDisposable
{
    private const string CacheControl = "public, max-age=60";

    private readonly StoreMeasurements _measurements = new();

    public void Dispose() => _measurements.Dispose();

    private (CardStore Sut, CardCache Memory) CreateSut(long maxBytes)
    {
        var memory = new CardCache(Options.Create(new CardCacheOptions { MaxBytes = maxBytes }));
        return (new CardStore(memory, _measurements.Metrics), memory);
    }

    private static RenderedCard Card(string etag, int size) =>
        new(new byte[size], "image/png", etag, ImmutableArray<int>.Empty);

    private static Task<RenderedCard> RenderAsync(CardStore sut, string key, int size) =>
        sut.GetOrRenderAsync(key, () => Card(key, size), CacheControl, CancellationToken.None);

    [Fact]
    public async Task GetOrRenderAsync_Miss_RendersOnceAndKeeps()
    {
        var (sut, memory) = CreateSut(1000);
        var renders = 0;

        var first = await sut.GetOrRenderAsync("a", () => { renders++; return Card("a", 10); }, CacheControl, CancellationToken.None);
        var (found, tier) = await sut.FindAsync("a", CancellationToken.None);

        Assert.Same(first, found);
        Assert.Equal(CardTier.Memory, tier);
        Assert.Equal(1, renders);
        Assert.Equal(1, _measurements.Count("cardservice.cards.rendered"));
        Assert.Equal(10, memory.Bytes);
    }

    [Fact]
    public async Task FindAsync_EachLookup_CountedOnceAsAHitOrAMissOfTheMemoryTier()
    {
        var (sut, _) = CreateSut(1000);

        await sut.FindAsync("a", CancellationToken.None);
        await RenderAsync(sut, "a", 10);
        await sut.FindAsync("a", CancellationToken.None);
        await sut.FindAsync("a", CancellationToken.None);

        Assert.Equal(1, _measurements.Count("cardservice.cache.misses", CardStore.MemoryTier));
        Assert.Equal(2, _measurements.Count("cardservice.cache.hits", CardStore.MemoryTier));
    }

    [Fact]
    public async Task GetOrRenderAsync_OverBudget_EvictsLeastRecentlyUsedByBytes()
    {
        var (sut, memory) = CreateSut(250);
        await RenderAsync(sut, "a", 100);
        await RenderAsync(sut, "b", 100);
        Assert.Equal(CardTier.Memory, (await sut.FindAsync("a", CancellationToken.None)).Tier); // "a" is now the most recent; "b" the least

        await RenderAsync(sut, "c", 100);

        Assert.Equal(CardTier.Memory, (await sut.FindAsync("a", CancellationToken.None)).Tier);
        Assert.Null((await sut.FindAsync("b", CancellationToken.None)).Card);
        Assert.Equal(CardTier.Memory, (await sut.FindAsync("c", CancellationToken.None)).Tier);
        Assert.Equal(200, memory.Bytes);
        Assert.Equal(2, memory.Count);
    }

    [Fact]
    public async Task GetOrRenderAsync_OneBigCard_EvictsSeveralSmallOnes()
    {
        var (sut, memory) = CreateSut(300);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await RenderAsync(sut, key, 100);
        }

        await RenderAsync(sut, "big", 250);

        Assert.Equal(1, memory.Count);
        Assert.Equal(250, memory.Bytes);
        Assert.NotNull((await sut.FindAsync("big", CancellationToken.None)).Card);
    }

    [Fact]
    public async Task GetOrRenderAsync_CardLargerThanBudget_IsServedButNotKept()
    {
        var (sut, memory) = CreateSut(50);

        var card = await RenderAsync(sut, "a", 100);

        Assert.Equal(100, card.Bytes.Length);
        Assert.Equal(0, memory.Count);
        Assert.Equal(0, memory.Bytes);
    }

    [Fact]
    public async Task GetOrRenderAsync_ConcurrentSameKey_RendersOnce()
    {
        var (sut, _) = CreateSut(1000);
        using var release = new ManualResetEventSlim();
        var renders = 0;
        RenderedCard Render()
        {
            Interlocked.Increment(ref renders);
            release.Wait(TimeSpan.FromMinutes(1)); // a guard against a hang, not a timing assertion
            return Card("a", 10);
        }

        // The first call starts the flight synchronously, so the second one must join it.
        var first = sut.GetOrRenderAsync("a", Render, CacheControl, CancellationToken.None);
        var second = sut.GetOrRenderAsync("a", Render, CacheControl, CancellationToken.None);
        release.Set();
        var cards = await Task.WhenAll(first, second);

        Assert.Equal(1, renders);
        Assert.Same(cards[0], cards[1]);
    }

    [Fact]
    public async Task GetOrRenderAsync_RenderThrows_NextCallRendersAgain()
    {
        var (sut, _) = CreateSut(1000);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            sut.GetOrRenderAsync("a", () => throw new InvalidOperationException("boom"), CacheControl, CancellationToken.None));
        var card = await RenderAsync(sut, "a", 10);

        Assert.Equal(10, card.Bytes.Length);
    }

    [Fact]
    public async Task GetOrRenderAsync_ZeroBudget_KeepsNothing()
    {
        var (sut, _) = CreateSut(0);

        await RenderAsync(sut, "a", 1);

        Assert.Null((await sut.FindAsync("a", CancellationToken.None)).Card);
    }
}

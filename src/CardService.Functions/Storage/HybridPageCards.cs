using CardService.Core.Cards.FromPage;
using Microsoft.Extensions.Caching.Hybrid;

namespace CardService.Functions.Storage;

/// <summary>
/// Page-card fields in HybridCache: this instance's memory first, then Redis (<see cref="RedisTier"/>), so a page one instance
/// read is not fetched by the others while <c>PageCards:CacheSeconds</c> lasts.
/// </summary>
public sealed class HybridPageCards(HybridCache cache) : ISharedPageCards
{
    // A lookup that creates nothing: HybridCache's factory runs only on a miss in both tiers, and its null is not kept.
    private static readonly HybridCacheEntryOptions LookupOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    public ValueTask<PageCard?> GetAsync(Uri page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return cache.GetOrCreateAsync(KeyFor(page), _ => ValueTask.FromResult<PageCard?>(null), LookupOnly, cancellationToken: cancellationToken);
    }

    public ValueTask SetAsync(Uri page, PageCard card, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return cache.SetAsync(KeyFor(page), card, new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime },
            cancellationToken: cancellationToken);
    }

    private static string KeyFor(Uri page) => "pagecard:" + page.AbsoluteUri;
}

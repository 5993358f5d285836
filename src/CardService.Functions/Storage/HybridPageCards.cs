using CardService.Core.Cards.FromPage;
using Microsoft.Extensions.Caching.Hybrid;

namespace CardService.Functions.Storage;

/// <summary>
/// Page-card fields in HybridCache: this instance's memory first, then Redis (<see cref="RedisTier"/>), so a page one instance
/// read is not fetched by the others while <c>PageCards:CacheSeconds</c> lasts.
/// </summary>
public sealed class HybridPageCards(HybridCache cache) : ISharedPageCards
{
    private readonly HybridEntries<PageCard> _entries = new(cache, "pagecard:");

    public ValueTask<PageCard?> GetAsync(Uri page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return _entries.GetAsync(page.AbsoluteUri, cancellationToken);
    }

    public ValueTask SetAsync(Uri page, PageCard card, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return _entries.SetAsync(page.AbsoluteUri, card, lifetime, cancellationToken);
    }
}

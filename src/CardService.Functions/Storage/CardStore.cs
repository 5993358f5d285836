using CardService.Core.Cards;
using CardService.Functions.Caching;

namespace CardService.Functions.Storage;

/// <summary>Which tier answered a card: this instance's memory, the shared blob store, or a render.</summary>
public enum CardTier
{
    Memory,
    Blob,
    Rendered,
}

/// <summary>
/// The card tiers in the order a request asks them: this instance's memory (<see cref="CardCache"/>), then the shared blob
/// store when one is configured, then the renderer, whose card goes into both. The shared store is optional in every
/// sense: without one, or while it is down or slow, cards are rendered here as before.
/// </summary>
public sealed class CardStore(CardCache memory, StoreMetrics metrics, BlobCardStore? shared = null)
{
    public const string MemoryTier = CardCache.Tier;

    /// <summary>Whether cards are shared with other instances.</summary>
    public bool IsShared => shared is not null;

    /// <summary>The card from memory or the shared store, or null when it has to be rendered.</summary>
    public async Task<(RenderedCard? Card, CardTier Tier)> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (memory.TryGet(key, out var kept))
        {
            metrics.Hit(MemoryTier);
            return (kept, CardTier.Memory);
        }

        metrics.Miss(MemoryTier);
        if (shared is null || await shared.ReadAsync(key, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return (null, CardTier.Rendered);
        }

        var card = await memory.GetOrLoadAsync(key, () => Task.FromResult(stored), cancellationToken).ConfigureAwait(false);
        return (card, CardTier.Blob);
    }

    /// <summary>
    /// Renders the card once for every concurrent caller of <paramref name="key"/> on the thread pool, keeps it in memory and,
    /// when shared, in the store (waiting at most the store timeout), so the next instance that is asked finds it.
    /// </summary>
    public Task<RenderedCard> GetOrRenderAsync(string key, Func<RenderedCard> render, string cacheControl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(render);
        return memory.GetOrLoadAsync(key, async () =>
        {
            var card = await Task.Run(render, CancellationToken.None).ConfigureAwait(false);
            metrics.Rendered();
            if (shared is not null)
            {
                // Shared by every waiting caller, so no caller's token: the store's own timeout bounds it.
                await shared.WriteAsync(key, card, cacheControl, CancellationToken.None).ConfigureAwait(false);
            }

            return card;
        }, cancellationToken);
    }
}

using CardService.Core.Caching;
using CardService.Core.Cards;
using CardService.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Caching;

/// <summary>
/// Recently rendered cards, keyed by ETag, bounded by total image bytes with least-recently-used eviction.
/// Concurrent requests for the same key render once. Thread-safe.
/// </summary>
public sealed class CardCache(IOptions<CardCacheOptions> options)
{
    // A rendered card never changes for its key (the ETag names its content): kept for as long as there is room.
    private readonly SingleFlightCache<RenderedCard> _cards = new(options.Value.MaxBytes, card => card.Bytes.Length, _ => Timeout.InfiniteTimeSpan);

    /// <summary>Bytes currently held.</summary>
    public long Bytes => _cards.Size;

    /// <summary>Number of cards currently held.</summary>
    public int Count => _cards.Count;

    /// <summary>The tier name this cache reports in metrics, spans and the request log.</summary>
    public const string Tier = "memory";

    /// <summary>Returns the cached card and marks it recently used; its span says hit or miss (<see cref="Storage.CardStore"/> counts it).</summary>
    public bool TryGet(string key, out RenderedCard card)
    {
        using var activity = CardServiceTelemetry.Source.StartActivity("card cache get");
        var hit = _cards.TryGet(key, out card);
        CardServiceTelemetry.TagCacheLookup(activity, Tier, hit);
        return hit;
    }

    /// <summary>
    /// Returns the cached card, or runs <paramref name="load"/> once for all concurrent callers of the same key and keeps its
    /// card (a card from a shared store, or rendered and stored). The load is shared, so it must bound its own time.
    /// </summary>
    public Task<RenderedCard> GetOrLoadAsync(string key, Func<Task<RenderedCard>> load, CancellationToken cancellationToken) =>
        _cards.GetOrLoadAsync(key, load, cancellationToken);
}

using System.Collections.Concurrent;
using CardService.Core.Caching;
using CardService.Core.Cards;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Caching;

/// <summary>
/// Recently rendered cards, keyed by ETag, bounded by total image bytes with least-recently-used eviction.
/// Concurrent requests for the same key render once. Thread-safe.
/// </summary>
public sealed class CardCache(IOptions<CardCacheOptions> options)
{
    // A rendered card never changes for its key (the ETag names its content): kept for as long as there is room.
    private readonly TimedCache<RenderedCard> _cards = new(options.Value.MaxBytes, Timeout.InfiniteTimeSpan, card => card.Bytes.Length);
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedCard>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Bytes currently held.</summary>
    public long Bytes => _cards.Size;

    /// <summary>Number of cards currently held.</summary>
    public int Count => _cards.Count;

    /// <summary>Returns the cached card and marks it recently used.</summary>
    public bool TryGet(string key, out RenderedCard card) => _cards.TryGet(key, out card);

    /// <summary>
    /// Returns the cached card, or runs <paramref name="render"/> on the thread pool once for all concurrent callers of the
    /// same key and keeps the result. Cancelling stops this caller's wait, not the render others may share.
    /// </summary>
    public async Task<RenderedCard> GetOrRenderAsync(string key, Func<RenderedCard> render, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(render);
        if (TryGet(key, out var cached))
        {
            return cached;
        }

        var flight = _inFlight.GetOrAdd(key, k => new Lazy<Task<RenderedCard>>(() => Task.Run(() => RenderAndKeep(k, render))));
        return await flight.Value.WaitAsync(cancellationToken);
    }

    private RenderedCard RenderAndKeep(string key, Func<RenderedCard> render)
    {
        try
        {
            // Another flight may have finished between this caller's miss and its start.
            if (TryGet(key, out var cached))
            {
                return cached;
            }

            var card = render();
            _cards.Set(key, card);
            return card;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}

using System.Collections.Concurrent;
using CardService.Core.Cards;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Caching;

/// <summary>
/// Recently rendered cards, keyed by ETag, bounded by total image bytes with least-recently-used eviction.
/// Concurrent requests for the same key render once. Thread-safe.
/// </summary>
public sealed class CardCache(IOptions<CardCacheOptions> options)
{
    private readonly long _maxBytes = options.Value.MaxBytes;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, RenderedCard Card)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, RenderedCard Card)> _recency = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<RenderedCard>>> _inFlight = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Bytes currently held.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Number of cards currently held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Returns the cached card and marks it recently used.</summary>
    public bool TryGet(string key, out RenderedCard card)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                card = node.Value.Card;
                return true;
            }
        }

        card = null!;
        return false;
    }

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
            Add(key, card);
            return card;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    private void Add(string key, RenderedCard card)
    {
        var size = card.Bytes.Length;
        if (size > _maxBytes)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.ContainsKey(key))
            {
                return;
            }

            _entries[key] = _recency.AddFirst((key, card));
            _bytes += size;
            while (_bytes > _maxBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Card.Bytes.Length;
            }
        }
    }
}

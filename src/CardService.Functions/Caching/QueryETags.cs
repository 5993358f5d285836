using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CardService.Functions.Storage;
using Microsoft.Extensions.Options;

namespace CardService.Functions.Caching;

/// <summary>
/// The ETag of each plain card (no <c>url</c>, no remote image: its bytes depend on the query alone) by the raw query string
/// that asked for it, so a repeat request is answered (304, or the kept bytes) without parsing, validating and hashing its
/// fields again. Bounded by <see cref="CardCacheOptions.QueryETags"/> entries of at most <see cref="MaxQueryLength"/> chars.
/// </summary>
public sealed class QueryETags(IOptions<CardCacheOptions> options, StoreMetrics metrics)
{
    /// <summary>The tier name in the cache hit/miss metrics.</summary>
    public const string Tier = "query";

    /// <summary>Longer query strings (a data: logo) are not remembered: they are rare and each would cost kilobytes.</summary>
    public const int MaxQueryLength = 1024;

    private readonly ConcurrentDictionary<string, string> _etags = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.QueryETags;
    private int _count;

    /// <summary>The ETag a plain card answered this exact query string with; counted as a hit or miss of the <c>query</c> tier.</summary>
    public bool TryGet(string query, [NotNullWhen(true)] out string? etag)
    {
        if (_capacity == 0)
        {
            etag = null;
            return false;
        }

        var hit = _etags.TryGetValue(query, out etag);
        if (hit)
        {
            metrics.Hit(Tier);
        }
        else
        {
            metrics.Miss(Tier);
        }

        return hit;
    }

    /// <summary>Remembers the ETag of a plain card asked for by <paramref name="query"/>.</summary>
    public void Remember(string query, string etag)
    {
        if (query.Length > MaxQueryLength || _capacity == 0)
        {
            return;
        }

        // Bounded the cheap way: when full, start over. Each entry is learnt back by one ordinary request.
        if (Volatile.Read(ref _count) >= _capacity)
        {
            _etags.Clear();
            Volatile.Write(ref _count, 0);
        }

        if (_etags.TryAdd(query, etag))
        {
            Interlocked.Increment(ref _count);
        }
    }
}

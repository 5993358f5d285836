using System.Collections.Concurrent;

namespace CardService.Core.Caching;

/// <summary>
/// Loads a value once for every concurrent caller of the same key and keeps the result in a <see cref="TimedCache{TValue}"/>
/// for as long as <c>lifetimeOf</c> says (failures can be kept for less time than successes, or not at all). The one
/// single-flight of the service: pages, robots.txt files, image probes and rendered cards all go through it, so no third
/// party is asked twice for what one answer serves. Thread-safe.
/// </summary>
public sealed class SingleFlightCache<TValue>
{
    private readonly TimedCache<TValue> _results;
    private readonly Func<TValue, TimeSpan> _lifetimeOf;
    private readonly ConcurrentDictionary<string, Lazy<Task<TValue>>> _inFlight = new(StringComparer.Ordinal);

    /// <param name="capacity">The most total size kept, as <paramref name="sizeOf"/> counts it; 0 keeps nothing (concurrent callers still share one load).</param>
    /// <param name="sizeOf">A result's size (1 to count entries, the byte count to bound memory).</param>
    /// <param name="lifetimeOf">How long a result is served: zero or less not at all, <see cref="Timeout.InfiniteTimeSpan"/> for as long as there is room.</param>
    /// <param name="time">The clock; the system's by default.</param>
    public SingleFlightCache(long capacity, Func<TValue, long> sizeOf, Func<TValue, TimeSpan> lifetimeOf, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(lifetimeOf);
        _results = new TimedCache<TValue>(capacity, Timeout.InfiniteTimeSpan, sizeOf, time);
        _lifetimeOf = lifetimeOf;
    }

    /// <summary>The total size of the results held.</summary>
    public long Size => _results.Size;

    /// <summary>Results currently held (expired ones included until they are next touched).</summary>
    public int Count => _results.Count;

    /// <summary>Returns a kept result and marks it recently used.</summary>
    public bool TryGet(string key, out TValue value) => _results.TryGet(key, out value);

    /// <summary>
    /// Returns the kept result for <paramref name="key"/>, or joins the load already running for it, or starts
    /// <paramref name="load"/>. The load is shared, so it gets no caller's token: it must bound its own time. Cancelling
    /// stops this caller's wait only. A load that throws is not kept; every caller waiting on it gets the exception.
    /// </summary>
    public async Task<TValue> GetOrLoadAsync(string key, Func<Task<TValue>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(load);
        if (_results.TryGet(key, out var kept))
        {
            return kept;
        }

        Lazy<Task<TValue>>? flight = null;
        flight = new Lazy<Task<TValue>>(() => LoadAndKeepAsync(key, load, flight!));
        return await _inFlight.GetOrAdd(key, flight).Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<TValue> LoadAndKeepAsync(string key, Func<Task<TValue>> load, Lazy<Task<TValue>> flight)
    {
        try
        {
            // Another flight may have finished between this caller's miss and its start.
            if (_results.TryGet(key, out var kept))
            {
                return kept;
            }

            var value = await load().ConfigureAwait(false);
            _results.Set(key, value, _lifetimeOf(value));
            return value;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<TValue>>>(key, flight));
        }
    }
}

namespace CardService.Core.Caching;

/// <summary>
/// A small in-memory cache: entries live for a fixed time (or for good, with <see cref="Timeout.InfiniteTimeSpan"/>), the
/// total size (as <c>sizeOf</c> counts it) stays under a bound, and the least recently used entries go first. Thread-safe.
/// </summary>
public sealed class TimedCache<TValue>
{
    private readonly long _capacity;
    private readonly TimeSpan _lifetime;
    private readonly Func<TValue, long> _sizeOf;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private long _size;

    /// <param name="capacity">The most total size kept; 0 keeps nothing.</param>
    /// <param name="lifetime">How long an entry is served after it was set; <see cref="Timeout.InfiniteTimeSpan"/> for as long as there is room.</param>
    /// <param name="sizeOf">An entry's size (1 to count entries, the byte count to bound memory).</param>
    /// <param name="time">The clock; the system's by default.</param>
    public TimedCache(long capacity, TimeSpan lifetime, Func<TValue, long> sizeOf, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentNullException.ThrowIfNull(sizeOf);
        _capacity = capacity;
        _lifetime = lifetime;
        _sizeOf = sizeOf;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The total size of the entries held, as <c>sizeOf</c> counts it.</summary>
    public long Size
    {
        get
        {
            lock (_gate)
            {
                return _size;
            }
        }
    }

    /// <summary>Entries currently held (expired ones included until they are next touched).</summary>
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

    public bool TryGet(string key, out TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.Expires > _time.GetUtcNow())
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }

                Remove(node);
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> for the cache's lifetime.</summary>
    public void Set(string key, TValue value) => Set(key, value, _lifetime);

    /// <summary>Keeps <paramref name="value"/> for <paramref name="lifetime"/> (zero or less keeps nothing, <see cref="Timeout.InfiniteTimeSpan"/> for as long as there is room).</summary>
    public void Set(string key, TValue value, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        var size = _sizeOf(value);
        var forever = lifetime == Timeout.InfiniteTimeSpan;
        if (size > _capacity || (lifetime <= TimeSpan.Zero && !forever))
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }

            var expires = forever ? DateTimeOffset.MaxValue : _time.GetUtcNow() + lifetime;
            _entries[key] = _recency.AddFirst(new Entry(key, value, size, expires));
            _size += size;
            while (_size > _capacity && _recency.Last is { } oldest)
            {
                Remove(oldest);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _size -= node.Value.Size;
    }

    private sealed record Entry(string Key, TValue Value, long Size, DateTimeOffset Expires);
}

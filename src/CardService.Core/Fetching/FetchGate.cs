namespace CardService.Core.Fetching;

/// <summary>
/// Bounds outbound fetches: at most <see cref="FetchOptions.MaxConcurrentFetches"/> at once, at most
/// <see cref="FetchOptions.MaxFetchesPerHost"/> of them to one host (so the service cannot be aimed at one site), and at most
/// <see cref="FetchOptions.MaxQueuedFetches"/> waiting for a turn; a caller beyond that is turned away at once, so a burst
/// costs bounded memory and sockets. Thread-safe.
/// </summary>
public sealed class FetchGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly Dictionary<string, HostSlots> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _perHost;
    private readonly int _admitted;
    private int _inside;

    public FetchGate(FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _slots = new SemaphoreSlim(options.MaxConcurrentFetches);
        _perHost = options.MaxFetchesPerHost;
        _admitted = options.MaxConcurrentFetches + options.MaxQueuedFetches;
    }

    /// <summary>Fetches running or waiting now.</summary>
    public int Inside => Volatile.Read(ref _inside);

    /// <summary>A turn to fetch from <paramref name="host"/> (dispose it when the fetch has ended), or null when the queue is full.</summary>
    public async Task<IDisposable?> EnterAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Interlocked.Increment(ref _inside) > _admitted)
        {
            Interlocked.Decrement(ref _inside);
            return null;
        }

        var hostSlots = Join(host);
        var holdsHost = false;
        try
        {
            // The host's turn first: a fetch waiting on a busy site then holds none of the slots other sites could use.
            await hostSlots.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            holdsHost = true;
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Turn(this, host, hostSlots);
        }
        catch
        {
            if (holdsHost)
            {
                hostSlots.Slots.Release();
            }

            Leave(host, hostSlots);
            throw;
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        lock (_hosts)
        {
            foreach (var host in _hosts.Values)
            {
                host.Slots.Dispose();
            }

            _hosts.Clear();
        }
    }

    private HostSlots Join(string host)
    {
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(host, out var slots))
            {
                slots = new HostSlots(new SemaphoreSlim(_perHost));
                _hosts[host] = slots;
            }

            slots.Users++;
            return slots;
        }
    }

    // A host's entry lives only while someone fetches from it or waits for it: the table stays as small as the traffic.
    private void Leave(string host, HostSlots slots)
    {
        lock (_hosts)
        {
            if (--slots.Users == 0)
            {
                _hosts.Remove(host);
                slots.Slots.Dispose();
            }
        }

        Interlocked.Decrement(ref _inside);
    }

    private sealed class HostSlots(SemaphoreSlim slots)
    {
        public SemaphoreSlim Slots { get; } = slots;

        public int Users { get; set; }
    }

    private sealed class Turn(FetchGate gate, string host, HostSlots hostSlots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._slots.Release();
                hostSlots.Slots.Release();
                gate.Leave(host, hostSlots);
            }
        }
    }
}

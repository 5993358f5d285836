namespace CardService.Core.Cards;

/// <summary>
/// Lets at most <see cref="CardRenderingOptions.MaxConcurrentRenders"/> renders run at once and
/// <see cref="CardRenderingOptions.MaxQueuedRenders"/> wait for a turn; a caller beyond that is turned away at once. Memory
/// held by renders is then bounded by configuration whatever the load. Thread-safe.
/// </summary>
public sealed class RenderGate(CardRenderingOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new((options ?? throw new ArgumentNullException(nameof(options))).MaxConcurrentRenders);
    private int _waiting;

    /// <summary>Renders waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>A slot to render in (dispose it when the render has ended), or null when the queue is full.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, cancellationToken))
        {
            return new Slot(_slots);
        }

        if (Interlocked.Increment(ref _waiting) > options.MaxQueuedRenders)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

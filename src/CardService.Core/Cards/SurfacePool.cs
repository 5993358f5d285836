using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>
/// Pixel memory for card surfaces, kept between cards. A new surface is fresh memory that the kernel maps in page by page
/// while Skia first clears it; with large allocations given their own mapping (<see cref="NativeHeap"/>) those page faults
/// were most of an uncached card's CPU. The pixels are <see cref="PinnedPixels"/>, and the ones kept plus the ones in use
/// never exceed the budget (they count against a managed-heap cap); a card that does not fit gets Skia's own memory as before.
/// </summary>
internal sealed class SurfacePool(long budgetBytes)
{
    private readonly Lock _lock = new();
    private readonly Stack<PinnedPixels> _free = new();
    private long _keptBytes;
    private long _lentBytes;

    /// <summary>A surface for <paramref name="info"/> on kept pixels, on new pooled ones while the budget allows, else on Skia's.</summary>
    public PooledSurface Rent(SKImageInfo info)
    {
        var bytes = info.BytesSize64;
        PinnedPixels? pixels = null;
        bool allocate;
        lock (_lock)
        {
            if (_free.TryPop(out var kept))
            {
                _keptBytes -= kept.Bytes;
                pixels = kept.Bytes >= bytes ? kept : null; // a smaller one is dropped: sizes rarely vary
            }

            allocate = pixels is null && _keptBytes + _lentBytes + bytes <= budgetBytes;
            _lentBytes += pixels?.Bytes ?? (allocate ? bytes : 0);
        }

        if (allocate)
        {
            pixels = new PinnedPixels(info);
        }

        var surface = pixels is null
            ? SKSurface.Create(info) ?? throw new InvalidOperationException($"Skia could not make a {info.Width}×{info.Height} surface.")
            : pixels.CreateSurface(info);
        return new PooledSurface(this, pixels, surface);
    }

    // Kept plus lent never exceeds the budget, so what comes back is always kept.
    private void Return(PinnedPixels pixels)
    {
        lock (_lock)
        {
            _lentBytes -= pixels.Bytes;
            _keptBytes += pixels.Bytes;
            _free.Push(pixels);
        }
    }

    /// <summary>A surface on pooled pixels (or Skia's own); disposing it gives the pixels back.</summary>
    internal sealed class PooledSurface(SurfacePool pool, PinnedPixels? pixels, SKSurface surface) : IDisposable
    {
        public SKSurface Surface { get; } = surface;

        /// <summary>Whether the surface draws on the pool's pixels rather than on Skia's own memory.</summary>
        public bool IsPooled => pixels is not null;

        public void Dispose()
        {
            Surface.Dispose();
            if (pixels is not null)
            {
                pool.Return(pixels);
            }
        }
    }
}

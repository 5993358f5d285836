using System.Runtime.InteropServices;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>
/// Pixel memory for card surfaces, kept between cards. A new surface is fresh memory that the kernel maps in page by page
/// while Skia first clears it; with large allocations given their own mapping (<see cref="NativeHeap"/>) those page faults
/// were most of an uncached card's CPU. The pixels are pinned managed arrays, and the ones kept plus the ones in use never
/// exceed the budget (they count against a managed-heap cap); a card that does not fit gets Skia's own memory as before.
/// </summary>
internal sealed class SurfacePool(long budgetBytes)
{
    private readonly Lock _lock = new();
    private readonly Stack<byte[]> _free = new();
    private long _keptBytes;
    private long _lentBytes;

    /// <summary>A surface for <paramref name="info"/> on kept pixels, on new pooled ones while the budget allows, else on Skia's.</summary>
    public PooledSurface Rent(SKImageInfo info)
    {
        var bytes = info.BytesSize64;
        byte[]? pixels = null;
        bool allocate;
        lock (_lock)
        {
            if (_free.TryPop(out var kept))
            {
                _keptBytes -= kept.LongLength;
                pixels = kept.LongLength >= bytes ? kept : null; // a smaller one is dropped: sizes rarely vary
            }

            allocate = pixels is null && _keptBytes + _lentBytes + bytes <= budgetBytes;
            _lentBytes += pixels?.LongLength ?? (allocate ? bytes : 0);
        }

        if (allocate)
        {
            pixels = GC.AllocateUninitializedArray<byte>((int)bytes, pinned: true);
        }

        var surface = pixels is null
            ? SKSurface.Create(info)
            : SKSurface.Create(info, Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0), info.RowBytes);
        return new PooledSurface(this, pixels, surface ?? throw new InvalidOperationException($"Skia could not make a {info.Width}×{info.Height} surface."));
    }

    // Kept plus lent never exceeds the budget, so what comes back is always kept.
    private void Return(byte[] pixels)
    {
        lock (_lock)
        {
            _lentBytes -= pixels.LongLength;
            _keptBytes += pixels.LongLength;
            _free.Push(pixels);
        }
    }

    /// <summary>A surface on pooled pixels (or Skia's own); disposing it gives the pixels back.</summary>
    internal sealed class PooledSurface(SurfacePool pool, byte[]? pixels, SKSurface surface) : IDisposable
    {
        public SKSurface Surface { get; } = surface;

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

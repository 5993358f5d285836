using System.Runtime.InteropServices;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>
/// Pixel memory for card surfaces, kept between cards up to a byte budget. A new surface is fresh memory that the kernel
/// maps in page by page while Skia first clears it; with large allocations given their own mapping (<see cref="NativeHeap"/>)
/// those page faults were most of an uncached card's CPU. The pixels are pinned managed arrays, so a surface that is never
/// returned costs nothing but garbage.
/// </summary>
internal sealed class SurfacePool(long budgetBytes)
{
    private readonly Lock _lock = new();
    private readonly Stack<byte[]> _free = new();
    private long _keptBytes;

    /// <summary>A surface for <paramref name="info"/> on kept pixels when one is large enough, else on new ones.</summary>
    public PooledSurface Rent(SKImageInfo info)
    {
        byte[]? pixels = null;
        lock (_lock)
        {
            if (_free.TryPop(out var kept))
            {
                _keptBytes -= kept.LongLength;
                pixels = kept.LongLength >= info.BytesSize64 ? kept : null; // a smaller one is dropped: sizes rarely vary
            }
        }

        pixels ??= GC.AllocateUninitializedArray<byte>(info.BytesSize, pinned: true);
        var surface = SKSurface.Create(info, Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0), info.RowBytes)
            ?? throw new InvalidOperationException($"Skia could not make a {info.Width}×{info.Height} surface.");
        return new PooledSurface(this, pixels, surface);
    }

    private void Return(byte[] pixels)
    {
        lock (_lock)
        {
            if (_keptBytes + pixels.LongLength <= budgetBytes)
            {
                _free.Push(pixels);
                _keptBytes += pixels.LongLength;
            }
        }
    }

    /// <summary>A surface on pooled pixels; disposing it gives the pixels back.</summary>
    internal sealed class PooledSurface(SurfacePool pool, byte[] pixels, SKSurface surface) : IDisposable
    {
        public SKSurface Surface { get; } = surface;

        public void Dispose()
        {
            Surface.Dispose();
            pool.Return(pixels);
        }
    }
}

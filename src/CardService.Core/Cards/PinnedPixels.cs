using System.Runtime.InteropServices;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>
/// Pixels in a managed array that Skia draws on or reads without a copy. Managed, not Skia's own memory, so they count
/// against a managed-heap cap and live exactly as long as this object: a cache may drop them while a card still draws them.
/// Pinned, because Skia keeps their address; whoever draws or reads through a surface or image keeps this object alive.
/// </summary>
internal sealed class PinnedPixels
{
    private readonly byte[] _bytes;

    /// <summary>Uninitialised pixels for <paramref name="info"/>: clear or fill them before reading.</summary>
    public PinnedPixels(SKImageInfo info)
    {
        Info = info;
        _bytes = GC.AllocateUninitializedArray<byte>(checked((int)info.BytesSize64), pinned: true);
    }

    /// <summary>The layout they were made for.</summary>
    public SKImageInfo Info { get; }

    public long Bytes => _bytes.LongLength;

    /// <summary>A surface over the pixels as <see cref="Info"/>.</summary>
    public SKSurface CreateSurface() => CreateSurface(Info);

    /// <summary>A surface over the pixels laid out as <paramref name="layout"/>, which must fit in them (kept pixels serve smaller cards).</summary>
    public SKSurface CreateSurface(SKImageInfo layout)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layout.BytesSize64, Bytes, nameof(layout));
        return SKSurface.Create(layout, Address, layout.RowBytes)
            ?? throw new InvalidOperationException($"Skia could not make a {layout.Width}×{layout.Height} surface.");
    }

    /// <summary>An image over the pixels as <see cref="Info"/>, without copying them.</summary>
    public SKImage ToImage() => SKImage.FromPixels(Info, Address, Info.RowBytes);

    private IntPtr Address => Marshal.UnsafeAddrOfPinnedArrayElement(_bytes, 0);
}

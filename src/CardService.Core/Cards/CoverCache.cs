using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SkiaSharp;

namespace CardService.Core.Cards;

/// <summary>
/// Decoded backgrounds, cropped and scaled to the rectangle they cover so that drawing one is a plain copy, by their bytes,
/// the size they cover and the layers drawn with them, least recently used dropped first, up to a byte budget: a blog's
/// cards reuse a few hero images, and decoding one costs more than drawing and encoding the rest of the card. A dropped
/// cover stays valid for a card still drawing it (<see cref="PinnedPixels"/>).
/// </summary>
internal sealed class CoverCache(long budgetBytes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<CoverKey, LinkedListNode<(CoverKey Key, PinnedPixels Pixels)>> _entries = [];
    private readonly LinkedList<(CoverKey Key, PinnedPixels Pixels)> _recent = new();
    private long _bytes;

    /// <summary>
    /// The kept cover of <paramref name="dataUri"/> at <paramref name="size"/> with <paramref name="layers"/> (what else it was
    /// drawn with), or the one <paramref name="make"/> makes (null: not drawable, not kept).
    /// </summary>
    public PinnedPixels? GetOrAdd(string dataUri, SKSizeI size, string layers, Func<PinnedPixels?> make)
    {
        var key = CoverKey.For(dataUri, size, layers);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recent.Remove(hit);
                _recent.AddFirst(hit);
                return hit.Value.Pixels;
            }
        }

        // Decoded outside the lock: two cards missing at once both decode, and the second one's result is the one kept.
        var cover = make();
        if (cover is null || cover.Bytes > budgetBytes)
        {
            return cover;
        }

        lock (_lock)
        {
            if (_entries.Remove(key, out var stale))
            {
                _recent.Remove(stale);
                _bytes -= stale.Value.Pixels.Bytes;
            }

            _entries[key] = _recent.AddFirst((key, cover));
            _bytes += cover.Bytes;
            while (_bytes > budgetBytes && _recent.Last is { } oldest)
            {
                _recent.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Pixels.Bytes;
            }
        }

        return cover;
    }

    /// <summary>The image's identity (SHA-256 of its URI, so equal bytes share an entry), the size it covers and its layers.</summary>
    private readonly record struct CoverKey(UInt128 High, UInt128 Low, int Width, int Height, string Layers)
    {
        public static CoverKey For(string dataUri, SKSizeI size, string layers)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(MemoryMarshal.AsBytes(dataUri.AsSpan()), hash);
            var words = MemoryMarshal.Cast<byte, UInt128>(hash);
            return new CoverKey(words[0], words[1], size.Width, size.Height, layers);
        }
    }
}

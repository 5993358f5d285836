using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SkiaSharp;

namespace CardService.Core.Cards.Encoders;

/// <summary>
/// A PNG encoder made for cards: flat colours, long runs, anti-aliased text. A card whose colours fit a palette is
/// written as an 8-bit palette image (a third of the bytes to compress): exactly when it has at most 256 colours,
/// otherwise only when every pixel is within <see cref="MaxPaletteError"/> of its palette colour and stand-ins cover
/// at most 2% of the pixels (the extra colours of a card are anti-aliasing steps). Anything else — gradients,
/// photos — is exact 8-bit RGB. zlib (zlib-ng in .NET) at a low level does the rest. Deterministic; the options
/// were measured against Skia's encoder (docs/PERFORMANCE.md).
/// </summary>
internal static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>zlib level for the pixel data: 1–3 cost little more than storing and already shrink cards 20–50×.</summary>
    public const int DefaultLevel = 2;

    public static byte[] Encode(SKPixmap pixmap, int level = DefaultLevel, PngRowFilter filter = PngRowFilter.None, bool palette = true)
    {
        ArgumentNullException.ThrowIfNull(pixmap);
        if (pixmap.ColorType != SKColorType.Rgba8888 || pixmap.AlphaType != SKAlphaType.Opaque)
        {
            throw new ArgumentException("Expected opaque RGBA8888 pixels.", nameof(pixmap));
        }

        var width = pixmap.Width;
        var height = pixmap.Height;
        var pixels = MemoryMarshal.Cast<byte, uint>(pixmap.GetPixelSpan());
        var rowPixels = pixmap.RowBytes / 4;

        using var output = new MemoryStream(64 * 1024);
        output.Write(Signature);
        var scratch = Scratch.Rent((width + 1) * height);
        if (palette && TryIndex(pixels, width, height, rowPixels, scratch, out var colours))
        {
            WriteHeader(output, width, height, colorType: 3);
            var plte = new byte[colours.Count * 3];
            for (var i = 0; i < colours.Count; i++)
            {
                plte[i * 3] = (byte)colours[i];
                plte[i * 3 + 1] = (byte)(colours[i] >> 8);
                plte[i * 3 + 2] = (byte)(colours[i] >> 16);
            }

            WriteChunk(output, "PLTE"u8, plte);
            WriteChunk(output, "IDAT"u8, Compress(scratch.Indexed.AsSpan(0, (width + 1) * height), level));
        }
        else
        {
            WriteHeader(output, width, height, colorType: 2);
            WriteChunk(output, "IDAT"u8, CompressRgb(pixels, width, height, rowPixels, filter, level));
        }

        WriteChunk(output, "IEND"u8, []);
        Scratch.Return(scratch);
        return output.ToArray();
    }

    /// <summary>
    /// Rows of palette indices, each after a filter byte of 0; false when the card has too many colours for a palette.
    /// Up to 256 colours the palette is exact. A card's extra colours are anti-aliasing steps at glyph edges: when
    /// every one of them lies within <see cref="MaxPaletteError"/> of a kept colour it is drawn with that one (the most
    /// frequent 256 are kept), unless stand-ins would cover more than 2% of the pixels; gradients and photos fail those tests and stay RGB.
    /// </summary>
    private static bool TryIndex(ReadOnlySpan<uint> pixels, int width, int height, int rowPixels, Scratch scratch, out List<uint> palette)
    {
        palette = [];
        var table = scratch.Table;
        table.Clear();

        // One pass collects each row's runs of equal pixels (as colour-table slots); the index pass then fills whole runs.
        var runs = scratch.Runs;
        runs.Clear();

        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * rowPixels, width);
            var x = 0;
            while (x < width)
            {
                var colour = row[x];
                int length;
                // Anti-aliased edges make short runs: count those by hand, leave long ones to the vectorised search.
                length = 1;
                while (length < 16 && x + length < width && row[x + length] == colour)
                {
                    length++;
                }

                if (length == 16)
                {
                    var rest = row[(x + 16)..].IndexOfAnyExcept(colour);
                    length = rest < 0 ? width - x : 16 + rest;
                }

                var slot = table.Count(colour, length);
                if (slot < 0)
                {
                    return false;
                }

                runs.Add(slot, length);
                x += length;
            }
        }

        if (!table.TryBuildPalette(out palette))
        {
            return false;
        }

        var target = scratch.Indexed.AsSpan();
        var o = 0;
        var filled = 0;
        for (var r = 0; r < runs.Count; r++)
        {
            var (slot, length) = (runs.Slots[r], runs.Lengths[r]);
            if (filled == 0)
            {
                target[o++] = 0; // each row starts with its filter byte: None
            }

            var index = table.IndexAt(slot);
            if (length == 1)
            {
                target[o] = index;
            }
            else
            {
                target.Slice(o, length).Fill(index);
            }

            o += length;
            filled += length;
            filled = filled == width ? 0 : filled;
        }

        return true;
    }

    /// <summary>The largest difference, per channel out of 255, between a pixel and the palette colour that stands in for it.</summary>
    public const int MaxPaletteError = 6;

    /// <summary>The largest share of a card's pixels that may be drawn with a stand-in colour (2%): more means a gradient, not anti-aliasing.</summary>
    private static readonly (long Numerator, long Denominator) MaxApproximatedShare = (1, 50);

    /// <summary>
    /// Buffers reused from card to card: a card's index rows are ~750 KB, which would otherwise be a large-object
    /// allocation (and sooner or later a full GC) per card. A few are pooled, not one per thread: every thread-pool thread
    /// that ever encoded would otherwise keep the largest card's buffers (up to 5.8 MB) for good.
    /// </summary>
    private sealed class Scratch
    {
        private const int MaxPooled = 4;
        private static readonly ConcurrentQueue<Scratch> Pool = new();

        public ColourTable Table { get; } = new();

        public RunList Runs { get; } = new();

        public byte[] Indexed { get; private set; } = [];

        public static Scratch Rent(int indexedBytes)
        {
            if (!Pool.TryDequeue(out var scratch))
            {
                scratch = new Scratch();
            }

            if (scratch.Indexed.Length < indexedBytes)
            {
                scratch.Indexed = new byte[indexedBytes];
            }

            return scratch;
        }

        public static void Return(Scratch scratch)
        {
            if (Pool.Count < MaxPooled)
            {
                Pool.Enqueue(scratch);
            }
        }
    }

    /// <summary>Runs as two growing arrays (a list of tuples would be one more generic instantiation to JIT at start).</summary>
    private sealed class RunList
    {
        public int[] Slots { get; private set; } = new int[8192];

        public int[] Lengths { get; private set; } = new int[8192];

        public int Count { get; private set; }

        public void Clear() => Count = 0;

        public void Add(int slot, int length)
        {
            if (Count == Slots.Length)
            {
                var slots = Slots;
                var lengths = Lengths;
                Array.Resize(ref slots, Count * 2);
                Array.Resize(ref lengths, Count * 2);
                (Slots, Lengths) = (slots, lengths);
            }

            Slots[Count] = slot;
            Lengths[Count] = length;
            Count++;
        }
    }

    /// <summary>Colour → pixel count, then colour → palette index; open addressing, no allocation per pixel.</summary>
    private sealed class ColourTable
    {
        private const int MaxColours = 4096;
        private const int Slots = 8192;
        private readonly uint[] _keys = new uint[Slots];

        public void Clear()
        {
            Array.Clear(_counts);
            _distinct = 0;
        }

        private readonly int[] _counts = new int[Slots];
        private readonly byte[] _index = new byte[Slots];
        private int _distinct;

        /// <summary>Adds pixels of a colour; returns its slot, or -1 once there are too many colours for a palette.</summary>
        public int Count(uint colour, int pixels)
        {
            var slot = Find(colour);
            if (_counts[slot] == 0)
            {
                if (++_distinct > MaxColours)
                {
                    return -1;
                }

                _keys[slot] = colour;
            }

            _counts[slot] += pixels;
            return slot;
        }

        public byte IndexAt(int slot) => _index[slot];

        /// <summary>
        /// The 128 most frequent colours, then, one at a time, whichever colour is worst served so far (farthest-point
        /// sampling), until 256 are kept or every colour is exact. Fails when some colour is still too far from its stand-in.
        /// </summary>
        public bool TryBuildPalette(out List<uint> palette)
        {
            var used = SlotsByFrequency();
            var kept = new List<uint>(256);
            palette = kept;
            if (used.Length <= 256)
            {
                for (var i = 0; i < used.Length; i++)
                {
                    _index[used[i]] = (byte)i;
                    kept.Add(_keys[used[i]]);
                }

                return true;
            }

            // Channels unpacked once, padded to whole vectors: the search below computes about 200 000 distances.
            // Vector128 rather than Vector<T>: ReadyToRun precompiles it, so a fresh process does not JIT this.
            var lanes = Vector128<int>.Count;
            var length = (used.Length + lanes - 1) / lanes * lanes;
            var red = new int[length];
            var green = new int[length];
            var blue = new int[length];
            for (var i = 0; i < used.Length; i++)
            {
                var key = _keys[used[i]];
                (red[i], green[i], blue[i]) = ((int)(key & 0xFF), (int)((key >> 8) & 0xFF), (int)((key >> 16) & 0xFF));
            }

            var nearest = new int[length];
            var error = new int[length];
            Array.Fill(error, int.MaxValue, 0, used.Length); // padding lanes stay 0: never the worst, never chosen
            for (var i = 0; i < 128; i++)
            {
                Keep(i);
            }

            while (kept.Count < 256)
            {
                var worst = IndexOfMax(error);
                if (error[worst] == 0)
                {
                    break;
                }

                Keep(worst);
            }

            for (var i = 0; i < used.Length; i++)
            {
                _index[used[i]] = (byte)nearest[i];
            }

            // Anti-aliasing steps cover well under 1% of a card; a gradient's in-between colours cover several percent, and
            // drawing those with a stand-in would band the gradient: such a card stays RGB (and exact).
            long total = 0, approximated = 0;
            for (var i = 0; i < used.Length; i++)
            {
                total += _counts[used[i]];
                approximated += error[i] > 0 ? _counts[used[i]] : 0;
            }

            return error[IndexOfMax(error)] <= MaxPaletteError && approximated * MaxApproximatedShare.Denominator <= total * MaxApproximatedShare.Numerator;

            void Keep(int chosen)
            {
                var (r, g, b) = (Vector128.Create(red[chosen]), Vector128.Create(green[chosen]), Vector128.Create(blue[chosen]));
                var index = Vector128.Create(kept.Count);
                kept.Add(_keys[used[chosen]]);
                for (var i = 0; i < length; i += lanes)
                {
                    var distance = Vector128.Max(
                        Vector128.Abs(Vector128.Create(red, i) - r),
                        Vector128.Max(Vector128.Abs(Vector128.Create(green, i) - g), Vector128.Abs(Vector128.Create(blue, i) - b)));
                    var current = Vector128.Create(error, i);
                    var closer = Vector128.LessThan(distance, current);
                    Vector128.Min(distance, current).CopyTo(error, i);
                    Vector128.ConditionalSelect(closer, index, Vector128.Create(nearest, i)).CopyTo(nearest, i);
                }
            }
        }

        /// <summary>Used slots, most pixels first, ties by colour (deterministic): sorted as packed longs, no LINQ.</summary>
        private int[] SlotsByFrequency()
        {
            var keys = new long[_distinct];
            var n = 0;
            for (var slot = 0; slot < Slots; slot++)
            {
                if (_counts[slot] > 0)
                {
                    keys[n++] = ((long)(int.MaxValue - _counts[slot]) << 32) | _keys[slot];
                }
            }

            Array.Sort(keys);
            var slots = new int[n];
            for (var i = 0; i < n; i++)
            {
                slots[i] = Find((uint)keys[i]);
            }

            return slots;
        }

        private static int IndexOfMax(int[] values)
        {
            var best = 0;
            for (var i = 1; i < values.Length; i++)
            {
                best = values[i] > values[best] ? i : best;
            }

            return best;
        }

        private int Find(uint colour)
        {
            var slot = (int)((colour * 2654435761u) >> 19);
            while (_counts[slot] != 0 && _keys[slot] != colour)
            {
                slot = (slot + 1) & (Slots - 1);
            }

            return slot;
        }
    }

    /// <summary>
    /// RGB rows, each behind its filter byte, compressed one row at a time: a 2400×2400 card's filtered rows would be a
    /// 17 MB large-object array per encode, garbage that piles up until a full collection.
    /// </summary>
    private static byte[] CompressRgb(ReadOnlySpan<uint> pixels, int width, int height, int rowPixels, PngRowFilter filter, int level)
    {
        var stride = width * 3;
        var previous = new byte[stride];
        var current = new byte[stride];
        var sub = new byte[stride];
        var up = new byte[stride];
        var line = new byte[stride + 1];
        using var buffer = new MemoryStream(stride * height / 16);
        using (var zlib = new ZLibStream(buffer, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                var row = pixels.Slice(y * rowPixels, width);
                for (var x = 0; x < width; x++)
                {
                    var p = row[x];
                    current[x * 3] = (byte)p;
                    current[x * 3 + 1] = (byte)(p >> 8);
                    current[x * 3 + 2] = (byte)(p >> 16);
                }

                Difference(current, previous, up, 0);
                Difference(current, current, sub, 3);
                var (type, bytes) = filter switch
                {
                    PngRowFilter.Sub => ((byte)1, sub),
                    PngRowFilter.Up => ((byte)2, up),
                    _ => ((byte)0, current),
                };
                line[0] = type;
                bytes.CopyTo(line, 1);
                zlib.Write(line);
                (previous, current) = (current, previous);
            }
        }

        return buffer.ToArray();
    }

    /// <summary><paramref name="target"/>[i] = a[i] − b[i − shift] (bytes before the row count as 0), vectorised.</summary>
    private static void Difference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> target, int shift)
    {
        a[..shift].CopyTo(target);
        var i = shift;
        for (; i <= a.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            (new Vector<byte>(a[i..]) - new Vector<byte>(b[(i - shift)..])).CopyTo(target[i..]);
        }

        for (; i < a.Length; i++)
        {
            target[i] = (byte)(a[i] - b[i - shift]);
        }
    }

    private static byte[] Compress(ReadOnlySpan<byte> raw, int level)
    {
        using var buffer = new MemoryStream(raw.Length / 16);
        using (var zlib = new ZLibStream(buffer, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return buffer.ToArray();
    }

    private static void WriteHeader(Stream output, int width, int height, byte colorType)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bits per sample (or per palette index)
        ihdr[9] = colorType;
        WriteChunk(output, "IHDR"u8, ihdr);
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309 polynomial, reflected).</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = Build();

        public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        private static uint[] Build()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}

/// <summary>The PNG row filters the encoder can apply to RGB rows.</summary>
internal enum PngRowFilter
{
    None,
    Sub,
    Up,
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace CardService.Core.Cards;

/// <summary>
/// Reads a non-interlaced PNG one row at a time, as premultiplied RGBA8: the one thing Skia's PNG decoder does not offer (it
/// decodes whole images only). Inflates the IDAT data as a stream and undoes each row's filter against the row before, so
/// reading holds two rows whatever the image's size. Every PNG colour type and bit depth; 16-bit samples keep their high
/// byte; a transparent colour (tRNS) becomes alpha 0. Colour profiles are not applied (nor are they when Skia draws cards).
/// </summary>
internal sealed class PngRows : IDisposable
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ZLibStream _inflater;
    private readonly int _colourType;
    private readonly int _bitDepth;
    private readonly int _bytesPerPixel;
    private readonly byte[] _palette; // RGBA quads
    private readonly int[]? _transparentKey; // gray or R,G,B samples (at the image's depth) drawn transparent
    private byte[] _row;
    private byte[] _previous;
    private bool _ended;

    private PngRows(ReadOnlyMemory<byte> png, int width, int height, int bitDepth, int colourType, byte[] palette, int[]? transparentKey)
    {
        Width = width;
        Height = height;
        _bitDepth = bitDepth;
        _colourType = colourType;
        _palette = palette;
        _transparentKey = transparentKey;
        var channels = colourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        _bytesPerPixel = Math.Max(1, channels * bitDepth / 8);
        var rowBytes = (int)(((long)width * channels * bitDepth + 7) / 8);
        _row = new byte[rowBytes + 1];
        _previous = new byte[rowBytes + 1];
        _inflater = new ZLibStream(new ImageDataStream(png), CompressionMode.Decompress);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The rows of <paramref name="png"/>, or null when it is not a PNG, is interlaced, or its header is malformed.</summary>
    public static PngRows? Open(ReadOnlyMemory<byte> png)
    {
        var bytes = png.Span;
        if (bytes.Length < 33 || !bytes.StartsWith(Signature) || !bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(bytes[16..]);
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes[20..]);
        int depth = bytes[24], colourType = bytes[25], interlace = bytes[28];
        var valid = colourType switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!valid || interlace != 0 || width <= 0 || height <= 0)
        {
            return null;
        }

        var palette = new byte[256 * 4];
        int[]? key = null;
        foreach (var (type, chunk) in Chunks(bytes))
        {
            var data = chunk.AsSpan();
            if (type.SequenceEqual("PLTE"u8))
            {
                for (var i = 0; i < Math.Min(256, data.Length / 3); i++)
                {
                    data.Slice(i * 3, 3).CopyTo(palette.AsSpan(i * 4));
                    palette[i * 4 + 3] = 0xFF;
                }
            }
            else if (type.SequenceEqual("tRNS"u8))
            {
                if (colourType == 3)
                {
                    for (var i = 0; i < Math.Min(256, data.Length); i++)
                    {
                        palette[i * 4 + 3] = data[i];
                    }
                }
                else if (colourType is 0 or 2 && data.Length >= (colourType == 0 ? 2 : 6))
                {
                    key = colourType == 0
                        ? [BinaryPrimitives.ReadUInt16BigEndian(data)]
                        : [BinaryPrimitives.ReadUInt16BigEndian(data), BinaryPrimitives.ReadUInt16BigEndian(data[2..]), BinaryPrimitives.ReadUInt16BigEndian(data[4..])];
                }
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                break;
            }
        }

        return new PngRows(png, width, height, depth, colourType, palette, key);
    }

    /// <summary>The next row as premultiplied RGBA (<see cref="Width"/> × 4 bytes); transparent black once the data runs out.</summary>
    public void ReadRow(Span<byte> rgba)
    {
        (_row, _previous) = (_previous, _row);
        if (_ended || _inflater.ReadAtLeast(_row, _row.Length, throwOnEndOfStream: false) < _row.Length)
        {
            _ended = true;
            rgba.Clear();
            return;
        }

        Unfilter(_row[0], _row.AsSpan(1), _previous.AsSpan(1), _bytesPerPixel);
        ToRgba(_row.AsSpan(1), rgba[..(Width * 4)]);
    }

    public void Dispose() => _inflater.Dispose();

    // The five PNG filters (RFC 2083 §6), undone in place; the row before is already unfiltered (zeros before the first).
    private static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> above, int bpp)
    {
        switch (filter)
        {
            case 1:
                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += above[i];
                }

                break;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + above[i]) / 2);
                }

                break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0, b = above[i], c = i >= bpp ? above[i - bpp] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    row[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }

                break;
        }
    }

    private void ToRgba(ReadOnlySpan<byte> row, Span<byte> rgba)
    {
        var step = _bitDepth == 16 ? 2 : 1;
        for (var x = 0; x < Width; x++)
        {
            byte r, g, b, a = 0xFF;
            switch (_colourType)
            {
                case 0:
                    var gray = Sample(row, x);
                    r = g = b = Scale(gray);
                    if (_transparentKey is [var grayKey] && gray == grayKey)
                    {
                        a = 0;
                    }

                    break;
                case 3:
                    var entry = Sample(row, x) * 4;
                    (r, g, b, a) = (_palette[entry], _palette[entry + 1], _palette[entry + 2], _palette[entry + 3]);
                    break;
                case 4:
                    (r, a) = (row[x * 2 * step], row[(x * 2 + 1) * step]);
                    g = b = r;
                    break;
                case 2:
                    (r, g, b) = (row[x * 3 * step], row[(x * 3 + 1) * step], row[(x * 3 + 2) * step]);
                    if (_transparentKey is [var kr, var kg, var kb] && Wide(row, x * 3) == kr && Wide(row, x * 3 + 1) == kg && Wide(row, x * 3 + 2) == kb)
                    {
                        a = 0;
                    }

                    break;
                default:
                    (r, g, b, a) = (row[x * 4 * step], row[(x * 4 + 1) * step], row[(x * 4 + 2) * step], row[(x * 4 + 3) * step]);
                    break;
            }

            rgba[x * 4] = (byte)((r * a + 127) / 255);
            rgba[x * 4 + 1] = (byte)((g * a + 127) / 255);
            rgba[x * 4 + 2] = (byte)((b * a + 127) / 255);
            rgba[x * 4 + 3] = a;
        }
    }

    // A gray or palette sample at the image's depth (1, 2, 4, 8 or 16 bits), as stored.
    private int Sample(ReadOnlySpan<byte> row, int x) => _bitDepth switch
    {
        16 => BinaryPrimitives.ReadUInt16BigEndian(row[(x * 2)..]),
        8 => row[x],
        _ => (row[x * _bitDepth / 8] >> (8 - _bitDepth - x * _bitDepth % 8)) & ((1 << _bitDepth) - 1),
    };

    // A gray sample scaled to 8 bits.
    private byte Scale(int sample) => _bitDepth switch
    {
        16 => (byte)(sample >> 8),
        8 => (byte)sample,
        _ => (byte)(sample * 255 / ((1 << _bitDepth) - 1)),
    };

    // An 8- or 16-bit RGB sample as stored, for the tRNS comparison.
    private int Wide(ReadOnlySpan<byte> row, int index) =>
        _bitDepth == 16 ? BinaryPrimitives.ReadUInt16BigEndian(row[(index * 2)..]) : row[index];

    private static List<(byte[] Type, byte[] Data)> Chunks(ReadOnlySpan<byte> png)
    {
        var chunks = new List<(byte[], byte[])>();
        var offset = 8;
        while (offset + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png[offset..]);
            if (length < 0 || offset + 12L + length > png.Length)
            {
                break;
            }

            var type = png.Slice(offset + 4, 4).ToArray();
            // Pixel data is streamed, not copied: only the small chunks before it are kept.
            chunks.Add((type, type.AsSpan().SequenceEqual("IDAT"u8) ? [] : png.Slice(offset + 8, length).ToArray()));
            if (type.AsSpan().SequenceEqual("IDAT"u8))
            {
                break;
            }

            offset += 12 + length;
        }

        return chunks;
    }

    /// <summary>The concatenated payload of a PNG's IDAT chunks, read in place.</summary>
    private sealed class ImageDataStream(ReadOnlyMemory<byte> png) : Stream
    {
        private int _offset = 8;
        private int _left;
        private bool _inData;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var bytes = png.Span;
            while (_left == 0)
            {
                if (_inData)
                {
                    _offset += 4; // the finished chunk's CRC
                }

                if (_offset + 8 > bytes.Length)
                {
                    return 0;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(bytes[_offset..]);
                var isData = bytes.Slice(_offset + 4, 4).SequenceEqual("IDAT"u8);
                if (length < 0 || (_inData && !isData))
                {
                    return 0;
                }

                _offset += 8;
                if (isData)
                {
                    _inData = true;
                    _left = Math.Min(length, bytes.Length - _offset);
                    if (_left == 0 && length > 0)
                    {
                        return 0;
                    }
                }
                else
                {
                    _offset += length + 4;
                }
            }

            var n = Math.Min(_left, buffer.Length);
            bytes.Slice(_offset, n).CopyTo(buffer);
            _offset += n;
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

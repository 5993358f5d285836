using System.IO.Compression;

namespace CardService.Core.Fetching;

/// <summary>Reads a response body under a wire cap and a decoded cap, decoding gzip/deflate/br itself so every decoded byte is counted.</summary>
internal static class BodyReader
{
    internal readonly record struct Body(byte[] Buffer, int Length, bool Truncated, bool Decoded);

    public static async Task<Body> ReadAsync(Stream raw, string? contentEncoding, long maxWireBytes, long maxDecodedBytes, CancellationToken ct)
    {
        var wire = new CappedStream(raw, maxWireBytes);
        var (decoded, ok) = await DecoderFor(wire, contentEncoding, ct);
        await using var _ = decoded;
        var limit = (int)Math.Min(maxDecodedBytes + 1, Array.MaxLength);
        var buffer = new byte[Math.Min(limit, 16 * 1024)];
        var length = 0;
        try
        {
            while (length < limit)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
                }

                var read = await decoded.ReadAsync(buffer.AsMemory(length, buffer.Length - length), ct);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch (InvalidDataException) when (wire.Exceeded)
        {
            // The wire cap cut the compressed stream mid-block: keep what decoded.
        }

        var truncated = length > maxDecodedBytes || wire.Exceeded;
        return new Body(buffer, (int)Math.Min(length, maxDecodedBytes), truncated, ok);
    }

    // Layers are undone last-applied first; an encoding we do not know leaves the bytes as they are.
    private static async Task<(Stream Stream, bool Decoded)> DecoderFor(Stream wire, string? contentEncoding, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(contentEncoding))
        {
            return (wire, true);
        }

        var layers = contentEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (layers.Any(l => !IsKnown(l)))
        {
            return (wire, false);
        }

        var stream = wire;
        for (var i = layers.Length - 1; i >= 0; i--)
        {
            stream = layers[i].ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                "deflate" => await DeflateAsync(stream, ct),
                _ => stream, // identity
            };
        }

        return (stream, true);
    }

    private static bool IsKnown(string encoding) =>
        encoding.ToLowerInvariant() is "gzip" or "x-gzip" or "br" or "deflate" or "identity";

    // "deflate" should be zlib-wrapped (RFC 9110) but servers also send raw deflate: sniff the zlib header.
    private static async Task<Stream> DeflateAsync(Stream stream, CancellationToken ct)
    {
        var head = new byte[2];
        var got = 0;
        while (got < 2)
        {
            var read = await stream.ReadAsync(head.AsMemory(got), ct);
            if (read == 0)
            {
                break;
            }

            got += read;
        }

        var prefixed = new PrefixedStream(head.AsMemory(0, got), stream);
        var isZlib = got == 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0;
        return isZlib ? new ZLibStream(prefixed, CompressionMode.Decompress) : new DeflateStream(prefixed, CompressionMode.Decompress);
    }

    /// <summary>Ends after <c>limit</c> bytes and remembers whether the source had more.</summary>
    private sealed class CappedStream(Stream inner, long limit) : ReadOnlyStream
    {
        private long _remaining = limit;

        public bool Exceeded { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_remaining <= 0)
            {
                if (!Exceeded && buffer.Length > 0)
                {
                    // One byte of look-ahead tells a body of exactly the cap from a longer one.
                    Exceeded = await inner.ReadAsync(new byte[1], cancellationToken) > 0;
                }

                return 0;
            }

            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
            _remaining -= read;
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : ReadOnlyStream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_prefix.IsEmpty)
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }

            var count = Math.Min(buffer.Length, _prefix.Length);
            _prefix[..count].CopyTo(buffer);
            _prefix = _prefix[count..];
            return count;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A forward-only, async-first read stream; the sync members route through <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

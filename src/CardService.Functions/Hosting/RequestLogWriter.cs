using System.Buffers;
using System.Threading.Channels;
using CardService.Core.Telemetry;

namespace CardService.Functions.Hosting;

/// <summary>
/// Writes request log lines to a stream (stdout) from one background task, many lines per write. A request only copies
/// its line into a pooled buffer and queues it; when the stream falls behind and the queue is full, the line is dropped and
/// counted (<see cref="CardServiceTelemetry.RequestLogDrops"/>) rather than making the request wait.
/// </summary>
public sealed class RequestLogWriter : IAsyncDisposable
{
    /// <summary>Lines waiting to be written before new ones are dropped (≈ a second of a saturated instance).</summary>
    public const int DefaultQueueLength = 16_384;

    // A write of at most PIPE_BUF bytes reaches a pipe whole: the console logger's own lines never land inside one of ours.
    private const int ChunkBytes = 4096;

    private readonly Channel<Line> _lines;
    private readonly Stream _output;
    private readonly Task _writing;

    /// <param name="output">Where the lines go; written from one task only, never disposed here.</param>
    /// <param name="queueLength">How many lines may wait.</param>
    public RequestLogWriter(Stream output, int queueLength = DefaultQueueLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueLength, 1);
        _output = output;
        _lines = Channel.CreateBounded<Line>(
            new BoundedChannelOptions(queueLength) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            dropped =>
            {
                ArrayPool<byte>.Shared.Return(dropped.Buffer);
                CardServiceTelemetry.RequestLogDrops.Add(1);
            });
        _writing = Task.Run(WriteLinesAsync);
    }

    /// <summary>Queues one whole line (ending in a newline); never blocks.</summary>
    public void Write(ReadOnlySpan<byte> line)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(line.Length);
        line.CopyTo(buffer);
        if (!_lines.Writer.TryWrite(new Line(buffer, line.Length)))
        {
            // Only after disposal: the host is stopping.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
    }

    private async Task WriteLinesAsync()
    {
        var chunk = new byte[ChunkBytes];
        var used = 0;
        var broken = false;
        while (await _lines.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_lines.Reader.TryRead(out var line))
            {
                if (broken)
                {
                    CardServiceTelemetry.RequestLogDrops.Add(1);
                }
                else if (used + line.Length > ChunkBytes)
                {
                    broken = !TryWrite(chunk.AsSpan(0, used));
                    used = 0;
                    if (line.Length > ChunkBytes)
                    {
                        broken = broken || !TryWrite(line.Buffer.AsSpan(0, line.Length));
                    }
                    else
                    {
                        line.Buffer.AsSpan(0, line.Length).CopyTo(chunk);
                        used = line.Length;
                    }
                }
                else
                {
                    line.Buffer.AsSpan(0, line.Length).CopyTo(chunk.AsSpan(used));
                    used += line.Length;
                }

                ArrayPool<byte>.Shared.Return(line.Buffer);
            }

            // The queue is empty: write what is gathered now, so a quiet server's lines are not held back.
            broken = broken || !TryWrite(chunk.AsSpan(0, used));
            used = 0;
        }
    }

    // A closed stdout must not take the server down: from then on lines are counted as dropped.
    private bool TryWrite(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return true;
        }

        try
        {
            _output.Write(bytes);
            _output.Flush();
            return true;
        }
        catch (IOException)
        {
            CardServiceTelemetry.RequestLogDrops.Add(1);
            return false;
        }
    }

    private readonly record struct Line(byte[] Buffer, int Length);
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace CardService.Worker.Tests.Support;

/// <summary>
/// The host's end of the worker's event stream: sends requests, pairs each answer with its request (init, metadata, a load by
/// function id, an invocation by invocation id) and keeps the worker's logs, which come over gRPC rather than stdout.
/// </summary>
internal sealed class WorkerChannel
{
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _logs = new();

    // Invocations go out concurrently; a gRPC stream takes one write at a time, so one loop writes them in turn.
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes with the worker id the worker sent in <c>StartStream</c>.</summary>
    public Task<string> Started => _started.Task;

    public string Logs => string.Join('\n', _logs);

    /// <summary>Serves one <c>EventStream</c> call for as long as the worker keeps it open.</summary>
    public async Task ServeAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        var writing = WriteAllAsync(responses, cancellationToken);
        while (await requests.MoveNext(cancellationToken))
        {
            Receive(requests.Current);
        }

        _outbound.Writer.TryComplete();
        await writing;
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
        {
            await responses.WriteAsync(message, cancellationToken);
        }
    }

    public async Task<StreamingMessage> RequestAsync(string answerKey, StreamingMessage request, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[answerKey] = answer;
        await SendAsync(request, cancellationToken);
        return await answer.Task.WaitAsync(cancellationToken);
    }

    public Task SendAsync(StreamingMessage message, CancellationToken cancellationToken) =>
        _outbound.Writer.WriteAsync(message, cancellationToken).AsTask();

    public static string InitKey => "init";

    public static string MetadataKey => "metadata";

    public static string LoadKey(string functionId) => "load:" + functionId;

    public static string InvocationKey(string invocationId) => "invocation:" + invocationId;

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                _logs.Enqueue($"{message.RpcLog.Level} {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
                break;
            default:
                if (AnswerKey(message) is { } key && _pending.TryRemove(key, out var answer))
                {
                    answer.TrySetResult(message);
                }

                break;
        }
    }

    private static string? AnswerKey(StreamingMessage message) => message.ContentCase switch
    {
        StreamingMessage.ContentOneofCase.WorkerInitResponse => InitKey,
        StreamingMessage.ContentOneofCase.FunctionMetadataResponse => MetadataKey,
        StreamingMessage.ContentOneofCase.FunctionLoadResponse => LoadKey(message.FunctionLoadResponse.FunctionId),
        StreamingMessage.ContentOneofCase.InvocationResponse => InvocationKey(message.InvocationResponse.InvocationId),
        _ => null,
    };
}

/// <summary>The host's gRPC service: the worker dials it and opens one event stream.</summary>
internal sealed class FakeHostRpc(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.ServeAsync(requestStream, responseStream, context.CancellationToken);
}

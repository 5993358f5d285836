using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CardService.Worker.Tests.Support;

/// <summary>
/// Plays the Azure Functions host for the published worker, as ../shared/protocols/functions-rpc/SOURCE.md describes: an
/// HTTP/2-only gRPC endpoint, the worker started with the host's arguments and FUNCTIONS_APPLICATION_DIRECTORY, then
/// WorkerInitRequest, FunctionsMetadataRequest and one FunctionLoadRequest per function. Each invocation is an
/// InvocationRequest plus the HTTP request forwarded to the worker's HttpUri with <c>x-ms-invocation-id</c>.
/// </summary>
public sealed class FakeFunctionsHost : IAsyncLifetime
{
    // Only stops a hung handshake or call; nothing is asserted about time.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    private readonly WorkerChannel _channel = new();
    private readonly StringBuilder _output = new();
    private readonly string _appFolder = Directory.CreateTempSubdirectory("cardservice-worker-").FullName;
    private WebApplication? _host;
    private Process? _worker;
    // A redirect goes back to the client, which asks again: a new request, a new invocation. Following it here would resend the
    // spent x-ms-invocation-id.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    /// <summary>The worker's own Kestrel address, from its <c>HttpUri</c> capability.</summary>
    public Uri HttpUri { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = null!;

    public IReadOnlyList<DeclaredFunction> Functions { get; private set; } = [];

    /// <summary>Process start to the first invocation answered (GET /healthz), for docs/PERFORMANCE.md; never asserted.</summary>
    public TimeSpan StartToFirstAnswer { get; private set; }

    internal string Diagnostics
    {
        get
        {
            lock (_output)
            {
                return $"worker output:\n{_output}\nworker logs (gRPC):\n{_channel.Logs}";
            }
        }
    }

    public async Task InitializeAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        await PublishAsync(guard.Token);
        var endpoint = await StartHostAsync(guard.Token);

        var clock = Stopwatch.StartNew();
        StartWorker(endpoint);
        try
        {
            await HandshakeAsync(guard.Token);
            using var first = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "healthz"));
            StartToFirstAnswer = clock.Elapsed;
            if (first.Http.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET /healthz through the worker answered {(int)first.Http.StatusCode}.\n{Diagnostics}");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or HttpRequestException or SocketException)
        {
            throw new InvalidOperationException($"The worker did not complete the host's handshake: {e.Message}\n{Diagnostics}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_worker is { HasExited: false })
        {
            // The host's way to stop a worker; kill it only if it does not go.
            try
            {
                using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _channel.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } }, guard.Token);
                await _worker.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                _worker.Kill(entireProcessTree: true);
                await _worker.WaitForExitAsync();
            }
        }

        _worker?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_appFolder, recursive: true);
    }

    /// <summary>What the host does with one HTTP request: picks the function by route and method, invokes it and forwards the request.</summary>
    public async Task<Invocation> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri!.OriginalString.Split('?')[0].Trim('/');
        var function = Functions.SingleOrDefault(f => f.Matches(request.Method.Method, path))
            ?? throw new InvalidOperationException($"No function declares {request.Method} /{path}; the host would answer 404 itself.");

        var invocationId = Guid.NewGuid().ToString();
        request.RequestUri = new Uri(HttpUri, request.RequestUri.OriginalString.TrimStart('/'));
        request.Headers.Add("x-ms-invocation-id", invocationId);
        var invocation = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext(), // the worker needs one, even empty
        };
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Http = new RpcHttp() } });

        using var guard = new CancellationTokenSource(Guard);
        var answered = _channel.RequestAsync(WorkerChannel.InvocationKey(invocationId), new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = invocation }, guard.Token);
        var http = await Http.SendAsync(request, guard.Token);
        var response = await answered;
        return new Invocation(function.Name, http, response.InvocationResponse);
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        // The build this test project depends on, published as infra/publish.sh lays it out (without ReadyToRun, to keep it quick).
        var configuration = typeof(FakeFunctionsHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
        var project = Path.Combine(RepoPaths.FunctionsProject, "CardService.Functions.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", _appFolder, "-nologo", "-clp:ErrorsOnly"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = publish.StandardError.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken);
        if (publish.ExitCode != 0 || !File.Exists(Path.Combine(_appFolder, "functions.metadata")))
        {
            throw new InvalidOperationException($"dotnet publish of the worker failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private async Task<Uri> StartHostAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The worker's gRPC client speaks h2c: an endpoint that also offers HTTP/1.1 makes it fail with HTTP_1_1_REQUIRED.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(_channel);
        _host = builder.Build();
        _host.MapGrpcService<FakeHostRpc>();
        await _host.StartAsync(cancellationToken);
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address.TrimEnd('/') + "/");
    }

    private void StartWorker(Uri endpoint)
    {
        var start = new ProcessStartInfo("dotnet",
        [
            Path.Combine(_appFolder, "CardService.Functions.dll"),
            "--functions-uri", endpoint.ToString(),
            "--functions-worker-id", Guid.NewGuid().ToString(),
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture),
        ])
        {
            WorkingDirectory = _appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The worker finds host.json (routePrefix "") and its functions through this, not through WorkerInitRequest.
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = _appFolder;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("PORT");
        start.Environment.Remove("DOTNET_gcServer");
        _worker = Process.Start(start)!;
        _worker.OutputDataReceived += (_, e) => Append(e.Data);
        _worker.ErrorDataReceived += (_, e) => Append(e.Data);
        _worker.BeginOutputReadLine();
        _worker.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        await _channel.Started.WaitAsync(cancellationToken);

        var init = new WorkerInitRequest { HostVersion = "4.1040.300.25317", WorkerDirectory = _appFolder, FunctionAppDirectory = _appFolder };
        init.Capabilities.Add("MultiStream", bool.TrueString);
        var initialized = (await _channel.RequestAsync(WorkerChannel.InitKey, new StreamingMessage { RequestId = Guid.NewGuid().ToString(), WorkerInitRequest = init }, cancellationToken)).WorkerInitResponse;
        RequireSuccess(initialized.Result, "WorkerInitRequest");
        WorkerCapabilities = initialized.Capabilities.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        HttpUri = new Uri(WorkerCapabilities.TryGetValue("HttpUri", out var httpUri)
            ? httpUri
            : throw new InvalidOperationException("The worker reported no HttpUri capability: is the ASP.NET Core integration on?"));

        var metadata = (await _channel.RequestAsync(WorkerChannel.MetadataKey, new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = _appFolder },
        }, cancellationToken)).FunctionMetadataResponse;
        RequireSuccess(metadata.Result, "FunctionsMetadataRequest");
        Functions = [.. metadata.FunctionMetadataResults.Select(DeclaredFunction.From).OrderBy(f => f.Name, StringComparer.Ordinal)];

        // One load per function, as the host sends them (the worker ignores FunctionLoadRequestCollection).
        await Task.WhenAll(Functions.Select(async function =>
        {
            var loaded = (await _channel.RequestAsync(WorkerChannel.LoadKey(function.FunctionId), new StreamingMessage
            {
                RequestId = Guid.NewGuid().ToString(),
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function.Metadata },
            }, cancellationToken)).FunctionLoadResponse;
            RequireSuccess(loaded.Result, $"FunctionLoadRequest for {function.Name}");
        }));

        // The worker answers WorkerInitRequest from its gRPC service, which starts before its web host; with this app's
        // start-up (options checks, OpenAPI, Razor) Kestrel may listen a little later. Forward nothing until it does.
        await WaitUntilListeningAsync(cancellationToken);
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(HttpUri.Host, HttpUri.Port, cancellationToken);
                return;
            }
            catch (SocketException) when (_worker is { HasExited: false })
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"The worker exited ({_worker?.ExitCode}) before it listened on {HttpUri}.", e);
            }
        }
    }

    private static void RequireSuccess(StatusResult result, string request)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{request}: {result.Status} {result.Exception?.Message} {result.Result}");
        }
    }
}

/// <summary>One invocation: the function the host chose, the worker's HTTP answer and its InvocationResponse.</summary>
public sealed record Invocation(string Function, HttpResponseMessage Http, InvocationResponse Response) : IDisposable
{
    public void Dispose() => Http.Dispose();
}

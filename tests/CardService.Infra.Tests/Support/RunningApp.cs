using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CardService.Functions.Hosting;

namespace CardService.Infra.Tests.Support;

/// <summary>
/// The real server (this build's CardService.Functions) started as its own process with the environment a deploy file gives
/// it, except that it listens on a free loopback port: what a container or pod would run, reachable only from this machine.
/// </summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningApp(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>What the server printed so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server with <paramref name="environment"/> and waits until it answers HTTP at all.</summary>
    public static async Task<RunningApp> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CardService.Functions.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove(HostingPorts.CustomHandlerPortVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // The deploy file's own listening rule is checked by the callers; here only the address moves to loopback.
        start.Environment.Remove(HostingPorts.PortVariable);
        start.Environment[HostingPorts.AspNetCoreUrlsVariable] = $"http://127.0.0.1:{port}";

        var app = new RunningApp(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitUntilListeningAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // stops a hung start; not a timing assertion
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} at start:\n{Output}");
            }

            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, BaseAddress.Port, guard.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The server did not listen on {BaseAddress} within a minute:\n{Output}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

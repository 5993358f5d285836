using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// What the kernel says a process holds, from <c>/proc/&lt;pid&gt;/status</c>: resident now, the most it ever held, and the part
/// of resident memory the kernel cannot drop under a container's limit (anonymous and shared-memory pages; file pages, such
/// as assemblies, libraries and memory-mapped fonts, it can drop and read again).
/// </summary>
public readonly record struct ProcessMemory(long ResidentBytes, long PeakResidentBytes, long UnreclaimableBytes)
{
    public static ProcessMemory Read(int processId) =>
        TryRead(processId) ?? throw new InvalidOperationException($"Process {processId} has exited: /proc has no memory lines for it.");

    /// <summary>Null once the process has exited (a process that is dead but not yet reaped has no memory lines).</summary>
    public static ProcessMemory? TryRead(int processId)
    {
        string[] status;
        try
        {
            status = File.ReadAllLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/status"));
        }
        catch (IOException)
        {
            return null; // reaped: /proc has no entry for it any more
        }

        if (!status.Any(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)))
        {
            return null; // dead, not yet reaped
        }

        long Field(string name) =>
            long.Parse(status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0],
                CultureInfo.InvariantCulture) * 1024;

        return new ProcessMemory(Field("VmRSS"), Field("VmHWM"), Field("RssAnon") + Field("RssShmem"));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"VmRSS {ResidentBytes / 1048576} MB, VmHWM {PeakResidentBytes / 1048576} MB, anonymous+shmem {UnreclaimableBytes / 1048576} MB");
}

/// <summary>
/// The most unreclaimable memory (<see cref="ProcessMemory.UnreclaimableBytes"/>) a process held while this watched, read from
/// <c>/proc</c> every few milliseconds. The kernel keeps no high-water mark for it, so this is a lower bound of the true
/// peak; a card-sized spike lasts tens of milliseconds, longer than the interval.
/// </summary>
public sealed class UnreclaimablePeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private long _peak;

    public UnreclaimablePeak(int processId) => _watching = WatchAsync(processId);

    public long PeakBytes => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private async Task WatchAsync(int processId)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        do
        {
            if (ProcessMemory.TryRead(processId) is not { } memory)
            {
                return; // the process is gone (killed, for one): what it held until then is the peak
            }

            var now = memory.UnreclaimableBytes;
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>
/// The built app (<c>CardService.Functions.dll</c>) as its own process on a 127.0.0.x address, so its memory is its own to
/// measure and a deploy file's environment can be tried as a container would run it. Settings are passed as environment
/// variables (<c>Section__Key</c>); the process is killed on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    private AppProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>The app as this test build holds it, beside the test assembly.</summary>
    public static string BuiltAppDll => Path.Combine(AppContext.BaseDirectory, "CardService.Functions.dll");

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the app wrote so far (for a failure message).</summary>
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

    public ProcessMemory Memory() => ProcessMemory.Read(_process.Id);

    /// <summary>Starts the app and waits until it serves; with <paramref name="cgroup"/>, inside it (<see cref="MemoryCgroup.StartIn"/>).</summary>
    public static async Task<AppProcess> StartAsync(string appDll, string address, IReadOnlyDictionary<string, string> settings,
        MemoryCgroup? cgroup = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort(address);
        var (program, arguments) = cgroup?.StartIn(appDll) ?? ("dotnet", [appDll]);
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("DOTNET_gcServer");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // Whatever the settings say about listening (a deploy file's PORT or ASPNETCORE_URLS), only the address moves here.
        start.Environment.Remove("Functions__Worker__HostEndpoint"); // set, the app would start as the Functions worker
        start.Environment.Remove("PORT");
        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://{address}:{port}");

        var app = new AppProcess(Process.Start(start)!, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{address}:{port}/")));
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitUntilServingAsync();
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

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.WriteLine(line);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        // A guard against a hung start, not a timing assertion: a start that fails says why from the app's own output.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before serving:\n{Output}");
            }

            try
            {
                using var answer = await Client.GetAsync(new Uri("healthz", UriKind.Relative), guard.Token);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, guard.Token);
        }
    }

    private static int FreePort(string address)
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

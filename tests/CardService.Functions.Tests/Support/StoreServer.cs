using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// A real store server (Azurite, redis-server) as a child process on 127.0.0.1 and a free port, kept for its whole life on
/// that port so it can be stopped mid-test and started again where the app expects it. Killed on dispose.
/// </summary>
public abstract class StoreServer : IAsyncDisposable
{
    private readonly string _program;
    private Process? _process;
    private readonly StringWriter _output = new();

    protected StoreServer(string program)
    {
        _program = program;
        Port = FreePort();
        DataDirectory = Directory.CreateTempSubdirectory("cardservice-store-").FullName;
    }

    public int Port { get; }

    /// <summary>A temp folder for the server's files; removed on dispose.</summary>
    protected string DataDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    protected abstract IEnumerable<string> Arguments { get; }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(_program, Arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // A guard against a hung start (Azurite takes seconds on a busy machine), not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_program} exited with {_process.ExitCode} before listening:\n{_output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, guard.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, guard.Token);
            }
        }
    }

    /// <summary>Kills the server, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(DataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Azurite's blob service (npm <c>azurite@3.37.0</c>, which <c>./test.sh</c> installs into <c>.tools/</c>).</summary>
public sealed class AzuriteServer() : StoreServer(Program)
{
    // Azurite's well-known development account.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static string Program
    {
        get
        {
            var program = Path.Combine(RepoPaths.Root, ".tools", "node_modules", ".bin", "azurite-blob");
            return File.Exists(program)
                ? program
                : throw new FileNotFoundException($"Azurite is not installed at {program}; ./test.sh installs it (npm azurite@3.37.0 into .tools/).");
        }
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Text(Port)}/devstoreaccount1;";

    protected override IEnumerable<string> Arguments =>
    [
        "--blobHost", "127.0.0.1", "--blobPort", Text(Port), "--location", DataDirectory,
        "--skipApiVersionCheck", "--disableTelemetry", "--silent",
    ];
}

/// <summary>Debian's <c>redis-server</c> (<c>./test.sh</c> installs it), keeping nothing on disk.</summary>
public sealed class RedisServer() : StoreServer(Program)
{
    private const string Program = "/usr/bin/redis-server";

    public string Configuration => $"127.0.0.1:{Text(Port)}";

    protected override IEnumerable<string> Arguments =>
        File.Exists(Program)
            ? ["--port", Text(Port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", DataDirectory]
            : throw new FileNotFoundException($"redis-server is not installed at {Program}; ./test.sh installs it (Debian package redis-server).");
}

/// <summary>Two instances of the built app as separate processes with the same settings, as instances behind one address run.</summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(AppProcess first, AppProcess second) => (First, Second) = (first, second);

    public AppProcess First { get; }

    public AppProcess Second { get; }

    /// <param name="settings">
    /// Shared settings; the store timeout is made generous for a busy test machine, since a store call that timed out would
    /// make an instance render or fetch by itself, and a store skipped after failures is tried again after a second.
    /// </param>
    public static async Task<TwoInstances> StartAsync(Dictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.TryAdd("CardStore:TimeoutMilliseconds", "10000");
        settings.TryAdd("CardStore:BreakerOpenSeconds", "1");
        var first = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", settings);
        return new TwoInstances(first, await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", settings));
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}

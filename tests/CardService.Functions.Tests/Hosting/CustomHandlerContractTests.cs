using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SkiaSharp;

namespace CardService.Functions.Tests.Hosting;

/// <summary>
/// Runs the built app as the Azure Functions host would (HOSTING.md): a process given FUNCTIONS_CUSTOMHANDLER_PORT,
/// polled on GET / until it answers, then sent requests carrying the host's headers.
/// </summary>
public sealed class CustomHandlerContractTests : IAsyncLifetime
{
    private readonly int _port = FreePort();
    private readonly StringBuilder _output = new();
    private Process? _process;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CardService.Functions.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PORT"] = "1"; // must lose to FUNCTIONS_CUSTOMHANDLER_PORT
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:2";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // The host's readiness ping: any HTTP answer on GET / means ready. The deadline only stops a hung test.
        using var client = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var ping = await client.GetAsync(Url("/"));
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"The app never answered GET / on port {_port}. Output:\n{Output}", e);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private Uri Url(string path) => new($"http://127.0.0.1:{_port}{path}");

    [Fact]
    public async Task Card_WithHostHeaders_AnswersThePngOnThePortTheHostChose()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/card?title=From%20the%20host&category=Functions"));
        request.Headers.Add("x-azure-functions-hostversion", "4.1040.300.25317");
        request.Headers.Add("x-azure-functions-invocationid", Guid.NewGuid().ToString());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Root_ReadinessPing_AnswersJson()
    {
        using var client = new HttpClient();

        using var response = await client.GetAsync(Url("/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Listener_BindsLoopback127001Only()
    {
        // 127.0.0.2 reaches this machine's loopback too; a wildcard bind (0.0.0.0) would accept it.
        using var other = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => other.ConnectAsync(IPAddress.Parse("127.0.0.2"), _port));

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Contains($"Now listening on: http://127.0.0.1:{_port}", Output, StringComparison.Ordinal);
    }
}

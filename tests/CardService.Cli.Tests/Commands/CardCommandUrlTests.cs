using System.Net;
using System.Text;
using CardService.Cli.Tests.Support;
using CardService.Core.Tests.Fetching.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SkiaSharp;

namespace CardService.Cli.Tests.Commands;

/// <summary><c>cardservice card --url</c> run as a built tool against a real Kestrel server on 127.0.0.2.</summary>
public sealed class CardCommandUrlTests : IAsyncLifetime, IDisposable
{
    private const string Allowed = "127.0.0.2/32";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cardservice-cli-url-");
    private LocalServer _server = null!;

    private const string Post = """
        <!doctype html><html><head>
        <title>Pi Cluster Update | Michael Lamb</title>
        <meta property="og:site_name" content="Michael Lamb">
        <meta property="article:published_time" content="2021-03-25T00:00:00-05:00">
        <link rel="apple-touch-icon" href="/icon.png">
        </head><body></body></html>
        """;

    public async Task InitializeAsync() =>
        _server = await LocalServer.StartAsync("127.0.0.2", app =>
        {
            app.MapGet("/cluster-computing/2021/03/25/pi.html", () => Results.Content(Post, "text/html; charset=utf-8", Encoding.UTF8));
            app.MapGet("/untitled", () => Results.Content("<html><head></head><body>x</body></html>", "text/html"));
            app.MapGet("/icon.png", () => Results.Bytes(TestImages.Png(180, 180), "image/png"));
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _work.Delete(recursive: true);

    private Task<ToolRun> RunAsync(IDictionary<string, string>? environment, params string[] args) =>
        Tool.RunAsync(_work.FullName, environment, args);

    private string PathOf(string name) => Path.Combine(_work.FullName, name);

    [Fact]
    public async Task Card_Url_WritesTheCardAndSaysWhereEachValueCameFrom()
    {
        var url = _server.Url("/cluster-computing/2021/03/25/pi.html").AbsoluteUri;

        var run = await RunAsync(null, "card", "--url", url, "--allow-private", Allowed, "--logo", "auto", "--out", "card.png");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote card.png (1200×630", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("title: title", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("category: path", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("site-name: og:site_name", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("date: article:published_time", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("logo: apple-touch-icon", run.Stdout, StringComparison.Ordinal);
        using var codec = SKCodec.Create(PathOf("card.png"));
        Assert.Equal((1200, 630), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public async Task Card_UrlWithExplicitTitle_TheTitleComesFromTheRequest()
    {
        var url = _server.Url("/cluster-computing/2021/03/25/pi.html").AbsoluteUri;
        var environment = new Dictionary<string, string> { ["CARDSERVICE_FETCH__ALLOWEDPRIVATENETWORKS"] = Allowed };

        var run = await RunAsync(environment, "card", "--url", url, "--title", "Mine", "--out", "card.png");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("title: request", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_UrlOnAPrivateAddressWithoutAllowance_FailsWithUrlErrorAndWritesNothing()
    {
        var run = await RunAsync(null, "card", "--url", _server.Url("/cluster-computing/2021/03/25/pi.html").AbsoluteUri, "--out", "card.png");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: url: ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("card.png")));
    }

    [Fact]
    public async Task Card_UrlThatDoesNotAnswer_FailsWithUrlError()
    {
        using var closed = new AcceptCounter(IPAddress.Parse("127.0.0.2"));
        var port = closed.Port;
        closed.Dispose();

        var run = await RunAsync(null, "card", "--url", $"http://127.0.0.2:{port}/post", "--allow-private", Allowed, "--out", "card.png");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: url: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_PageWithoutTitle_FailsWithUrlError()
    {
        var run = await RunAsync(null, "card", "--url", _server.Url("/untitled").AbsoluteUri, "--allow-private", Allowed, "--out", "card.png");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: url: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("title", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("url", "--url", "not a url")]
    [InlineData("allow-private", "--url", "http://127.0.0.2/x", "--allow-private", "not-a-cidr")]
    [InlineData("logo", "--title", "x", "--logo", "auto")]
    public async Task Card_BadUrlOption_Exits2NamingIt(string field, params string[] args)
    {
        var run = await RunAsync(null, ["card", .. args, "--out", "card.png"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {field}: ", run.Stderr, StringComparison.Ordinal);
    }
}

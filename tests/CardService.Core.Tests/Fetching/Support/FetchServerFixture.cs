using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Core.Tests.Fetching.Support;

/// <summary>
/// Kestrel on 127.0.0.2 (the one address the tests allow) serving pages, redirects, bombs and images;
/// a second origin on 127.0.0.2 whose robots.txt fails; and bare listeners on 127.0.0.1, ::1 and
/// 127.0.0.3 that only count connections, which must stay at zero.
/// </summary>
public sealed class FetchServerFixture : IAsyncLifetime
{
    public const string AllowedNetwork = "127.0.0.2/32";
    public const string Html = "<!doctype html><html><head><title>ok</title></head><body>hello</body></html>";
    public const string Robots = "User-agent: Twitterbot\nDisallow: /page\n\nUser-agent: *\nDisallow: /private\n";

    private static readonly byte[] Zeros = new byte[16 * 1024 * 1024];

    public LocalServer Server { get; private set; } = null!;

    public LocalServer BrokenRobotsServer { get; private set; } = null!;

    public AcceptCounter Loopback { get; } = new(IPAddress.Loopback);

    public AcceptCounter LoopbackV6 { get; } = new(IPAddress.IPv6Loopback);

    public AcceptCounter Forbidden { get; } = new(IPAddress.Parse("127.0.0.3"));

    public int TotalForbiddenAccepts => Loopback.Accepted + LoopbackV6.Accepted + Forbidden.Accepted;

    public Dictionary<string, (byte[] Bytes, string ContentType)> Images { get; } = new()
    {
        ["png"] = (TestImages.Png(1200, 630), "image/png"),
        ["jpeg"] = (TestImages.JpegWithBigApp1(800, 418), "image/jpeg"),
        ["gif"] = (TestImages.Gif(400, 400), "image/gif"),
        ["webp"] = (TestImages.WebP(600, 315), "image/webp"),
        ["bmp"] = (TestImages.Bmp(64, 32), "image/bmp"),
        ["svg"] = (TestImages.Svg, "image/svg+xml"),
        ["big"] = ([.. TestImages.Png(40, 20), .. new byte[3 * 1024 * 1024]], "image/png"),
        ["bomb"] = (TestImages.PngHeader(50_000, 50_000), "image/png"),
    };

    /// <summary>Resolves the test names only; anything else fails as DNS would, so no test ever asks a real resolver.</summary>
    public static Task<IPAddress[]> Resolve(string host, CancellationToken ct) => host switch
    {
        "ok.test" => Task.FromResult(new[] { IPAddress.Parse("127.0.0.2") }),
        "rebind.test" => Task.FromResult(new[] { IPAddress.Loopback }),
        "mixed.test" => Task.FromResult(new[] { IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3") }),
        "metadata.test" => Task.FromResult(new[] { IPAddress.Parse("169.254.169.254") }),
        _ => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)),
    };

    public async Task InitializeAsync()
    {
        Server = await LocalServer.StartAsync("127.0.0.2", Map);
        BrokenRobotsServer = await LocalServer.StartAsync("127.0.0.2", app =>
        {
            app.MapGet("/robots.txt", () => Results.StatusCode(503));
            app.MapGet("/page", () => Results.Content(Html, "text/html"));
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await BrokenRobotsServer.DisposeAsync();
        Loopback.Dispose();
        LoopbackV6.Dispose();
        Forbidden.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/page", (HttpContext c) =>
        {
            c.Response.Headers["X-Robots-Tag"] = "noarchive";
            return Results.Content($"{Html}<!-- ua: {c.Request.Headers.UserAgent} -->", "text/html; charset=utf-8");
        });
        app.MapGet("/status/{code:int}", (int code) => Results.Content($"<html><title>{code}</title></html>", "text/html", statusCode: code));
        app.MapGet("/redirect/{code:int}/{n:int}", (int code, int n, HttpContext c) =>
        {
            if (n == 0)
            {
                return Results.Content(Html, "text/html");
            }

            c.Response.Headers.Location = $"/redirect/{code}/{n - 1}";
            return Results.StatusCode(code);
        });
        app.MapGet("/loop/{name}", (string name, HttpContext c) =>
        {
            c.Response.Headers.Location = name == "a" ? "/loop/b" : "/loop/a";
            return Results.StatusCode(302);
        });
        app.MapGet("/to", (string url, HttpContext c) =>
        {
            c.Response.Headers.Location = url;
            return Results.StatusCode(302);
        });
        app.MapGet("/huge", () => Results.Bytes(new byte[5 * 1024 * 1024], "text/html"));
        app.MapGet("/endless", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            var chunk = new byte[16 * 1024];
            while (!c.RequestAborted.IsCancellationRequested)
            {
                await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
            }
        });
        app.MapGet("/slow", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/html";
            await c.Response.WriteAsync("<html>", c.RequestAborted);
            await c.Response.Body.FlushAsync(c.RequestAborted);
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        });
        app.MapGet("/slow-headers", async (HttpContext c) => await Task.Delay(Timeout.Infinite, c.RequestAborted));
        app.MapGet("/encoded/{encoding}", (string encoding, HttpContext c) =>
        {
            c.Response.Headers.ContentEncoding = encoding == "raw-deflate" ? "deflate" : encoding;
            return Results.Bytes(Compress(encoding, System.Text.Encoding.UTF8.GetBytes(Html)), "text/html");
        });
        app.MapGet("/bomb/{encoding}", (string encoding, HttpContext c) =>
        {
            c.Response.Headers.ContentEncoding = encoding;
            return Results.Bytes(Bombs[encoding], "text/html");
        });
        app.MapGet("/image/{name}", (string name) => Results.Bytes(Images[name].Bytes, Images[name].ContentType, enableRangeProcessing: true));
        app.MapGet("/image-norange/{name}", (string name) => Results.Bytes(Images[name].Bytes, Images[name].ContentType));
        app.MapGet("/robots.txt", () => Results.Text(Robots, "text/plain"));
    }

    private static readonly Dictionary<string, byte[]> Bombs = new()
    {
        ["gzip"] = Compress("gzip", Zeros),
        ["deflate"] = Compress("deflate", Zeros),
        ["br"] = Compress("br", Zeros),
    };

    private static byte[] Compress(string encoding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal),
            "raw-deflate" => new DeflateStream(output, CompressionLevel.Optimal),
            "br" => new BrotliStream(output, CompressionLevel.Optimal),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }
}

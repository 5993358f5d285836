using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using CardService.Core.Tests.Fetching.Support;
using SkiaSharp;

namespace CardService.Functions.Tests.Support;

/// <summary>
/// A page server on 127.0.0.2 (the one address the app may fetch) serving corpus pages and made pages, images, redirects,
/// robots.txt and a slow page; a bare listener on 127.0.0.1 that counts connections (which must stay at zero); and the app
/// under test, allowed to fetch 127.0.0.2 only.
/// </summary>
public sealed class PageServerFixture : IAsyncLifetime
{
    public const string Address = "127.0.0.2";
    public const string Robots = "User-agent: Twitterbot\nDisallow: /hidden-from-x/\n\nUser-agent: *\nAllow: /\n";

    private readonly ConcurrentDictionary<(int, int), byte[]> _pngs = new();

    public LocalServer Server { get; private set; } = null!;

    public AcceptCounter Loopback { get; } = new(IPAddress.Loopback);

    public CardServiceFactory App { get; private set; } = null!;

    public static string CorpusFolder { get; } = FindCorpus();

    /// <summary>The app allowed to fetch the page server, with any extra settings.</summary>
    public static CardServiceFactory CreateApp(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Fetch:AllowedPrivateNetworks:0"] = Address + "/32" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new CardServiceFactory(all);
    }

    /// <summary>A path no other test uses, so request counts belong to one test.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    public Uri Url(string pathAndQuery) => Server.Url(pathAndQuery);

    public int Requests(string pathPrefix) => Server.Requests.Count(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public byte[] Png(int width, int height) => _pngs.GetOrAdd((width, height), static size =>
    {
        using var bitmap = new SKBitmap(size.Item1, size.Item2);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x20, 0x60, 0xA0));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    });

    /// <summary>A complete page whose og:image and twitter:image are the same absolute URL.</summary>
    public static string MadePage(string title, Uri pageUrl, string image) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{title}}</title>
        <meta name="description" content="A page made for the HTTP tests, with every tag a card needs.">
        <link rel="canonical" href="{{pageUrl.AbsoluteUri}}">
        <meta property="og:title" content="{{title}}">
        <meta property="og:type" content="article">
        <meta property="og:description" content="A page made for the HTTP tests, with every tag a card needs.">
        <meta property="og:url" content="{{pageUrl.AbsoluteUri}}">
        <meta property="og:site_name" content="Test Site">
        <meta property="og:image" content="{{image}}">
        <meta property="og:image:alt" content="A blue rectangle">
        <meta name="twitter:card" content="summary_large_image">
        <meta name="twitter:image" content="{{image}}">
        </head>
        <body><h1>{{title}}</h1><p>Hello.</p></body>
        </html>
        """;

    public async Task InitializeAsync()
    {
        Server = await LocalServer.StartAsync(Address, Map);
        App = CreateApp();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
        Loopback.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/robots.txt", () => Results.Text(Robots, "text/plain"));
        app.MapGet("/page/{id}", (HttpContext context, string id, int? w, int? h, int? status) => Page(context, id, w, h, status));
        app.MapGet("/hidden-from-x/{id}", (HttpContext context, string id) => Page(context, id, null, null, null));
        app.MapGet("/img/{id}/{w:int}/{h:int}", (int w, int h) => Results.Bytes(Png(w, h), "image/png"));
        app.MapGet("/ranged/{id}/{w:int}/{h:int}", (int w, int h) => Results.File(Png(w, h), "image/png", enableRangeProcessing: true));
        app.MapGet("/redirect/{id}/{n:int}", (string id, int n) => n > 0
            ? Results.Redirect(string.Create(CultureInfo.InvariantCulture, $"/redirect/{id}/{n - 1}"), permanent: true)
            : Results.Redirect($"/page/{id}"));
        app.MapGet("/to-loopback", () => Results.Redirect(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Loopback.Port}/")));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The app gave up, as it should.
            }

            return Results.Text("<!doctype html><title>late</title>", "text/html");
        });
        app.MapGet("/corpus/{name}", (string name) =>
        {
            var path = Path.Combine(CorpusFolder, Path.GetFileName(name) + ".html");
            return File.Exists(path) ? Results.Bytes(File.ReadAllBytes(path), "text/html") : Results.NotFound();
        });
    }

    private static IResult Page(HttpContext context, string id, int? width, int? height, int? status)
    {
        var request = context.Request;
        var self = new Uri($"{request.Scheme}://{request.Host}{request.Path}");
        var image = string.Create(CultureInfo.InvariantCulture, $"{request.Scheme}://{request.Host}/img/{id}/{width ?? 1200}/{height ?? 630}");
        return Results.Text(MadePage("A made page", self, image), "text/html; charset=utf-8", statusCode: status ?? 200);
    }

    private static string FindCorpus()
    {
        var pages = Path.Combine(RepoPaths.Shared, "corpus", "pages");
        return Directory.Exists(pages) && Directory.EnumerateFiles(pages, "*.html").Any()
            ? pages
            : throw new DirectoryNotFoundException($"Expected the real page corpus (*.html) at '{pages}' (../shared/corpus/pages beside the repository).");
    }
}

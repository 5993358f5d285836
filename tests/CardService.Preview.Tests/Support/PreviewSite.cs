using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CardService.Core.Meta;
using CardService.Core.Tests.Fetching.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;

namespace CardService.Preview.Tests.Support;

/// <summary>
/// Everything a preview test needs, started once: a real Kestrel page server on 127.0.0.3 (made pages, corpus pages, PNGs,
/// an SVG, a slow page), the real app on Kestrel at 127.0.0.1 allowed to fetch that one address, and Debian's Chromium
/// driven by Playwright. Screenshots go to <see cref="ScreenshotFolder"/> under the test output.
/// </summary>
public sealed class PreviewSite : IAsyncLifetime
{
    public const string PageAddress = "127.0.0.3";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Body)> _made = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(int, int), byte[]> _pngs = new();
    private LocalServer? _pages;
    private IPlaywright? _playwright;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string CorpusFolder => Path.Combine(RepoPaths.Shared, "corpus", "pages") is var pages && Directory.Exists(pages)
        ? pages
        : throw new DirectoryNotFoundException($"The page corpus is absent: expected ../shared/corpus/pages at '{pages}'.");

    public CardServiceFactory App { get; private set; } = null!;

    public Uri AppUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public LocalServer Pages => _pages ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException($"The browser tests drive Debian's Chromium at {ChromiumPath}; ./test.sh installs it (apt-get install chromium).");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _pages = await LocalServer.StartAsync(PageAddress, Map);
        App = new CardServiceFactory(new Dictionary<string, string?>
        {
            ["Fetch:AllowedPrivateNetworks:0"] = PageAddress + "/32",
            ["Fetch:TimeoutSeconds"] = "6",
            ["Fetch:ConnectTimeoutSeconds"] = "2",
        });
        App.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        AppUrl = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        await Pages.DisposeAsync();
    }

    /// <summary>Serves <paramref name="html"/> at a fresh path of the page server and returns its URL.</summary>
    public Uri Page(string html, string contentType = "text/html; charset=utf-8")
    {
        var path = "/made/" + Guid.NewGuid().ToString("N");
        _made[path] = (contentType, Encoding.UTF8.GetBytes(html));
        return Pages.Url(path);
    }

    /// <summary>A corpus page as served by the page server: the page's own origin and its image hosts point at the page server.</summary>
    public Uri Corpus(string name) => Pages.Url("/corpus/" + name);

    /// <summary>The HTML the page server sends for a corpus page, so tests compare the page with what Core reads from the same bytes.</summary>
    public string CorpusHtml(string name) => Rewrite(File.ReadAllText(Path.Combine(CorpusFolder, name + ".html")));

    /// <summary>The preview page's URL for a page URL.</summary>
    public string PreviewUrl(Uri page) => new Uri(AppUrl, "/preview?url=" + Uri.EscapeDataString(page.AbsoluteUri)).AbsoluteUri;

    /// <summary>A page with the head elements given, served.</summary>
    public Uri Head(params string[] head) =>
        Page($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">{string.Concat(head)}</head><body><p>Post.</p></body></html>");

    /// <summary>A complete page (title, description, Open Graph, X card, a 1200×630 image on the page server).</summary>
    public Uri CompletePage(string title = "A complete page", string description = "A page with every tag a preview needs, made for the browser tests.")
    {
        var image = Pages.Url("/img/1200/630/complete.png").AbsoluteUri;
        return Head(
            $"<title>{title}</title>",
            $"<meta name=\"description\" content=\"{description}\">",
            $"<meta property=\"og:title\" content=\"{title}\">",
            "<meta property=\"og:type\" content=\"article\">",
            $"<meta property=\"og:description\" content=\"{description}\">",
            "<meta property=\"og:site_name\" content=\"Test Blog\">",
            $"<meta property=\"og:image\" content=\"{image}\">",
            "<meta property=\"og:image:width\" content=\"1200\">",
            "<meta property=\"og:image:height\" content=\"630\">",
            "<meta property=\"og:image:alt\" content=\"A blue banner\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
            "<meta name=\"theme-color\" content=\"#ff8800\">");
    }

    /// <summary>A new browser context and page, recording dialogs, console errors and uncaught page errors.</summary>
    public async Task<BrowserPage> OpenAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        // Playwright's 30 s default is a guard against a hang, not a measure: on two busy cores a page's images can take longer.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });

    /// <summary>One section of the page (e.g. <c>#mockups</c>), the size a person can look at in one go.</summary>
    public static Task ScreenshotAsync(IPage page, string selector, string name) =>
        page.Locator(selector).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png") });

    public byte[] Png(int width, int height) => _pngs.GetOrAdd((width, height), static size =>
    {
        using var bitmap = new SKBitmap(size.Item1, size.Item2);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(size.Item1, size.Item2),
                    [new SKColor(0x1d, 0x4e, 0x89), new SKColor(0x3f, 0xa7, 0xd6)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, size.Item1, size.Item2, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    });

    // A corpus page names its own site (og:url, canonical) and image hosts; point them here so its images can be shown.
    private string Rewrite(string html)
    {
        var meta = MetaReader.Read(html, new Uri("https://corpus.invalid/"));
        var origins = new[] { meta.OpenGraph.Url?.Resolved, meta.Twitter.Image?.Resolved }
            .Concat(meta.Canonicals.Select(c => c.Href.Resolved))
            .Concat(meta.OpenGraph.Images.Select(i => i.Url?.Resolved))
            .OfType<Uri>()
            .Where(u => u.Host != "corpus.invalid")
            .Select(u => u.GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(o => o.Length);
        var local = Pages.BaseUri.GetLeftPart(UriPartial.Authority);
        return origins.Aggregate(html, (text, origin) => text.Replace(origin + "/", local + "/", StringComparison.Ordinal));
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/made/{id}", (string id) => _made.TryGetValue("/made/" + id, out var made)
            ? Results.Bytes(made.Body, made.ContentType)
            : Results.NotFound());
        app.MapGet("/corpus/{name}", (string name) =>
            File.Exists(Path.Combine(CorpusFolder, Path.GetFileName(name) + ".html"))
                ? Results.Text(CorpusHtml(Path.GetFileName(name)), "text/html; charset=utf-8")
                : Results.NotFound());
        app.MapGet("/img/{w:int}/{h:int}/{name}", (int w, int h) => Results.Bytes(Png(w, h), "image/png"));
        app.MapGet("/drawing.svg", () => Results.Text("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"><rect width=\"1200\" height=\"630\"/></svg>", "image/svg+xml"));
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
        // Corpus pages' own images: any raster-looking path is a 1200×630 PNG, the size a good card has.
        app.MapGet("/{**path}", (string path) =>
            Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp"
                ? Results.Bytes(Png(1200, 630), "image/png")
                : Results.NotFound());
    }
}

/// <summary>One browser page with what it reported: dialogs opened (and dismissed), console errors and uncaught errors.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    public IPage Page { get; }

    public ConcurrentBag<string> Dialogs { get; } = [];

    public ConcurrentBag<string> ConsoleErrors { get; } = [];

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class PreviewSiteGroup : ICollectionFixture<PreviewSite>
{
    public const string Name = "preview site";
}

using System.Collections.Frozen;
using System.Text;
using CardService.Core.Fetching;
using CardService.Core.Meta;
using CardService.Core.Validation;

namespace CardService.Core.Tests.Validation;

/// <summary>Reads the HTML fixtures under <c>Validation/Fixtures</c> through the real <see cref="MetaReader"/>, and the facts the table uses.</summary>
public static class ValidationFixtures
{
    /// <summary>The URL fixtures are read as unless a case says otherwise.</summary>
    public static readonly Uri PageUrl = new("https://blog.example.com/2024/03/01/card-service.html");

    /// <summary>The card image the fixtures name.</summary>
    public static readonly Uri CardImage = new("https://blog.example.com/seo/2024-03-01.png");

    /// <summary>The X-only image of <c>twitter-own-image.html</c>.</summary>
    public static readonly Uri XImage = new("https://blog.example.com/seo/2024-03-01-x.png");

    /// <summary>The <c>rel=icon</c> of <c>good.html</c>.</summary>
    public static readonly Uri Favicon = new("https://blog.example.com/favicon-32.png");

    /// <summary>The <c>apple-touch-icon</c> of <c>good.html</c>.</summary>
    public static readonly Uri TouchIcon = new("https://blog.example.com/apple-touch-icon.png");

    private const string PadMarker = "<!-- pad -->";

    /// <summary>
    /// Reads a fixture. <paramref name="padBytes"/> replaces its <c>&lt;!-- pad --&gt;</c> marker with an inline script of that many
    /// bytes, so the read-window rules (32 KB, 1 MB) are tested without megabyte fixture files.
    /// </summary>
    public static PageMeta Read(string fixture, int padBytes = 0, Uri? pageUrl = null)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Validation", "Fixtures", fixture));
        if (padBytes > 0)
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.Contains(PadMarker, text, StringComparison.Ordinal);
            var script = "<script>/*" + new string('x', padBytes) + "*/</script>";
            bytes = Encoding.UTF8.GetBytes(text.Replace(PadMarker, script, StringComparison.Ordinal));
        }

        return MetaReader.Read(CharsetDecoder.Decode(bytes, null), pageUrl ?? PageUrl);
    }

    /// <summary>A well-behaved 1200×630 PNG of 150 KB at <paramref name="url"/>.</summary>
    public static ImageFacts GoodImage(Uri url) => new(url, 200, "image/png", 150 * 1024, 1200, 630, "png", null);

    /// <summary>A fetched page with a 200, no redirects, robots.txt allowing every crawler and a good card image.</summary>
    public static PageFacts Good { get; } = new()
    {
        RequestedUrl = PageUrl,
        FinalUrl = PageUrl,
        StatusCode = 200,
        Redirects = [],
        ContentType = "text/html; charset=utf-8",
        HtmlBytes = 4096,
        Truncated = false,
        RobotsTxtAllows = new Dictionary<Platform, bool>
        {
            [Platform.Facebook] = true,
            [Platform.X] = true,
            [Platform.LinkedIn] = true,
            [Platform.Slack] = true,
            [Platform.Discord] = true,
            [Platform.Google] = true,
        },
        Images = [GoodImage(CardImage), GoodImage(XImage)],
    };

    /// <summary>Named fact sets for the rule table (names keep the theory cases readable).</summary>
    public static FrozenDictionary<string, PageFacts> Facts { get; } = new Dictionary<string, PageFacts>
    {
        ["none"] = PageFacts.None,
        ["good"] = Good,
        ["status-404"] = Good with { StatusCode = 404 },
        ["json"] = Good with { ContentType = "application/json" },
        ["one-redirect"] = Good with { Redirects = [Hop("http://blog.example.com/p", "https://blog.example.com/p", 301)] },
        ["three-redirects"] = Good with
        {
            Redirects =
            [
                Hop("http://example.com/p", "https://example.com/p", 301),
                Hop("https://example.com/p", "https://blog.example.com/p", 302),
                Hop("https://blog.example.com/p", PageUrl.AbsoluteUri, 301),
            ],
        },
        ["robots-blocks-x"] = Good with { RobotsTxtAllows = new Dictionary<Platform, bool> { [Platform.X] = false, [Platform.Facebook] = true } },
        ["truncated"] = Good with { Truncated = true, HtmlBytes = 2 * 1024 * 1024 },
        ["image-404"] = Image(i => i with { Status = 404, ContentType = "text/html", Width = null, Height = null, Format = null }),
        ["image-dns-error"] = Image(i => i with { Status = null, ContentType = null, Bytes = null, Width = null, Height = null, Format = null, Error = "DNS lookup failed" }),
        ["x-image-404"] = Good with { Images = [GoodImage(CardImage), GoodImage(XImage) with { Status = 404 }] },
        ["image-html"] = Image(i => i with { ContentType = "text/html; charset=utf-8", Width = null, Height = null, Format = null }),
        ["image-150x150"] = Image(i => i with { Width = 150, Height = 150 }),
        ["image-400x300"] = Image(i => i with { Width = 400, Height = 300 }),
        ["image-800x418"] = Image(i => i with { Width = 800, Height = 418 }),
        ["image-1200x1200"] = Image(i => i with { Width = 1200, Height = 1200 }),
        ["image-1200x600"] = Image(i => i with { Width = 1200, Height = 600 }),
        ["image-1000x525"] = Image(i => i with { Width = 1000, Height = 525 }),
        ["image-280x150"] = Image(i => i with { Width = 280, Height = 150 }),
        ["image-100x100"] = Image(i => i with { Width = 100, Height = 100 }),
        ["image-5000x2500"] = Image(i => i with { Width = 5000, Height = 2500 }),
        ["image-200x200"] = Image(i => i with { Width = 200, Height = 200 }),
        ["image-9mb"] = Image(i => i with { Bytes = 9L * 1024 * 1024 }),
        ["image-6mb"] = Image(i => i with { Bytes = 6L * 1024 * 1024 }),
        ["image-5mb"] = Image(i => i with { Bytes = 5L * 1024 * 1024 }),
        ["image-400kb"] = Image(i => i with { Bytes = 400 * 1024 }),
        ["icons-good"] = Icons(i => i, t => t),
        ["icons-404"] = Icons(i => i with { Status = 404, ContentType = "text/html", Width = null, Height = null, Format = null }, t => t with { Status = 404 }),
        ["icons-failed"] = Icons(i => i with { Status = null, ContentType = null, Bytes = null, Width = null, Height = null, Format = null, Error = "connection refused" }, t => t),
        ["icons-html"] = Icons(i => i with { ContentType = "text/html; charset=utf-8", Width = null, Height = null, Format = null }, t => t),
        ["icons-renamed"] = Icons(i => i, t => t with { Width = null, Height = null, Format = null }),
        ["touch-icon-120"] = Icons(i => i, t => t with { Width = 120, Height = 120 }),
        ["touch-icon-oblong"] = Icons(i => i, t => t with { Width = 240, Height = 180 }),
        ["image-avif"] = Image(i => i with { ContentType = "image/avif", Format = "avif" }),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static RedirectStep Hop(string from, string to, int status) => new(new Uri(from), new Uri(to), status);

    // The good card images plus the two icons of good.html: a 32×32 PNG favicon and a 180×180 touch icon, each changed as asked.
    private static PageFacts Icons(Func<ImageFacts, ImageFacts> favicon, Func<ImageFacts, ImageFacts> touchIcon) => Good with
    {
        Images =
        [
            GoodImage(CardImage), GoodImage(XImage),
            favicon(new(Favicon, 200, "image/png", 1024, 32, 32, "png", null)),
            touchIcon(new(TouchIcon, 200, "image/png", 8 * 1024, 180, 180, "png", null)),
        ],
    };

    private static PageFacts Image(Func<ImageFacts, ImageFacts> change) => Good with { Images = [change(GoodImage(CardImage)), GoodImage(XImage)] };
}

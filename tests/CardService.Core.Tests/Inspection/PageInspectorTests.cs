using System.Globalization;
using System.Net;
using CardService.Core.Fetching;
using CardService.Core.Inspection;
using CardService.Core.Meta;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Core.Tests.Inspection;

/// <summary>PageInspector against Kestrel on 127.0.0.2: how fetch results become the validator's facts.</summary>
public sealed class PageInspectorTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Image = TestImages.Png(1200, 630);

    private readonly AcceptCounter _loopback = new(IPAddress.Loopback);
    private readonly PageFetcher _fetcher = new(new FetchOptions { AllowedPrivateNetworks = ["127.0.0.2/32"] });
    private LocalServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalServer.StartAsync("127.0.0.2", app =>
    {
        app.MapGet("/robots.txt", () => Results.Text("User-agent: Twitterbot\nDisallow: /page\n", "text/plain"));
        app.MapGet("/page", (HttpContext c) => Results.Text(Html(c, "/image.png"), "text/html; charset=utf-8"));
        app.MapGet("/old", () => Results.Redirect("/page", permanent: true));
        app.MapGet("/image.png", () => Results.Bytes(Image, "image/png"));
        app.MapGet("/favicon.ico", () => Results.Bytes(TestImages.Ico(16, 32), "image/x-icon"));
        app.MapGet("/touch.png", () => Results.Bytes(TestImages.Png(120, 120), "image/png"));
        app.MapGet("/icon.png", () => Results.Text("<!doctype html><title>Not found</title>", "text/html"));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _fetcher.Dispose();
        _loopback.Dispose();
    }

    private PageInspector CreateSut() => new(new PageLoader(_fetcher), _fetcher);

    private static string Html(HttpContext c, string image) => $"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hello</title>
        <meta property="og:title" content="Hello"><meta property="og:image" content="{c.Request.Scheme}://{c.Request.Host}{image}">
        <meta name="twitter:card" content="summary_large_image"></head><body></body></html>
        """;

    [Fact]
    public async Task InspectAsync_Url_MapsTheResponseToFacts()
    {
        var sut = CreateSut();

        var result = await sut.InspectAsync(new InspectionRequest(_server.Url("/old")), CancellationToken.None);

        var inspection = Assert.IsType<PageInspection>(result.Inspection);
        var facts = inspection.Facts;
        Assert.True(inspection.Fetched);
        Assert.Equal(200, facts.StatusCode);
        Assert.Equal(_server.Url("/page"), facts.FinalUrl);
        var hop = Assert.Single(facts.Redirects!);
        Assert.Equal((_server.Url("/old"), _server.Url("/page"), 301), (hop.From, hop.To, hop.StatusCode));
        Assert.Equal("text/html; charset=utf-8", facts.ContentType);
        Assert.False(facts.Truncated);
        Assert.True(facts.HtmlBytes > 0);
        Assert.Equal("UTF-8", facts.Charset!.EncodingUsed);
        Assert.Equal("Hello", inspection.Meta.Title);
        Assert.Equal(_server.Url("/page"), inspection.Report.PageUrl);
        Assert.Contains(inspection.Report.Findings, f => f.RuleId == "redirects-present");
    }

    [Fact]
    public async Task InspectAsync_Url_ChecksRobotsTxtForEachCrawler()
    {
        var sut = CreateSut();

        var result = await sut.InspectAsync(new InspectionRequest(_server.Url("/page")), CancellationToken.None);

        var robots = result.Inspection!.Facts.RobotsTxtAllows!;
        Assert.Equal([Platform.Facebook, Platform.X, Platform.LinkedIn, Platform.Slack, Platform.Discord], robots.Keys.Order());
        Assert.False(robots[Platform.X]);
        Assert.True(robots[Platform.Facebook]);
        Assert.Contains(result.Inspection.Report.Findings, f => f.RuleId == "robots-txt-blocked" && f.Platforms.SequenceEqual([Platform.X]));
    }

    [Fact]
    public async Task InspectAsync_Url_ProbesTheImage()
    {
        var sut = CreateSut();

        var result = await sut.InspectAsync(new InspectionRequest(_server.Url("/page")), CancellationToken.None);

        var image = Assert.Single(result.Inspection!.Facts.Images!);
        Assert.Equal((200, 1200, 630, "png"), (image.Status, image.Width, image.Height, image.Format));
        Assert.Null(image.Error);
    }

    [Fact]
    public async Task InspectAsync_ProbeFalse_LeavesImagesUnknown()
    {
        var sut = CreateSut();

        var result = await sut.InspectAsync(new InspectionRequest(_server.Url("/page"), ProbeImages: false), CancellationToken.None);

        Assert.Null(result.Inspection!.Facts.Images);
        Assert.Equal(0, _server.CountRequests("/image.png"));
        Assert.Contains("og-image-unreachable", result.Inspection.Report.NotChecked);
    }

    [Fact]
    public async Task InspectAsync_Html_FetchesNeitherPageNorRobotsTxt()
    {
        var sut = CreateSut();
        var html = $"<html><head><title>Posted</title><meta property=\"og:image\" content=\"{_server.Url("/image.png")}\"></head></html>";

        var result = await sut.InspectAsync(new InspectionRequest(_server.Url("/page"), html), CancellationToken.None);

        var inspection = result.Inspection!;
        Assert.False(inspection.Fetched);
        Assert.Equal("Posted", inspection.Meta.Title);
        Assert.Null(inspection.Facts.StatusCode);
        Assert.Null(inspection.Facts.RobotsTxtAllows);
        Assert.Equal(0, _server.CountRequests("/page"));
        Assert.Equal(0, _server.CountRequests("/robots.txt"));
        Assert.Equal(1200, Assert.Single(inspection.Facts.Images!).Width);
        Assert.Equal(0, inspection.Timings.FetchMs);
    }

    [Fact]
    public async Task InspectAsync_ImageOnLoopback_BecomesAnImageError()
    {
        var sut = CreateSut();
        var image = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_loopback.Port}/a.png");
        var html = $"<html><head><meta property=\"og:image\" content=\"{image}\"></head></html>";

        var result = await sut.InspectAsync(new InspectionRequest(new Uri("https://example.com/"), html), CancellationToken.None);

        var facts = Assert.Single(result.Inspection!.Facts.Images!);
        Assert.Null(facts.Status);
        Assert.Contains("127.0.0.1", facts.Error, StringComparison.Ordinal);
        Assert.Equal(0, _loopback.Accepted);
    }

    [Fact]
    public async Task InspectAsync_BlockedPage_ReturnsTheFailure()
    {
        var sut = CreateSut();

        var result = await sut.InspectAsync(new InspectionRequest(new Uri($"http://127.0.0.1:{_loopback.Port}/")), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(FetchFailureKind.BlockedAddress, result.Failure!.Kind);
        Assert.Equal(0, _loopback.Accepted);
    }

    [Fact]
    public async Task InspectAsync_Agent_FetchesAsThatCrawler()
    {
        var sut = CreateSut();

        await sut.InspectAsync(new InspectionRequest(_server.Url("/page"), ProbeImages: false, Agent: CrawlerAgent.Slack), CancellationToken.None);

        Assert.Equal(CrawlerUserAgents.Slack, _server.Requests.Single(r => r.Path == "/page").Headers["User-Agent"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InspectAsync_LocalImages_AnswerTheirUrlsAndOthersAreProbedOnlyWhenAsked(bool probe)
    {
        var sut = CreateSut();
        var local = new Uri("https://blog.example/card.png");
        var html = $"""
            <html><head><meta property="og:image" content="{local}">
            <meta name="twitter:image" content="{_server.Url("/image.png")}"></head></html>
            """;
        var request = new InspectionRequest(new Uri("https://blog.example/post/"), html, ProbeImages: probe)
        {
            LocalImages = url => url == local ? new ImageFacts(url, 404, null, null, null, null, null, null) : null,
        };

        var result = await sut.InspectAsync(request, CancellationToken.None);

        var images = result.Inspection!.Facts.Images!;
        Assert.Equal(404, images.Single(i => i.Url == local).Status);
        Assert.Equal(probe ? 1 : 0, _server.CountRequests("/image.png"));
        Assert.Equal(probe ? 2 : 1, images.Count);
        Assert.Contains(result.Inspection.Report.Findings, f => f.RuleId == "og-image-unreachable");
    }

    [Fact]
    public void ImageUrls_ManyImages_DistinctHttpAndCapped()
    {
        var html = """
            <html><head>
            <meta property="og:image" content="https://a.example/1.png">
            <meta name="twitter:image" content="https://a.example/1.png">
            <script type="application/ld+json">{"@type":"Article","image":["https://a.example/2.png","data:image/png;base64,AA==","https://a.example/3.png","https://a.example/4.png","https://a.example/5.png"]}</script>
            </head></html>
            """;

        var urls = PageInspector.ImageUrls(MetaReader.Read(html, new Uri("https://a.example/")));

        Assert.Equal(["https://a.example/1.png", "https://a.example/2.png", "https://a.example/3.png", "https://a.example/4.png"], urls.Select(u => u.AbsoluteUri));
    }

    [Fact]
    public async Task InspectAsync_DeclaredIcons_AreProbedThroughTheFetcherAndJudged()
    {
        var sut = CreateSut();
        var html = $"""
            <html><head>
            <link rel="shortcut icon" href="{_server.Url("/favicon.ico")}">
            <link rel="icon" type="image/png" href="{_server.Url("/icon.png")}">
            <link rel="apple-touch-icon" href="{_server.Url("/touch.png")}">
            <link rel="mask-icon" href="{_server.Url("/mask.svg")}" color="#000">
            <link rel="apple-touch-icon-precomposed" href="{_server.Url("/gone.png")}">
            </head></html>
            """;

        var result = await sut.InspectAsync(new InspectionRequest(new Uri("https://blog.example/post/"), html), CancellationToken.None);

        var images = result.Inspection!.Facts.Images!;
        Assert.Equal(("ico", 32, 32), images.Where(i => i.Url == _server.Url("/favicon.ico")).Select(i => (i.Format, i.Width, i.Height)).Single());
        Assert.Equal(0, _server.CountRequests("/mask.svg"));
        Assert.Equal(0, _server.CountRequests("/gone.png")); // past the cap of three icons
        var findings = result.Inspection.Report.Findings;
        var notImage = Assert.Single(findings, f => f.RuleId == "icon-not-image");
        Assert.Contains("/icon.png", notImage.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", notImage.Message, StringComparison.Ordinal);
        var small = Assert.Single(findings, f => f.RuleId == "apple-touch-icon-too-small");
        Assert.Contains("120×120", small.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.RuleId == "icon-unreachable");
    }

    [Fact]
    public async Task InspectAsync_MissingIcon_IsUnreachable()
    {
        var sut = CreateSut();
        var html = $"""<html><head><link rel="icon" href="{_server.Url("/nothing-here.png")}"></head></html>""";

        var result = await sut.InspectAsync(new InspectionRequest(new Uri("https://blog.example/post/"), html), CancellationToken.None);

        var finding = Assert.Single(result.Inspection!.Report.Findings, f => f.RuleId == "icon-unreachable");
        Assert.Contains("answered HTTP 404", finding.Message, StringComparison.Ordinal);
        Assert.Equal([Platform.Google, Platform.IMessage], finding.Platforms.ToArray());
    }

    [Fact]
    public void IconUrls_DeclaredIcons_PreviewIconsOnlyDistinctAndCapped()
    {
        var html = """
            <html><head>
            <link rel="mask-icon" href="/mask.svg">
            <link rel="icon" href="data:image/png;base64,AA==">
            <link rel="Shortcut Icon" href="/favicon.ico">
            <link rel="icon" href="/favicon.ico" sizes="16x16">
            <link rel="apple-touch-icon" href="/a.png">
            <link rel="apple-touch-icon-precomposed" href="/b.png">
            <link rel="icon" href="/c.png">
            </head></html>
            """;

        var urls = PageInspector.IconUrls(MetaReader.Read(html, new Uri("https://a.example/p/")));

        Assert.Equal(["https://a.example/favicon.ico", "https://a.example/a.png", "https://a.example/b.png"], urls.Select(u => u.AbsoluteUri));
    }

    [Fact]
    public async Task InspectAsync_RelativeUrl_Throws()
    {
        var sut = CreateSut();

        await Assert.ThrowsAsync<ArgumentException>(() => sut.InspectAsync(new InspectionRequest(new Uri("/x", UriKind.Relative)), CancellationToken.None));
    }
}

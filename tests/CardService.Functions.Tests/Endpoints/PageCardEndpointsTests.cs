using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CardService.Core.Tests.Fetching.Support;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Endpoints;

/// <summary><c>/card?url=</c> against real pages served by Kestrel on 127.0.0.2.</summary>
public partial class PageCardEndpointsTests(PageServer server) : IClassFixture<PageServer>
{
    private static readonly string[] TextFields = ["Title", "Category", "Site-Name", "Author", "Date", "Accent"];

    private static Uri Url(string relative) => new(relative, UriKind.Relative);

    private static string Q(string value) => Uri.EscapeDataString(value);

    private static string Source(HttpResponseMessage response, string field) =>
        response.Headers.TryGetValues("X-Card-Source-" + field, out var values) ? string.Join(",", values) : "(none)";

    private async Task<HttpResponseMessage> GetAsync(string query)
    {
        using var client = server.App.CreateClient();
        return await client.GetAsync(Url("/card?" + query));
    }

    /// <summary>The ETag of a card made from explicit fields only: equal ETags mean equal specs, so equal fields.</summary>
    private async Task<string> ExplicitETagAsync(string query)
    {
        using var response = await GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    private static string Tag(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return response.Headers.ETag!.Tag;
    }

    [Theory]
    [InlineData("og", "og:title", "From og")]
    [InlineData("twitter", "twitter:title", "From twitter")]
    [InlineData("title", "title", "From title")]
    public async Task Get_ConflictingTitleSources_TakesTheFirstInOrder(string first, string source, string expected)
    {
        var tags = new List<string>
        {
            "<meta property=\"og:title\" content=\"From og\">",
            "<meta name=\"twitter:title\" content=\"From twitter\">",
            "<title>From title | Example Site</title>",
            "<meta property=\"og:site_name\" content=\"Example Site\">",
        };
        tags.RemoveRange(0, first switch { "og" => 0, "twitter" => 1, _ => 2 });
        if (first != "title")
        {
            tags.Add("<meta property=\"og:site_name\" content=\"Example Site\">");
        }

        var page = server.Html($"/titles/{first}", PageServer.Page([.. tags]));

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}&category=x&siteName=x&date=x&author=x");

        Assert.Equal(source, Source(response, "Title"));
        Assert.Equal(await ExplicitETagAsync($"title={Q(expected)}&category=x&siteName=x&date=x&author=x"), Tag(response));
    }

    [Theory]
    [InlineData("/cats/section", "article:section", "Section")]
    [InlineData("/cats/jsonld", "json-ld:articleSection", "Ld Section")]
    [InlineData("/cats/tag", "article:tag", "First tag")]
    [InlineData("/category/devops/post", "path", "devops")]
    public async Task Get_ConflictingCategorySources_TakesTheFirstInOrder(string path, string source, string expected)
    {
        var tags = new List<string> { "<meta property=\"og:title\" content=\"Categories\">" };
        var rank = path switch { "/cats/section" => 0, "/cats/jsonld" => 1, "/cats/tag" => 2, _ => 3 };
        if (rank <= 0)
        {
            tags.Add("<meta property=\"article:section\" content=\"Section\">");
        }

        if (rank <= 1)
        {
            tags.Add("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"BlogPosting\",\"headline\":\"Categories\",\"articleSection\":\"Ld Section\"}</script>");
        }

        if (rank <= 2)
        {
            tags.Add("<meta property=\"article:tag\" content=\"First tag\"><meta property=\"article:tag\" content=\"Second tag\">");
        }

        var page = server.Html(path, PageServer.Page([.. tags]));

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}&siteName=x&date=x&author=x");

        Assert.Equal(source, Source(response, "Category"));
        Assert.Equal(await ExplicitETagAsync($"title=Categories&category={Q(expected)}&siteName=x&date=x&author=x"), Tag(response));
    }

    public static TheoryData<string> JekyllPages() => [.. CorpusPages.Jekyll().Select(p => p.Name)];

    /// <summary>The real jekyll-seo-tag pages with og:title and twitter:title taken out, so the title comes from "Post | Site".</summary>
    [Theory]
    [MemberData(nameof(JekyllPages))]
    public async Task Get_JekyllPageTitleOnly_StripsTheSiteSuffix(string name)
    {
        var corpus = CorpusPages.Jekyll().Single(p => p.Name == name);
        var html = OgOrTwitterTitle().Replace(corpus.Html, string.Empty);
        var page = server.Html(corpus.Path, html);

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}&category=x&siteName=x&date=x&author=x&accent=abc");

        Assert.Equal("title", Source(response, "Title"));
        Assert.Equal(await ExplicitETagAsync($"title={Q(corpus.ExpectedTitle)}&category=x&siteName=x&date=x&author=x&accent=abc"), Tag(response));
    }

    [Theory]
    [MemberData(nameof(JekyllPages))]
    public async Task Get_JekyllPage_ReadsTitleSiteNameAndDisplayDate(string name)
    {
        var corpus = CorpusPages.Jekyll().Single(p => p.Name == name);
        var page = server.Html(corpus.Path + "-as-built", corpus.Html);

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}&category=x&author=x&accent=abc");

        Assert.Equal("og:title", Source(response, "Title"));
        Assert.Equal("og:site_name", Source(response, "Site-Name"));
        Assert.Equal("article:published_time", Source(response, "Date"));
        var query = $"title={Q(corpus.ExpectedTitle)}&siteName={Q(corpus.SiteName)}&date={corpus.Date}&category=x&author=x&accent=abc";
        Assert.Equal(await ExplicitETagAsync(query), Tag(response));
    }

    [Fact]
    public async Task Get_ExplicitFields_WinOverThePage()
    {
        var page = server.Html("/explicit", PageServer.Page(
            "<meta property=\"og:title\" content=\"Page title\">",
            "<meta property=\"article:section\" content=\"Page section\">",
            "<meta property=\"og:site_name\" content=\"Page site\">",
            "<meta name=\"author\" content=\"Page author\">",
            "<meta property=\"article:published_time\" content=\"2021-05-06T10:00:00Z\">",
            "<meta name=\"theme-color\" content=\"#123456\">"));

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}&title=Mine&category=Notes&theme=light&siteName=S&author=A&date=D&accent=fff");

        foreach (var field in TextFields)
        {
            Assert.Equal("request", Source(response, field));
        }

        Assert.Equal(await ExplicitETagAsync("title=Mine&category=Notes&theme=light&siteName=S&author=A&date=D&accent=fff"), Tag(response));
    }

    [Fact]
    public async Task Get_PageWithEveryField_SaysWhereEachCameFrom()
    {
        var page = server.Html("/everything", PageServer.Page(
            "<title>Everything | Site</title>",
            "<meta property=\"og:title\" content=\"Everything\">",
            "<meta property=\"article:section\" content=\"Guides\">",
            "<meta property=\"og:site_name\" content=\"Site\">",
            "<meta name=\"author\" content=\"Ada\">",
            "<meta property=\"article:published_time\" content=\"2022-01-11T23:30:00+05:30\">",
            "<meta name=\"theme-color\" content=\"#ff8800\">"));

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}");

        Assert.Equal(
            ["og:title", "article:section", "og:site_name", "author", "article:published_time", "theme-color"],
            TextFields.Select(f => Source(response, f)));
        Assert.Equal(await ExplicitETagAsync("title=Everything&category=Guides&siteName=Site&author=Ada&date=2022-01-11&accent=ff8800"), Tag(response));
        Assert.Equal(TimeSpan.FromMinutes(10), response.Headers.CacheControl?.MaxAge);
        Assert.DoesNotContain(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
    }

    [Fact]
    public async Task Get_ThemeColor_IsTheAccentUnlessTheRequestGivesOne()
    {
        var page = server.Html("/theme-color", PageServer.Page("<meta property=\"og:title\" content=\"Coloured\">", "<meta name=\"theme-color\" content=\"#0a0\">"));

        using var fromPage = await GetAsync($"url={Q(page.AbsoluteUri)}&siteName=x");
        using var fromRequest = await GetAsync($"url={Q(page.AbsoluteUri)}&siteName=x&accent=123456");

        Assert.Equal("theme-color", Source(fromPage, "Accent"));
        Assert.Equal(await ExplicitETagAsync("title=Coloured&siteName=x&accent=0a0"), Tag(fromPage));
        Assert.Equal("request", Source(fromRequest, "Accent"));
        Assert.Equal(await ExplicitETagAsync("title=Coloured&siteName=x&accent=123456"), Tag(fromRequest));
    }

    [Fact]
    public async Task Get_PageWithoutTitle_Answers422PageWithoutTitle()
    {
        var page = server.Html("/untitled", PageServer.Page("<meta name=\"description\" content=\"No title here\">"));

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "page-without-title");
        Assert.Equal("url", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Get_PageAnswering404_Answers502UpstreamStatus()
    {
        var page = server.Html("/gone", PageServer.Page("<title>Page not found</title>"), status: 404);

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway, "upstream-status");
        Assert.Equal(404, problem.GetProperty("upstreamStatus").GetInt32());
    }

    [Fact]
    public async Task Get_OgImageAtABlockedAddress_IsNeverFetched()
    {
        using var listener = new AcceptCounter(IPAddress.Loopback);
        var page = server.Html("/og-image-blocked", PageServer.Page(
            "<meta property=\"og:title\" content=\"Blocked image\">",
            $"<meta property=\"og:image\" content=\"http://127.0.0.1:{listener.Port}/card.png\">"));

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}");

        Tag(response);
        Assert.Equal(0, listener.Accepted);
    }

    [Theory]
    [InlineData("logo")]
    [InlineData("background")]
    public async Task Get_ImageAtABlockedAddress_Answers403WithoutConnecting(string field)
    {
        using var listener = new AcceptCounter(IPAddress.Loopback);

        using var response = await GetAsync($"title=x&{field}={Q($"http://127.0.0.1:{listener.Port}/logo.png")}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "blocked-address");
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task Get_LogoDeclaring50000x50000Pixels_Answers413WithoutDecoding()
    {
        var bomb = server.Serve("/bomb.png", "image/png", TestImages.PngHeader(50_000, 50_000));

        using var response = await GetAsync($"title=x&logo={Q(bomb.AbsoluteUri)}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "upstream-too-large");
        Assert.Contains("50000×50000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("logo", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Get_LogoThatIsNotAnImage_Answers422UnusableImage()
    {
        var svg = server.Serve("/logo.svg", "image/svg+xml", TestImages.Svg);

        using var response = await GetAsync($"title=x&logo={Q(svg.AbsoluteUri)}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "unusable-image");
        Assert.Equal("logo", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Get_RemoteLogo_IsDrawnCachedByUrlAndCoveredByTheETag()
    {
        var png = TestImages.Png(64, 64);
        var logo = server.Serve("/logos/remote.png", "image/png", png);
        var dataUri = "data:image/png;base64," + Convert.ToBase64String(png);

        using var first = await GetAsync($"title=Logo&logo={Q(logo.AbsoluteUri)}");
        using var second = await GetAsync($"title=Logo&logo={Q(logo.AbsoluteUri)}");

        Assert.Equal(await ExplicitETagAsync($"title=Logo&logo={Q(dataUri)}"), Tag(first));
        Assert.Equal(Tag(first), Tag(second));
        Assert.Equal(1, server.Requests("/logos/remote.png"));
        Assert.Equal(TimeSpan.FromMinutes(10), first.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Get_LogoAuto_UsesTheAppleTouchIconBeforeOtherIcons()
    {
        server.Serve("/auto/apple.png", "image/png", TestImages.Png(180, 180));
        server.Serve("/auto/small.png", "image/png", TestImages.Png(16, 16));
        var page = server.Html("/auto/post", PageServer.Page(
            "<meta property=\"og:title\" content=\"Auto logo\">",
            "<link rel=\"icon\" href=\"/auto/small.png\" sizes=\"16x16\">",
            "<link rel=\"apple-touch-icon\" href=\"/auto/apple.png\">"));

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}&logo=auto&siteName=x");

        Assert.Equal("apple-touch-icon", Source(response, "Logo"));
        Assert.Equal(1, server.Requests("/auto/apple.png"));
        Assert.Equal(0, server.Requests("/auto/small.png"));
        var dataUri = "data:image/png;base64," + Convert.ToBase64String(TestImages.Png(180, 180));
        Assert.Equal(await ExplicitETagAsync($"title={Q("Auto logo")}&siteName=x&logo={Q(dataUri)}"), Tag(response));
    }

    [Fact]
    public async Task Get_LogoAutoWithoutIcons_FallsBackToFaviconIco()
    {
        server.Serve("/favicon.ico", "image/png", TestImages.Png(32, 32));
        var page = server.Html("/auto/bare", PageServer.Page("<meta property=\"og:title\" content=\"Bare\">"));

        using var response = await GetAsync($"url={Q(page.AbsoluteUri)}&logo=auto");

        Tag(response);
        Assert.Equal("default:/favicon.ico", Source(response, "Logo"));
    }

    [Fact]
    public async Task Get_SecondRequestForTheSameUrl_FetchesNothingAndRevalidatesWith304()
    {
        var page = server.Html("/cached", PageServer.Page("<meta property=\"og:title\" content=\"Cached\">"));
        using var client = server.App.CreateClient();

        using var first = await client.GetAsync(Url($"/card?url={Q(page.AbsoluteUri)}"));
        using var second = await client.GetAsync(Url($"/card?url={Q(page.AbsoluteUri)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"/card?url={Q(page.AbsoluteUri)}"));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(Tag(first)));
        using var revalidated = await client.SendAsync(request);

        Assert.Equal(Tag(first), Tag(second));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(Tag(first), revalidated.Headers.ETag?.Tag);
        Assert.Equal(1, server.Requests("/cached"));
    }

    [Fact]
    public async Task Get_BrokenPageAskedTwice_AnswersTheSameProblemFetchingItOnce()
    {
        var page = server.Html("/broken-twice", PageServer.Page("<title>Server error</title>"), status: 500);
        using var client = server.App.CreateClient();

        using var first = await client.GetAsync(Url($"/card?url={Q(page.AbsoluteUri)}"));
        using var second = await client.GetAsync(Url($"/card?url={Q(page.AbsoluteUri)}"));

        await ProblemAssert.IsProblemAsync(first, HttpStatusCode.BadGateway, "upstream-status");
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.BadGateway, "upstream-status");
        Assert.Equal(1, server.Requests("/broken-twice"));
    }

    [Fact]
    public async Task Get_ConcurrentRequestsForOnePage_FetchItOnce()
    {
        var page = server.Serve("/shared-now", "text/html", "<title>Shared now</title>"u8.ToArray(), delay: TimeSpan.FromMilliseconds(300));
        using var client = server.App.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync(Url($"/card?url={Q(page.AbsoluteUri)}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.ETag!.Tag).Distinct());
        Assert.Equal(1, server.Requests("/shared-now"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Post_Url_RendersThePageCard()
    {
        var page = server.Html("/posted", PageServer.Page("<meta property=\"og:title\" content=\"Posted\">"));
        using var client = server.App.CreateClient();

        using var response = await client.PostAsJsonAsync(Url("/card"), new { url = page.AbsoluteUri, category = "Notes", siteName = "x" });

        Assert.Equal("og:title", Source(response, "Title"));
        Assert.Equal("request", Source(response, "Category"));
        Assert.Equal(await ExplicitETagAsync("title=Posted&category=Notes&siteName=x"), Tag(response));
    }

    [Theory]
    [InlineData("url=not-a-url", "url")]
    [InlineData("url=ftp%3A%2F%2Fexample.com%2F", "url")]
    [InlineData("title=x&logo=auto", "logo")]
    [InlineData("title=x&logo=ftp%3A%2F%2Fexample.com%2Fa.png", "logo")]
    [InlineData("title=x&logo=logo.png", "logo")]
    [InlineData("title=x&background=auto", "background")]
    [InlineData("url=http%3A%2F%2F127.0.0.2%2Fx&theme=neon", "theme")]
    public async Task Get_BadUrlOrImageValue_Answers400NamingTheField(string query, string field)
    {
        using var response = await GetAsync(query);

        await ProblemAssert.IsFieldErrorAsync(response, "invalid-card", field);
    }

    [Fact]
    public async Task Get_UrlAtABlockedAddress_Answers403WithoutConnecting()
    {
        using var listener = new AcceptCounter(IPAddress.Loopback);

        using var response = await GetAsync($"url={Q($"http://127.0.0.1:{listener.Port}/post")}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "blocked-address");
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task Get_SlowPage_Answers504UpstreamTimeout()
    {
        var page = server.Serve("/slow", "text/html", "<title>Slow</title>"u8.ToArray(), delay: TimeSpan.FromSeconds(30));
        await using var app = PageServer.CreateApp(("Fetch:TimeoutSeconds", "1"), ("Fetch:ConnectTimeoutSeconds", "1"));
        using var client = app.CreateClient();

        using var response = await client.GetAsync(Url($"/card?url={Q(page.AbsoluteUri)}"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout, "upstream-timeout");
    }

    [GeneratedRegex("<meta [^>]*(og:title|twitter:title)[^>]*>")]
    private static partial Regex OgOrTwitterTitle();
}

/// <summary>The 8 jekyll-seo-tag pages of <c>../shared/corpus/pages</c>, with what their cards should say.</summary>
internal static class CorpusPages
{
    public sealed record JekyllPage(string Name, string Path, string Html, string ExpectedTitle, string SiteName, string Date);

    private static readonly Lazy<IReadOnlyList<JekyllPage>> Pages = new(Load);

    public static IReadOnlyList<JekyllPage> Jekyll() => Pages.Value;

    private static List<JekyllPage> Load()
    {
        var folder = PageServerFixture.CorpusFolder;

        var pages = Directory.GetFiles(folder, "jekyll-*.expected.json").Order(StringComparer.Ordinal).Select(file =>
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            var expected = root.GetProperty("expected");
            var url = new Uri(root.GetProperty("page_url").GetString()!);
            return new JekyllPage(
                root.GetProperty("case").GetString()!,
                url.AbsolutePath,
                File.ReadAllText(System.IO.Path.Combine(folder, root.GetProperty("html_file").GetString()!)),
                expected.GetProperty("og_title").GetString()!,
                expected.GetProperty("site_name").GetString()!,
                expected.GetProperty("date").GetString()![..10]);
        }).ToList();
        return pages.Count == 8 ? pages : throw new InvalidOperationException($"Expected the 8 jekyll-* pages in '{folder}', found {pages.Count}.");
    }
}

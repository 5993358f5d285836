using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CardService.Core.Meta;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Endpoints;

/// <summary><c>/meta</c> against a real page server on 127.0.0.2: corpus pages, made pages, refusals and failures.</summary>
public sealed class MetaEndpointsTests(PageServerFixture pages) : IClassFixture<PageServerFixture>
{
    public static TheoryData<string> CorpusPages() => new(
        "jekyll-sharc-what-is-nft", "jekyll-tijsboussier-uk-trip", "metascraper-arstechnica", "ogs-xkcd", "metascraper-segment-academy");

    private HttpClient CreateSut() => pages.App.CreateClient();

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string Query(Uri url, string extra = "") => "/meta?url=" + Uri.EscapeDataString(url.AbsoluteUri) + extra;

    [Theory]
    [MemberData(nameof(CorpusPages))]
    public async Task GetMeta_CorpusPage_ReturnsWhatTheReaderReads(string name)
    {
        using var sut = CreateSut();
        var url = pages.Url("/corpus/" + name);
        var expected = MetaReader.Read(File.ReadAllBytes(Path.Combine(PageServerFixture.CorpusFolder, name + ".html")), "text/html", url);

        var json = await OkJsonAsync(await sut.GetAsync(Query(url, "&probe=false")));

        var meta = json.GetProperty("meta");
        Assert.True(json.GetProperty("fetched").GetBoolean());
        Assert.Equal(expected.Title, meta.TryGetProperty("title", out var title) ? title.GetString() : null);
        Assert.Equal(expected.OpenGraph.Title, meta.GetProperty("openGraph").TryGetProperty("title", out var og) ? og.GetString() : null);
        Assert.Equal(expected.Tags.Length, meta.GetProperty("tags").GetArrayLength());
        Assert.Equal(expected.Decoding!.EncodingName, meta.GetProperty("charset").GetProperty("encodingUsed").GetString());
        Assert.Equal(expected.Previews.Length, json.GetProperty("previews").GetArrayLength());
        Assert.All(json.GetProperty("previews").EnumerateArray(), p => Assert.Equal(JsonValueKind.String, p.GetProperty("platform").ValueKind));
        Assert.False(meta.TryGetProperty("decoding", out _), "the decoded document text is not sent back");
        Assert.Equal(200, json.GetProperty("facts").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task GetMeta_MadePage_ProbesTheSharedImageOnce()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();

        var json = await OkJsonAsync(await sut.GetAsync(Query(pages.Url("/page/" + id))));

        var image = Assert.Single(json.GetProperty("facts").GetProperty("images").EnumerateArray());
        Assert.Equal(1200, image.GetProperty("width").GetInt32());
        Assert.Equal(630, image.GetProperty("height").GetInt32());
        Assert.Equal("png", image.GetProperty("format").GetString());
        Assert.Equal(1, pages.Requests($"/img/{id}/"));
        Assert.Equal("A made page", json.GetProperty("meta").GetProperty("best").GetProperty("title").GetProperty("value").GetString());
        Assert.Equal("SummaryLargeImage", json.GetProperty("previews").EnumerateArray().Single(p => p.GetProperty("platform").GetString() == "X").GetProperty("cardKind").GetString());
    }

    [Fact]
    public async Task GetMeta_ProbeFalse_RequestsNoImage()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();

        var json = await OkJsonAsync(await sut.GetAsync(Query(pages.Url("/page/" + id), "&probe=false")));

        Assert.False(json.GetProperty("facts").TryGetProperty("images", out _));
        Assert.Equal(1, pages.Requests($"/page/{id}"));
        Assert.Equal(0, pages.Requests($"/img/{id}/"));
    }

    [Fact]
    public async Task PostMeta_Url_ReadsTheFetchedPage()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();

        var json = await OkJsonAsync(await sut.PostAsJsonAsync("/meta", new { url = pages.Url("/page/" + id).AbsoluteUri, probe = false }));

        Assert.True(json.GetProperty("fetched").GetBoolean());
        Assert.Equal("A made page", json.GetProperty("meta").GetProperty("openGraph").GetProperty("title").GetString());
        Assert.Equal(1, pages.Requests($"/page/{id}"));
    }

    [Fact]
    public async Task PostMeta_Html_DoesNotFetchThePageButProbesItsImages()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();
        var pageUrl = pages.Url("/page/" + id);
        var html = PageServerFixture.MadePage("Posted", pageUrl, pages.Url($"/img/{id}/600/315").AbsoluteUri);

        var json = await OkJsonAsync(await sut.PostAsJsonAsync("/meta", new { url = pageUrl.AbsoluteUri, html }));

        Assert.False(json.GetProperty("fetched").GetBoolean());
        Assert.Equal(0, pages.Requests($"/page/{id}"));
        Assert.Equal("Posted", json.GetProperty("meta").GetProperty("title").GetString());
        Assert.False(json.GetProperty("facts").TryGetProperty("statusCode", out _));
        Assert.Equal(600, Assert.Single(json.GetProperty("facts").GetProperty("images").EnumerateArray()).GetProperty("width").GetInt32());
        Assert.Equal(1, pages.Requests($"/img/{id}/"));
    }

    [Fact]
    public async Task PostMeta_HtmlWithRelativeLinks_ResolvesThemAgainstUrl()
    {
        using var sut = CreateSut();
        var html = "<html><head><title>t</title><meta property=\"og:image\" content=\"/a/b.png\"></head></html>";

        var json = await OkJsonAsync(await sut.PostAsJsonAsync("/meta", new { url = "https://example.com/post/1", html, probe = false }));

        Assert.Equal("https://example.com/a/b.png", json.GetProperty("meta").GetProperty("openGraph").GetProperty("images")[0].GetProperty("url").GetProperty("resolved").GetString());
    }

    [Theory]
    [InlineData("facebook", "facebookexternalhit/1.1")]
    [InlineData("twitter", "Twitterbot/1.0")]
    [InlineData("discord", "Discordbot/2.0")]
    public async Task GetMeta_Agent_FetchesWithThatCrawlersUserAgent(string agent, string userAgent)
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();

        await OkJsonAsync(await sut.GetAsync(Query(pages.Url("/page/" + id), "&probe=false&agent=" + agent)));

        var request = Assert.Single(pages.Server.Requests, r => r.Path == "/page/" + id);
        Assert.Contains(userAgent, request.Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMeta_NoAgent_FetchesWithOurOwnUserAgent()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();

        await OkJsonAsync(await sut.GetAsync(Query(pages.Url("/page/" + id), "&probe=false")));

        Assert.StartsWith("CardService/", Assert.Single(pages.Server.Requests, r => r.Path == "/page/" + id).Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent=googlebot", "agent")]
    [InlineData("probe=maybe", "probe")]
    public async Task GetMeta_BadOption_Returns400NamingIt(string option, string field)
    {
        using var sut = CreateSut();

        using var response = await sut.GetAsync(Query(pages.Url("/page/x"), "&" + option));

        await ProblemAssert.IsFieldErrorAsync(response, "bad-request", field);
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    public async Task GetMeta_InvalidUrl_Returns400InvalidUrl(string url)
    {
        using var sut = CreateSut();

        using var response = await sut.GetAsync("/meta?url=" + Uri.EscapeDataString(url));

        await ProblemAssert.IsFieldErrorAsync(response, "invalid-url", "url");
    }

    [Fact]
    public async Task GetMeta_MissingUrl_Returns400NamingUrl()
    {
        using var sut = CreateSut();

        using var response = await sut.GetAsync("/meta");

        await ProblemAssert.IsFieldErrorAsync(response, "bad-request", "url");
    }

    [Fact]
    public async Task PostMeta_MissingUrl_Returns400NamingUrl()
    {
        using var sut = CreateSut();

        using var response = await sut.PostAsJsonAsync("/meta", new { html = "<title>x</title>" });

        await ProblemAssert.IsFieldErrorAsync(response, "bad-request", "url");
    }

    [Fact]
    public async Task GetMeta_LoopbackAddress_Returns403WithoutConnecting()
    {
        using var sut = CreateSut();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{pages.Loopback.Port}/"));

        using var response = await sut.GetAsync(Query(url));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "blocked-address");
        Assert.Contains("127.0.0.1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, pages.Loopback.Accepted);
    }

    [Theory]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost/")]
    public async Task GetMeta_PrivateOrMetadataAddress_Returns403SayingWhy(string url)
    {
        using var sut = CreateSut();

        using var response = await sut.GetAsync(Query(new Uri(url)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "blocked-address");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal("BlockedAddress", problem.GetProperty("failure").GetString());
        Assert.Equal(0, pages.Loopback.Accepted);
    }

    [Fact]
    public async Task GetMeta_RedirectToLoopback_Returns403WithoutConnecting()
    {
        using var sut = CreateSut();

        using var response = await sut.GetAsync(Query(pages.Url("/to-loopback")));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "blocked-address");
        Assert.Equal(0, pages.Loopback.Accepted);
    }

    [Fact]
    public async Task GetMeta_SlowPage_Returns504()
    {
        await using var app = PageServerFixture.CreateApp(new Dictionary<string, string?> { ["Fetch:TimeoutSeconds"] = "1", ["Fetch:ConnectTimeoutSeconds"] = "1" });
        using var sut = app.CreateClient();

        using var response = await sut.GetAsync(Query(pages.Url("/slow")));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout, "upstream-timeout");
    }

    [Fact]
    public async Task GetMeta_UnknownHost_Returns502DnsFailure()
    {
        // The test app's DNS answers "no such host" for every name (CardServiceFactory): no query leaves this machine.
        using var sut = CreateSut();

        using var response = await sut.GetAsync(Query(new Uri("http://unknown-host.example/")));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway, "dns-failure");
    }

    [Fact]
    public async Task PostMeta_WrongContentType_Returns415()
    {
        using var sut = CreateSut();
        using var content = new StringContent("url=http://127.0.0.2/", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await sut.PostAsync("/meta", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task PostMeta_MalformedJson_Returns400()
    {
        using var sut = CreateSut();
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");

        using var response = await sut.PostAsync("/meta", content);

        await ProblemAssert.IsFieldErrorAsync(response, "malformed-json", "body");
    }

    [Fact]
    public async Task PostMeta_ProbeOfWrongType_Returns400NamingProbe()
    {
        using var sut = CreateSut();
        using var content = new StringContent("{\"url\":\"https://example.com/\",\"probe\":\"no\"}", Encoding.UTF8, "application/json");

        using var response = await sut.PostAsync("/meta", content);

        await ProblemAssert.IsFieldErrorAsync(response, "malformed-json", "probe");
    }

    [Fact]
    public async Task PostMeta_BodyOverTheCap_Returns413()
    {
        await using var app = PageServerFixture.CreateApp(new Dictionary<string, string?> { ["InspectRequests:MaxBodyBytes"] = "2048" });
        using var sut = app.CreateClient();
        var html = new string('a', 4096);

        using var response = await sut.PostAsJsonAsync("/meta", new { url = "https://example.com/", html, probe = false });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }
}

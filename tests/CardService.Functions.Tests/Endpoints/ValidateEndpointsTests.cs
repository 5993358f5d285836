using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Endpoints;

/// <summary><c>/validate</c> against a real page server on 127.0.0.2: the report for real and made pages, probes, redirects, robots.txt.</summary>
public sealed class ValidateEndpointsTests(PageServerFixture pages) : IClassFixture<PageServerFixture>
{
    private static readonly string[] Severities = ["Error", "Warning", "Info"];
    private static readonly string[] ImageSizeRules = ["og-image-too-small", "og-image-small-card", "og-image-below-recommended"];

    public static TheoryData<string> CorpusPages() => new("jekyll-sharc-defi", "metascraper-bfi", "ogs-abehiroshi");

    private HttpClient CreateSut() => pages.App.CreateClient();

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private async Task<JsonElement> ValidateAsync(HttpClient sut, string path, string extra = "") =>
        await OkJsonAsync(await sut.GetAsync("/validate?url=" + Uri.EscapeDataString(pages.Url(path).AbsoluteUri) + extra));

    private static string[] RuleIds(JsonElement report) =>
        [.. report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!)];

    private static JsonElement Finding(JsonElement report, string ruleId) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == ruleId);

    private static string[] NotChecked(JsonElement report) =>
        [.. report.GetProperty("notChecked").EnumerateArray().Select(e => e.GetString()!)];

    [Theory]
    [MemberData(nameof(CorpusPages))]
    public async Task GetValidate_CorpusPage_ReturnsACompleteReport(string name)
    {
        using var sut = CreateSut();

        var report = await ValidateAsync(sut, "/corpus/" + name, "&probe=false");

        var score = report.GetProperty("score").GetInt32();
        Assert.InRange(score, 0, 100);
        var counts = report.GetProperty("counts");
        Assert.Equal(report.GetProperty("findings").EnumerateArray().Count(f => !f.TryGetProperty("groupedUnder", out _)), counts.GetProperty("errors").GetInt32() + counts.GetProperty("warnings").GetInt32() + counts.GetProperty("infos").GetInt32());
        Assert.Equal(8, report.GetProperty("platforms").GetArrayLength());
        Assert.All(report.GetProperty("findings").EnumerateArray(), f => Assert.Contains(f.GetProperty("severity").GetString(), Severities));
        Assert.Contains("og-image-unreachable", NotChecked(report));
        Assert.DoesNotContain("http-status-error", NotChecked(report));
        Assert.True(report.GetProperty("meta").TryGetProperty("tags", out _));
        Assert.True(report.GetProperty("timings").GetProperty("fetchMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task GetValidate_Image1200x630_HasNoImageSizeFinding()
    {
        using var sut = CreateSut();

        var report = await ValidateAsync(sut, "/page/" + PageServerFixture.NewId());

        Assert.Empty(RuleIds(report).Intersect(ImageSizeRules));
        Assert.DoesNotContain("og-image-unreachable", RuleIds(report));
        Assert.DoesNotContain("og-image-unreachable", NotChecked(report));
        var facebook = report.GetProperty("platforms").EnumerateArray().Single(p => p.GetProperty("platform").GetString() == "Facebook");
        Assert.DoesNotContain(facebook.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString()!), ImageSizeRules.Contains);
    }

    [Fact]
    public async Task GetValidate_Image800x418_ReportsXAspectAndBelowRecommended()
    {
        using var sut = CreateSut();

        var report = await ValidateAsync(sut, $"/page/{PageServerFixture.NewId()}?w=800&h=418");

        Assert.Contains("twitter-large-image-aspect", RuleIds(report));
        Assert.Contains("800×418", Finding(report, "og-image-below-recommended").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetValidate_ImageServedAsRange_IsReachable()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();
        var pageUrl = pages.Url("/page/" + id);
        var html = PageServerFixture.MadePage("Ranged", pageUrl, pages.Url($"/ranged/{id}/1200/630").AbsoluteUri);

        var report = await OkJsonAsync(await sut.PostAsJsonAsync("/validate", new { url = pageUrl.AbsoluteUri, html }));

        Assert.DoesNotContain("og-image-unreachable", RuleIds(report));
        Assert.Equal(200, Assert.Single(report.GetProperty("facts").GetProperty("images").EnumerateArray()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PostValidate_HtmlWithImageOnLoopback_ReportsUnreachableWithoutConnecting()
    {
        using var sut = CreateSut();
        var image = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{pages.Loopback.Port}/card.png");
        var html = PageServerFixture.MadePage("Local image", new Uri("https://example.com/post"), image);

        var report = await OkJsonAsync(await sut.PostAsJsonAsync("/validate", new { url = "https://example.com/post", html }));

        var facts = Assert.Single(report.GetProperty("facts").GetProperty("images").EnumerateArray());
        Assert.Contains("127.0.0.1", facts.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("og-image-unreachable", RuleIds(report));
        Assert.Equal(0, pages.Loopback.Accepted);
    }

    [Fact]
    public async Task GetValidate_ProbeFalse_ListsImageRulesAsNotChecked()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();

        var report = await ValidateAsync(sut, "/page/" + id, "&probe=false");

        Assert.Contains("og-image-unreachable", NotChecked(report));
        Assert.Contains("twitter-large-image-aspect", NotChecked(report));
        Assert.Equal(0, pages.Requests($"/img/{id}/"));
    }

    [Fact]
    public async Task GetValidate_NotFoundPage_Returns200WithHttpStatusFinding()
    {
        using var sut = CreateSut();

        var report = await ValidateAsync(sut, $"/page/{PageServerFixture.NewId()}?status=404", "&probe=false");

        Assert.Equal(404, report.GetProperty("facts").GetProperty("statusCode").GetInt32());
        Assert.Contains("404", Finding(report, "http-status-error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetValidate_ServerErrorPage_Returns200WithHttpStatusFinding()
    {
        using var sut = CreateSut();

        var report = await ValidateAsync(sut, $"/page/{PageServerFixture.NewId()}?status=500", "&probe=false");

        Assert.Equal("Error", Finding(report, "http-status-error").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task GetValidate_RedirectChain_ReportsRedirectFindings()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();

        var report = await ValidateAsync(sut, $"/redirect/{id}/2", "&probe=false");

        Assert.Equal(3, report.GetProperty("facts").GetProperty("redirects").GetArrayLength());
        Assert.Equal(pages.Url("/page/" + id).AbsoluteUri, report.GetProperty("pageUrl").GetString());
        Assert.Contains("redirects-present", RuleIds(report));
        Assert.Equal("3", Finding(report, "redirect-chain-long").GetProperty("value").GetString());
    }

    [Fact]
    public async Task GetValidate_RobotsTxtDisallowsTwitterbot_ReportsRobotsFindingForX()
    {
        using var sut = CreateSut();

        var report = await ValidateAsync(sut, "/hidden-from-x/" + PageServerFixture.NewId(), "&probe=false");

        var finding = Finding(report, "robots-txt-blocked");
        Assert.Equal(["X"], finding.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
        Assert.False(report.GetProperty("facts").GetProperty("robotsTxtAllows").GetProperty("X").GetBoolean());
        Assert.True(report.GetProperty("facts").GetProperty("robotsTxtAllows").GetProperty("Facebook").GetBoolean());
        Assert.Equal("Broken", report.GetProperty("platforms").EnumerateArray().Single(p => p.GetProperty("platform").GetString() == "X").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task GetValidate_RobotsTxtAllowsPage_HasNoRobotsFinding()
    {
        using var sut = CreateSut();

        var report = await ValidateAsync(sut, "/page/" + PageServerFixture.NewId(), "&probe=false");

        Assert.DoesNotContain("robots-txt-blocked", RuleIds(report));
        Assert.DoesNotContain("robots-txt-blocked", NotChecked(report));
    }

    [Fact]
    public async Task PostValidate_Html_DoesNotFetchAndListsHttpRulesAsNotChecked()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();
        var pageUrl = pages.Url("/page/" + id);

        var report = await OkJsonAsync(await sut.PostAsJsonAsync("/validate", new { url = pageUrl.AbsoluteUri, html = PageServerFixture.MadePage("Posted", pageUrl, "https://example.com/x.png"), probe = false }));

        Assert.False(report.GetProperty("fetched").GetBoolean());
        Assert.Contains("http-status-error", NotChecked(report));
        Assert.Contains("robots-txt-blocked", NotChecked(report));
        Assert.Equal(0, pages.Requests("/page/" + id));
    }

    [Fact]
    public async Task PostValidate_Url_JudgesTheFetchedPage()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();

        var report = await OkJsonAsync(await sut.PostAsJsonAsync("/validate", new { url = pages.Url("/page/" + id).AbsoluteUri, agent = "linkedin" }));

        Assert.True(report.GetProperty("fetched").GetBoolean());
        Assert.DoesNotContain("http-status-error", RuleIds(report));
        Assert.Contains("LinkedInBot/1.0", Assert.Single(pages.Server.Requests, r => r.Path == "/page/" + id).Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetValidate_BlockedAddress_Returns403()
    {
        using var sut = CreateSut();

        using var response = await sut.GetAsync("/validate?url=" + Uri.EscapeDataString("http://169.254.169.254/latest/meta-data/"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "blocked-address");
    }

    [Fact]
    public async Task GetValidate_InvalidUrl_Returns400()
    {
        using var sut = CreateSut();

        using var response = await sut.GetAsync("/validate?url=ftp%3A%2F%2Fx");

        await ProblemAssert.IsFieldErrorAsync(response, "invalid-url", "url");
    }

    [Fact]
    public async Task PostValidate_WrongContentType_Returns415()
    {
        using var sut = CreateSut();
        using var content = new StringContent("<html></html>", System.Text.Encoding.UTF8, "text/html");

        using var response = await sut.PostAsync("/validate", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }
}

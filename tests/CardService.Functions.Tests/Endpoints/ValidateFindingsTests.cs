using System.Globalization;
using System.Net;
using System.Text.Json;
using CardService.Core.Tests.Fetching.Support;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Endpoints;

/// <summary>What a user acts on in <c>/validate</c>: one cause, one error; verdicts per platform; short quotes. Pages served by Kestrel on 127.0.0.2.</summary>
public sealed class ValidateFindingsTests(PageServer server) : IClassFixture<PageServer>
{
    private async Task<JsonElement> ValidateAsync(Uri page)
    {
        using var sut = server.App.CreateClient();
        using var response = await sut.GetAsync(new Uri("/validate?url=" + Uri.EscapeDataString(page.AbsoluteUri), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string? GroupedUnder(JsonElement finding) =>
        finding.TryGetProperty("groupedUnder", out var value) ? value.GetString() : null;

    private static string RuleId(JsonElement finding) => finding.GetProperty("ruleId").GetString()!;

    [Fact]
    public async Task GetValidate_PageBuiltOnLocalhost_CountsOneErrorAndGroupsTheOtherSymptomsUnderIt()
    {
        var page = server.Html("/findings/local-build", PageServer.Page(
            "<title>Built locally</title>",
            "<meta property=\"og:title\" content=\"Built locally\">",
            "<meta property=\"og:description\" content=\"A post built with the development URL.\">",
            "<meta property=\"og:url\" content=\"http://localhost:4000/post\">",
            "<meta property=\"og:image\" content=\"http://localhost:4000/card.png\">",
            "<meta name=\"twitter:image\" content=\"http://localhost:4000/card.png\">",
            "<link rel=\"canonical\" href=\"http://localhost:4000/post\">"));

        var report = await ValidateAsync(page);

        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        var group = findings.Where(f => RuleId(f) == "url-local" || GroupedUnder(f) == "url-local").ToList();
        Assert.Equal(5, group.Count); // og:url, og:image, twitter:image, canonical, and the og:image no one can fetch
        Assert.Equal("url-local", RuleId(Assert.Single(group, f => GroupedUnder(f) is null)));
        Assert.Equal("url-local", GroupedUnder(Assert.Single(findings, f => RuleId(f) == "og-image-unreachable")));
        var rootErrors = findings.Count(f => f.GetProperty("severity").GetString() == "Error" && GroupedUnder(f) is null);
        Assert.Equal(rootErrors, report.GetProperty("counts").GetProperty("errors").GetInt32());
        Assert.All(report.GetProperty("platforms").EnumerateArray(), p =>
            Assert.DoesNotContain("og-image-unreachable", p.GetProperty("ruleIds").EnumerateArray().Select(id => id.GetString())));
    }

    [Fact]
    public async Task GetValidate_DeclaredIcons_AreProbedAndJudgedThroughTheSafeFetcher()
    {
        var favicon = server.Serve("/icons/favicon.ico", "image/x-icon", TestImages.Ico(16, 48));
        var touch = server.Serve("/icons/touch.png", "image/png", TestImages.Png(152, 152));
        var page = server.Html("/findings/icons", PageServer.Page(
            "<title>Icons</title>",
            $"<link rel=\"icon\" href=\"{favicon}\">",
            $"<link rel=\"apple-touch-icon\" href=\"{touch}\">",
            "<link rel=\"shortcut icon\" href=\"/icons/missing.png\">"));

        var report = await ValidateAsync(page);

        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(1, server.Requests("/icons/favicon.ico"));
        Assert.Equal(1, server.Requests("/icons/touch.png"));
        Assert.Contains("152×152", Assert.Single(findings, f => RuleId(f) == "apple-touch-icon-too-small").GetProperty("message").GetString(), StringComparison.Ordinal);
        var missing = Assert.Single(findings, f => RuleId(f) == "icon-unreachable");
        Assert.Equal("/icons/missing.png", missing.GetProperty("value").GetString());
        Assert.Contains("answered HTTP 404", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => RuleId(f) == "icon-not-image");
        Assert.DoesNotContain("icon-unreachable", report.GetProperty("notChecked").EnumerateArray().Select(id => id.GetString()));
    }

    [Fact]
    public async Task GetValidate_ATitleOf500Characters_QuotesAtMost80AndAnEllipsis()
    {
        var title = string.Concat(Enumerable.Range(0, 100).Select(i => i.ToString("0000 ", CultureInfo.InvariantCulture)));
        var page = server.Html("/findings/long-title", PageServer.Page($"<title>{title}</title>", $"<meta property=\"og:title\" content=\"{title}\">"));

        var report = await ValidateAsync(page);

        var findings = report.GetProperty("findings").EnumerateArray().Where(f => RuleId(f) is "title-too-long" or "twitter-title-too-long").ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(title[..80] + "…", f.GetProperty("value").GetString()));
        Assert.All(report.GetProperty("findings").EnumerateArray(), f => Assert.DoesNotContain(title[..100], f.GetProperty("message").GetString(), StringComparison.Ordinal));
    }
}

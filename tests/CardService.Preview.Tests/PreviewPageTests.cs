using System.Net;
using CardService.Functions.Preview;
using CardService.Preview.Tests.Support;
using Microsoft.Playwright;

namespace CardService.Preview.Tests;

/// <summary>The preview page in a real browser: mock-ups drawn from Core, hostile pages, no JavaScript, errors.</summary>
[Collection(PreviewSiteGroup.Name)]
public sealed class PreviewPageTests(PreviewSite site)
{
    [Fact]
    public async Task Preview_JekyllSeoTagPage_EveryMockupShowsWhatCoreComputesWithItsImage()
    {
        const string name = "jekyll-sharc-defi";
        var url = site.Corpus(name);
        await using var browser = await site.OpenAsync();

        var response = await browser.Page.GotoAsync(site.PreviewUrl(url));

        Assert.Equal(200, response!.Status);
        await MockupAssert.MatchesCoreAsync(browser.Page, MockupAssert.Read(site.CorpusHtml(name), url));
        Assert.Empty(await MockupAssert.BrokenImagesAsync(browser.Page));
        Assert.True(await browser.Page.Locator("#mockup-facebook img.m-image").CountAsync() == 1, "the page's og:image is drawn through /preview/image");
        Assert.StartsWith(ImageLinks.Path, await browser.Page.Locator("#mockup-facebook img.m-image").GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors);
        await PreviewSite.ScreenshotAsync(browser.Page, "preview-jekyll");
    }

    [Fact]
    public async Task Preview_PageWithOnlyTitleAndDescription_ShowsFallbacksAndNotes()
    {
        var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Only a title here</title>" +
            "<meta name=\"description\" content=\"And a plain meta description, nothing else.\"></head><body><p>Post.</p></body></html>";
        var url = site.Page(html);
        await using var browser = await site.OpenAsync();

        await browser.Page.GotoAsync(site.PreviewUrl(url));

        await MockupAssert.MatchesCoreAsync(browser.Page, MockupAssert.Read(html, url));
        var facebook = browser.Page.Locator("#mockup-facebook");
        Assert.Equal("Only a title here", await facebook.Locator(".m-title").TextContentAsync());
        Assert.Contains("<title> used because og:title is missing.", await facebook.Locator(".notes").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("X would show no preview for this link.", await browser.Page.Locator("#mockup-x-large .notes").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Only a title here", await browser.Page.Locator("#mockup-google .m-title").TextContentAsync());
        Assert.True(await browser.Page.Locator("li.finding[data-rule='og-title-missing']").CountAsync() == 1);
        await PreviewSite.ScreenshotAsync(browser.Page, "preview-title-only");
    }

    [Fact]
    public async Task Preview_HostilePage_ShowsTheTextLiterallyAndRunsNothing()
    {
        const string scriptTitle = "<script>window.__pwned = 1; alert('title')</script>";
        const string imgDescription = "\"><img src=x onerror=\"window.__pwned = 2; alert('description')\">";
        const string svgTitle = "</p><svg onload=alert(3)>";
        var url = site.Head(
            $"<title>{WebUtility.HtmlEncode(svgTitle)}</title>",
            $"<meta property=\"og:title\" content=\"{WebUtility.HtmlEncode(scriptTitle)}\">",
            $"<meta property=\"og:description\" content=\"{WebUtility.HtmlEncode(imgDescription)}\">",
            "<meta property=\"og:type\" content=\"article\">",
            "<meta property=\"og:image\" content=\"javascript:alert(4)\">",
            "<meta name=\"theme-color\" content=\"red&quot; onload=&quot;alert(5)\">");
        await using var browser = await site.OpenAsync();

        await browser.Page.GotoAsync(site.PreviewUrl(url));
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(scriptTitle, await browser.Page.Locator("#mockup-facebook .m-title").TextContentAsync());
        Assert.Equal(imgDescription, await browser.Page.Locator("#mockup-facebook .m-desc").TextContentAsync());
        Assert.Equal(svgTitle, await browser.Page.Locator("#mockup-google .m-title").TextContentAsync());
        Assert.Empty(browser.Dialogs);
        Assert.Empty(browser.ConsoleErrors);
        Assert.Equal("undefined", await browser.Page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(1, await browser.Page.Locator("script").CountAsync());
        Assert.Equal(0, await browser.Page.Locator("img[src='x'], svg[onload], [onerror]").CountAsync());
        await PreviewSite.ScreenshotAsync(browser.Page, "preview-hostile");
    }

    [Fact]
    public async Task Preview_WithoutJavaScript_ShowsMockupsFindingsTagsAndTheEditorStillWorks()
    {
        var url = site.CompletePage();
        await using var browser = await site.OpenAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });

        await browser.Page.GotoAsync(site.PreviewUrl(url));

        Assert.Equal(7, await browser.Page.Locator("article.mockup").CountAsync());
        Assert.True(await browser.Page.Locator("#findings li.finding").CountAsync() > 0);
        Assert.True(await browser.Page.Locator("#tags tbody tr").CountAsync() >= 10);
        Assert.True(await browser.Page.Locator("#mockup-facebook img.m-image").IsVisibleAsync());
        Assert.False(await browser.Page.Locator("#copy-tags").IsVisibleAsync(), "the copy button needs script, so it stays hidden without it");
        await PreviewSite.ScreenshotAsync(browser.Page, "preview-no-javascript");

        await browser.Page.FillAsync("#edit-title", "Edited without any script");
        await browser.Page.ClickAsync("#what-if button[type=submit]");

        Assert.Equal("Edited without any script", await browser.Page.Locator("#mockup-facebook .m-title").TextContentAsync());
        Assert.Equal("Edited without any script", await browser.Page.Locator("#mockup-google .m-title").TextContentAsync());
    }

    [Theory]
    [InlineData("http://10.0.0.1/post", 403, "private or reserved network")]
    [InlineData("not a url", 400, "not an address CardService can read")]
    [InlineData("http://no-such-host.invalid/post", 502, "could not be found")]
    [InlineData("", 400, "Enter the address")]
    public async Task Preview_BadAddress_ShowsASentenceNextToTheFormWithTheStatus(string address, int status, string sentence)
    {
        await using var browser = await site.OpenAsync();

        var response = await browser.Page.GotoAsync(new Uri(site.AppUrl, "/preview?url=" + Uri.EscapeDataString(address)).AbsoluteUri);

        Assert.Equal(status, response!.Status);
        Assert.Equal("text/html; charset=utf-8", await response.HeaderValueAsync("content-type"));
        Assert.Contains(sentence, await browser.Page.Locator("[role=alert] .error-message").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(address, await browser.Page.InputValueAsync("#url"));
        await PreviewSite.ScreenshotAsync(browser.Page, $"error-{status}-{string.Concat(address.Where(char.IsAsciiLetterOrDigit))}");
    }

    [Fact]
    public async Task Preview_SlowPage_Answers504WithASentence()
    {
        await using var browser = await site.OpenAsync();

        var response = await browser.Page.GotoAsync(site.PreviewUrl(site.Pages.Url("/slow")));

        Assert.Equal(504, response!.Status);
        Assert.Contains("took too long", await browser.Page.Locator("[role=alert]").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_NotHtml_Answers422WithASentence()
    {
        var url = site.Page("{\"title\": \"not a page\"}", "application/json");
        await using var browser = await site.OpenAsync();

        var response = await browser.Page.GotoAsync(site.PreviewUrl(url));

        Assert.Equal(422, response!.Status);
        Assert.Contains("does not serve an HTML page", await browser.Page.Locator("[role=alert]").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPreview_PastedHtml_IsPreviewedWithoutFetchingAndTheCardUsesItsFields()
    {
        await using var browser = await site.OpenAsync();
        await browser.Page.GotoAsync(site.AppUrl.AbsoluteUri);

        await browser.Page.ClickAsync("details.paste summary");
        await browser.Page.FillAsync("#paste-url", "https://draft.example/posts/hello");
        await browser.Page.FillAsync("#paste-html", "<title>A draft</title><meta property=\"og:title\" content=\"My draft post\"><meta property=\"og:description\" content=\"Not online yet.\">");
        await browser.Page.ClickAsync("details.paste button[type=submit]");

        Assert.Equal("My draft post", await browser.Page.Locator("#mockup-facebook .m-title").TextContentAsync());
        Assert.Equal("draft.example", await browser.Page.Locator("#mockup-facebook .m-domain").TextContentAsync());
        Assert.StartsWith("/card?title=My%20draft%20post", await browser.Page.Locator("#card img").GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Empty(await MockupAssert.BrokenImagesAsync(browser.Page));
    }

    [Fact]
    public async Task Preview_Response_CarriesTheSecurityHeaders()
    {
        using var client = new HttpClient { BaseAddress = site.AppUrl };

        using var response = await client.GetAsync("/preview?url=" + Uri.EscapeDataString(site.CompletePage().AbsoluteUri));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PreviewEndpoints.PageSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", PreviewEndpoints.PageSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:", PreviewEndpoints.PageSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}

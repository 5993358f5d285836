using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CardService.Preview.Tests.Support;

namespace CardService.Preview.Tests;

/// <summary><c>GET /</c>: browsers get the landing page, API clients keep the JSON index.</summary>
[Collection(PreviewSiteGroup.Name)]
public sealed class LandingPageTests(PreviewSite site)
{
    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("text/html;q=0, application/json")]
    public async Task Get_ApiClient_KeepsTheJsonIndex(string? accept)
    {
        using var client = new HttpClient { BaseAddress = site.AppUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("CardService", index.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Get_Browser_GetsTheLandingPageWithBothForms()
    {
        using var client = new HttpClient { BaseAddress = site.AppUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.8));

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Contains("<form class=\"url-form\" method=\"get\" action=\"/preview\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"paste-html\" name=\"html\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_InBrowser_ShowsTheFormAndPreviewsTheUrlEntered()
    {
        var url = site.CompletePage("Entered in the form");
        await using var browser = await site.OpenAsync();
        await browser.Page.GotoAsync(site.AppUrl.AbsoluteUri);
        await PreviewSite.ScreenshotAsync(browser.Page, "landing");
        Assert.Equal("10px", await browser.Page.EvalOnSelectorAsync<string>(".forms", "e => getComputedStyle(e).borderRadius"));

        await browser.Page.FillAsync("#url", url.AbsoluteUri);
        await browser.Page.ClickAsync(".url-form button[type=submit]");

        Assert.Equal("Entered in the form", await browser.Page.Locator("#mockup-facebook .m-title").TextContentAsync());
    }

    [Fact]
    public async Task GetPreview_WithoutUrl_IsTheLandingPage()
    {
        // On Azure Functions "/" belongs to the host, so /preview is the way in there.
        using var client = new HttpClient { BaseAddress = site.AppUrl };

        using var response = await client.GetAsync("/preview");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form class=\"url-form\" method=\"get\" action=\"/preview\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"alert\"", html, StringComparison.Ordinal);
    }
}

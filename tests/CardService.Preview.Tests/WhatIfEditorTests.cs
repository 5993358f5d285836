using CardService.Preview.Tests.Support;

namespace CardService.Preview.Tests;

/// <summary>The what-if editor with script: an edit re-judges the edited head and every section follows.</summary>
[Collection(PreviewSiteGroup.Name)]
public sealed class WhatIfEditorTests(PreviewSite site)
{
    [Fact]
    public async Task EditTitle_LongTitle_UpdatesEveryMockupTheCardAndTheFindings()
    {
        var longTitle = "A title that goes on and on, far past what X and Google show in a preview before they cut it short";
        await using var browser = await site.OpenAsync();
        await browser.Page.GotoAsync(site.PreviewUrl(site.CompletePage()));
        Assert.Equal(0, await browser.Page.Locator("li.finding[data-rule='title-too-long']").CountAsync());
        var cardBefore = await browser.Page.Locator("#card img").GetAttributeAsync("src");

        await browser.Page.FillAsync("#edit-title", longTitle);
        await browser.Page.Locator("#mockup-facebook .m-title").Filter(new() { HasText = longTitle }).WaitForAsync();

        Assert.Equal(longTitle, await browser.Page.Locator("#mockup-linkedin .m-title").TextContentAsync());
        Assert.EndsWith("…", await browser.Page.Locator("#mockup-x-large .m-title").TextContentAsync(), StringComparison.Ordinal);
        Assert.EndsWith("…", await browser.Page.Locator("#mockup-google .m-title").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await browser.Page.Locator("li.finding[data-rule='title-too-long']").CountAsync());
        Assert.NotEqual(cardBefore, await browser.Page.Locator("#card img").GetAttributeAsync("src"));
        Assert.Contains("show your edits", await browser.Page.Locator("#summary").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Previews, suggested card and findings updated.", await browser.Page.Locator("#what-if-status").TextContentAsync());
        Assert.Empty(await MockupAssert.BrokenImagesAsync(browser.Page));
        Assert.Empty(browser.ConsoleErrors);
        await PreviewSite.ScreenshotAsync(browser.Page, "what-if-long-title");
    }

    [Fact]
    public async Task EditImage_SmallSquareImage_RedrawsTheImagesAndJudgesTheNewOne()
    {
        var small = site.Pages.Url("/img/300/300/small.png").AbsoluteUri;
        await using var browser = await site.OpenAsync();
        await browser.Page.GotoAsync(site.PreviewUrl(site.CompletePage()));

        await browser.Page.FillAsync("#edit-image", small);
        await browser.Page.Locator("#mockup-facebook [data-source]").And(browser.Page.Locator($"[data-source='{small}']")).WaitForAsync();

        Assert.Equal(small, await browser.Page.Locator("#mockup-discord [data-source]").GetAttributeAsync("data-source"));
        Assert.Empty(await MockupAssert.BrokenImagesAsync(browser.Page));
        Assert.Equal(0, await browser.Page.Locator("li.finding[data-rule='og-image-dimensions-mismatch']").CountAsync());
        Assert.True(await browser.Page.Locator("li.finding[data-rule='og-image-small-card'], li.finding[data-rule='og-image-aspect-ratio']").CountAsync() > 0,
            "a 300×300 image gets a small card or an aspect-ratio warning");
    }
}

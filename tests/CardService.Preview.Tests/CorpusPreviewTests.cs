using CardService.Preview.Tests.Support;
using Microsoft.Playwright;

namespace CardService.Preview.Tests;

/// <summary>
/// Real pages from ../shared/corpus/pages, served locally: every jekyll-seo-tag page and ten others, each drawn as Core reads
/// it, with a browser screenshot (and phone and dark ones) kept under the test output for a person to look at.
/// </summary>
[Collection(PreviewSiteGroup.Name)]
public sealed class CorpusPreviewTests(PreviewSite site)
{
    public static TheoryData<string> CorpusPages => new(
        Directory.EnumerateFiles(PreviewSite.CorpusFolder, "jekyll-*.html").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)
            .Concat(["metascraper-arstechnica", "metascraper-bfi", "metascraper-fortune", "metascraper-googleblog", "metascraper-indiehackers",
                "metascraper-linkedin-pulse", "metascraper-computerworld", "metascraper-acast", "metascraper-audiense", "metascraper-lean-data"]));

    [Theory]
    [MemberData(nameof(CorpusPages))]
    public async Task Preview_CorpusPage_ShowsWhatCoreReads(string name)
    {
        var url = site.Corpus(name);
        await using var browser = await site.OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        var response = await browser.Page.GotoAsync(site.PreviewUrl(url));

        Assert.Equal(200, response!.Status);
        await MockupAssert.MatchesCoreAsync(browser.Page, MockupAssert.Read(site.CorpusHtml(name), url));
        Assert.Empty(await MockupAssert.BrokenImagesAsync(browser.Page));
        Assert.Empty(browser.Dialogs);
        await PreviewSite.ScreenshotAsync(browser.Page, $"corpus-{name}-desktop", fullPage: false);
        await PreviewSite.ScreenshotAsync(browser.Page, "#mockups", $"corpus-{name}-mockups");

        // The same page at a phone's width in dark mode: no horizontal scroll.
        await browser.Page.SetViewportSizeAsync(390, 844);
        await browser.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await PreviewSite.ScreenshotAsync(browser.Page, $"corpus-{name}-phone-dark", fullPage: false);
        await browser.Page.EvaluateAsync("() => document.getElementById('mockups').scrollIntoView()");
        await PreviewSite.ScreenshotAsync(browser.Page, $"corpus-{name}-phone-dark-mockups", fullPage: false);
    }
}

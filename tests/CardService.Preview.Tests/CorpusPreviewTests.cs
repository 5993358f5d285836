using CardService.Preview.Tests.Support;
using Microsoft.Playwright;

namespace CardService.Preview.Tests;

/// <summary>
/// Real pages from ../shared/corpus/pages, served locally: every jekyll-seo-tag page and ten others, each drawn as Core reads
/// it, with a desktop screenshot (and phone and dark ones) kept under the test output for a person to look at.
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
        await using var desktop = await site.OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        var response = await desktop.Page.GotoAsync(site.PreviewUrl(url));

        Assert.Equal(200, response!.Status);
        await MockupAssert.MatchesCoreAsync(desktop.Page, MockupAssert.Read(site.CorpusHtml(name), url));
        Assert.Empty(await MockupAssert.BrokenImagesAsync(desktop.Page));
        Assert.Empty(desktop.Dialogs);
        await PreviewSite.ScreenshotAsync(desktop.Page, $"corpus-{name}-desktop");

        await using var phone = await site.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            DeviceScaleFactor = 2,
            ColorScheme = ColorScheme.Dark,
        });
        await phone.Page.GotoAsync(site.PreviewUrl(url));
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await PreviewSite.ScreenshotAsync(phone.Page, $"corpus-{name}-phone-dark");
    }
}

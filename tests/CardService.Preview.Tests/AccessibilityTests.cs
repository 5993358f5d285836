using CardService.Preview.Tests.Support;
using Microsoft.Playwright;

namespace CardService.Preview.Tests;

/// <summary>axe-core, the keyboard alone, and a phone's width, on the landing page, a preview (light and dark) and an error page.</summary>
[Collection(PreviewSiteGroup.Name)]
public sealed class AccessibilityTests(PreviewSite site)
{
    private const string Controls = "a[href], button:not([hidden]), input:not([type=hidden]), select, textarea, summary, [tabindex='0']";

    public static TheoryData<string, ColorScheme> Pages => new()
    {
        { "landing", ColorScheme.Light },
        { "preview", ColorScheme.Light },
        { "preview", ColorScheme.Dark },
        { "error", ColorScheme.Light },
        { "error", ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Axe_Page_HasNoSeriousOrCriticalViolation(string which, ColorScheme scheme)
    {
        await using var browser = await site.OpenAsync(new BrowserNewContextOptions { ColorScheme = scheme });
        await browser.Page.GotoAsync(UrlOf(which));
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var violations = await Axe.SeriousViolationsAsync(browser.Page);

        await PreviewSite.ScreenshotAsync(browser.Page, $"axe-{which}-{scheme.ToString().ToLowerInvariant()}");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [InlineData("landing")]
    [InlineData("preview")]
    public async Task Keyboard_Tab_ReachesEveryVisibleControlInDocumentOrder(string which)
    {
        await using var browser = await site.OpenAsync();
        await browser.Page.GotoAsync(UrlOf(which));
        var visible = await browser.Page.EvaluateAsync<int[]>($$"""
            () => [...document.querySelectorAll("{{Controls}}")]
                .map((e, i) => { e.dataset.k = i; return e; })
                .filter(e => e.checkVisibility({ visibilityProperty: true }))
                .map(e => Number(e.dataset.k))
            """);

        var reached = new List<int>();
        for (var step = 0; step < visible.Length + 5; step++)
        {
            await browser.Page.Keyboard.PressAsync("Tab");
            var key = await browser.Page.EvaluateAsync<string?>("() => document.activeElement?.dataset.k ?? null");
            if (key is null || (reached.Count > 0 && int.Parse(key, System.Globalization.CultureInfo.InvariantCulture) == reached[0]))
            {
                break;
            }

            reached.Add(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(visible, reached.ToArray());
    }

    [Fact]
    public async Task Keyboard_Alone_PreviewsAPageEditsItAndCopiesTheTags()
    {
        var url = site.CompletePage();
        await using var browser = await site.OpenAsync(new BrowserNewContextOptions { Permissions = ["clipboard-read", "clipboard-write"] });
        var keyboard = browser.Page.Keyboard;
        await browser.Page.GotoAsync(site.AppUrl.AbsoluteUri);

        await TabUntilAsync(browser.Page, "url");
        await keyboard.TypeAsync(url.AbsoluteUri);
        await keyboard.PressAsync("Enter");
        await browser.Page.WaitForURLAsync(u => u.Contains("/preview?url=", StringComparison.Ordinal));
        await TabUntilAsync(browser.Page, "edit-title");
        await keyboard.PressAsync("Control+A");
        await keyboard.TypeAsync("Typed with the keyboard");
        await browser.Page.Locator("#mockup-facebook .m-title").Filter(new() { HasText = "Typed with the keyboard" }).WaitForAsync();
        await TabUntilAsync(browser.Page, "copy-tags");
        await keyboard.PressAsync("Enter");

        await browser.Page.Locator("#copy-status").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(".+") }).WaitForAsync();
        Assert.Equal(await browser.Page.Locator("#card-tags").TextContentAsync(), await browser.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    [Theory]
    [InlineData("landing")]
    [InlineData("preview")]
    [InlineData("error")]
    public async Task Phone_390x844_HasNoHorizontalScroll(string which)
    {
        await using var browser = await site.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        await browser.Page.GotoAsync(UrlOf(which));
        await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var (scrollWidth, width) = (await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"),
            await browser.Page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));

        await PreviewSite.ScreenshotAsync(browser.Page, $"phone-{which}");
        Assert.True(scrollWidth <= width, $"{which}: the page is {scrollWidth}px wide in a {width}px viewport");
    }

    private string UrlOf(string which) => which switch
    {
        "landing" => site.AppUrl.AbsoluteUri,
        "preview" => site.PreviewUrl(site.Corpus("jekyll-tijsboussier-uk-trip")),
        _ => new Uri(site.AppUrl, "/preview?url=" + Uri.EscapeDataString("http://10.1.2.3/a-post")).AbsoluteUri,
    };

    private static async Task TabUntilAsync(IPage page, string id)
    {
        for (var step = 0; step < 300; step++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.id") == id)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached #{id}.");
    }
}

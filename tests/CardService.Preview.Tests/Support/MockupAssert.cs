using System.Text;
using System.Text.RegularExpressions;
using CardService.Core.Meta;
using Microsoft.Playwright;

namespace CardService.Preview.Tests.Support;

/// <summary>Checks that every mock-up on a preview page shows exactly what Core computes for the same HTML.</summary>
public static partial class MockupAssert
{
    public static readonly (string Id, PreviewPlatform Platform)[] Mockups =
    [
        ("x-large", PreviewPlatform.X),
        ("x-summary", PreviewPlatform.X),
        ("facebook", PreviewPlatform.Facebook),
        ("linkedin", PreviewPlatform.LinkedIn),
        ("slack", PreviewPlatform.Slack),
        ("discord", PreviewPlatform.Discord),
        ("google", PreviewPlatform.GoogleSearch),
    ];

    /// <summary>What Core reads from <paramref name="html"/> served at <paramref name="url"/> as UTF-8 HTML.</summary>
    public static PageMeta Read(string html, Uri url) =>
        MetaReader.Read(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", url, new ReadOptions());

    public static async Task MatchesCoreAsync(IPage page, PageMeta meta)
    {
        foreach (var (id, platform) in Mockups)
        {
            var expected = meta.Previews.Single(p => p.Platform == platform);
            var mockup = page.Locator($"#mockup-{id}");
            Assert.Equal(Normalize(expected.Title?.Value ?? "(no title)"), Normalize(await mockup.Locator(".m-title").TextContentAsync()));

            var descriptions = mockup.Locator(".m-desc");
            if (expected.Description is { } description && platform != PreviewPlatform.LinkedIn)
            {
                Assert.Equal(Normalize(description.Value), Normalize(await descriptions.TextContentAsync()));
            }
            else
            {
                Assert.Equal(0, await descriptions.CountAsync());
            }

            if (platform == PreviewPlatform.GoogleSearch)
            {
                Assert.Equal(expected.Breadcrumb, Normalize(await mockup.Locator(".m-breadcrumb").TextContentAsync()));
            }
            else
            {
                Assert.Contains(expected.Domain!, await mockup.Locator(".m-domain").AllTextContentsAsync() is var domains ? string.Join(' ', domains) : "", StringComparison.Ordinal);
            }

            var images = mockup.Locator("[data-source]");
            if (expected.Image is { } image)
            {
                Assert.Equal(image.Value, await images.GetAttributeAsync("data-source"));
            }
            else
            {
                Assert.Equal(0, await images.CountAsync());
            }
        }
    }

    /// <summary>Waits for every image to finish and returns those that did not load (the browser drew nothing).</summary>
    public static async Task<IReadOnlyList<string>> BrokenImagesAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
        return await page.EvaluateAsync<string[]>("() => [...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)");
    }

    public static string Normalize(string? text) => Whitespace().Replace(text ?? "", " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

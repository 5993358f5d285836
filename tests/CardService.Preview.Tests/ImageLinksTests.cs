using System.Net;
using System.Text.Json;
using CardService.Functions.Preview;
using CardService.Preview.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CardService.Preview.Tests;

/// <summary><c>/preview/image</c>: only images a preview named, only for a while, only raster, fetched by the safe fetcher.</summary>
[Collection(PreviewSiteGroup.Name)]
public sealed class ImageLinksTests(PreviewSite site)
{
    private ImageLinks Links => site.App.Services.GetRequiredService<ImageLinks>();

    [Fact]
    public async Task Get_SignedLink_AnswersThePngWithAShortPrivateCache()
    {
        using var client = Client();

        using var response = await client.GetAsync(Links.For(site.Pages.Url("/img/1200/630/ok.png")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: 300 }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(site.Png(1200, 630), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_TamperedLink_IsRefused()
    {
        var signed = Links.For(site.Pages.Url("/img/1200/630/a.png"));
        var tampered = signed.Replace("a.png", "b.png", StringComparison.Ordinal);
        using var client = Client();

        using var response = await client.GetAsync(tampered);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "image-link-refused");
    }

    [Fact]
    public async Task Get_UnsignedUrl_IsRefusedSoItIsNoOpenProxy()
    {
        using var client = Client();

        using var response = await client.GetAsync(ImageLinks.Path + "?src=" + Uri.EscapeDataString(site.Pages.Url("/img/1200/630/c.png").AbsoluteUri));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "image-link-refused");
        Assert.Equal(0, site.Pages.CountRequests("/img/1200/630/c.png"));
    }

    [Fact]
    public async Task Get_ExpiredLink_IsRefused()
    {
        var expired = Links.For(site.Pages.Url("/img/1200/630/d.png").AbsoluteUri, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        using var client = Client();

        using var response = await client.GetAsync(expired);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "image-link-refused");
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SignedSvg_IsRefusedAsNotRaster()
    {
        using var client = Client();

        using var response = await client.GetAsync(Links.For(site.Pages.Url("/drawing.svg")));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "unusable-image");
    }

    [Fact]
    public async Task Get_SignedPrivateAddress_IsStillBlockedByTheSafeFetcher()
    {
        using var client = Client();

        using var response = await client.GetAsync(Links.For(new Uri("http://10.0.0.7/banner.png")));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "blocked-address");
    }

    private HttpClient Client() => new() { BaseAddress = site.AppUrl };

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problem = document.RootElement.Clone();
        Assert.Equal("https://cardservice.dev/problems/" + type, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}

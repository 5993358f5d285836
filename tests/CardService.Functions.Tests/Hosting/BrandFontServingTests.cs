using System.Net;
using System.Net.Http.Headers;
using CardService.Core.Tests.Support;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Hosting;

/// <summary>The app as deployed with a brand font (a WOFF, from configuration): a real process on 127.0.0.1.</summary>
public sealed class BrandFontServingTests : IDisposable
{
    private const string CardPath = "card?title=Brand%20fonts%20from%20a%20WOFF&category=Typography&site=example.dev";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cardservice-brand-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Card_TitleFontWoffFromConfiguration_DrawsWithItUnderItsOwnETag()
    {
        var woff = Path.Combine(_folder.FullName, "brand.woff");
        await File.WriteAllBytesAsync(woff, WoffFile.FromSfnt(await File.ReadAllBytesAsync(WoffFile.BundledFont("NotoSans-Bold.ttf"))));

        var (plainTag, plainPng) = await FetchCardAsync(new Dictionary<string, string>());
        await using var branded = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", new Dictionary<string, string> { ["Fonts:Title"] = woff });
        using var response = await branded.Client.GetAsync(new Uri(branded.BaseUri, CardPath));
        var brandPng = await response.Content.ReadAsByteArrayAsync();
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, new Uri(branded.BaseUri, CardPath));
        revalidate.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await branded.Client.SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(plainTag, response.Headers.ETag);
        Assert.NotEqual(plainPng, brandPng);
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("X-Card-Missing-Glyphs")));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    private static async Task<(EntityTagHeaderValue? ETag, byte[] Png)> FetchCardAsync(Dictionary<string, string> settings)
    {
        await using var app = await AppProcess.StartAsync(AppProcess.BuiltAppDll, "127.0.0.1", settings);
        using var response = await app.Client.GetAsync(new Uri(app.BaseUri, CardPath));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.ETag, await response.Content.ReadAsByteArrayAsync());
    }
}

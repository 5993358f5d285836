using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Net.Http.Json;
using CardService.Core.Tests.Fetching.Support;
using CardService.Core.Tests.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Functions.Tests.Endpoints;

/// <summary>The /card limits that come from configuration, with a small limit set for the test.</summary>
public class CardEndpointsLimitTests
{
    private static Uri Url(string relative) => new(relative, UriKind.Relative);

    [Fact]
    public async Task Post_ChunkedBodyOverTheLimit_Answers413Problem()
    {
        using var small = new CardServiceFactory(new Dictionary<string, string?> { ["CardRequests:MaxBodyBytes"] = "2048" });
        using var client = small.CreateClient();
        var json = Encoding.UTF8.GetBytes($$"""{"title":"{{new string('a', 4000)}}"}""");
        using var content = new StreamContent(new MemoryStream(json)); // no Content-Length: the limit must hold while reading
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(Url("/card"), content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task Post_BodyUnderAConfiguredLimit_Renders()
    {
        using var small = new CardServiceFactory(new Dictionary<string, string?> { ["CardRequests:MaxBodyBytes"] = "2048" });
        using var client = small.CreateClient();

        using var response = await client.PostAsync(Url("/card"), new StringContent("""{"title":"fits"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_LogoOverTheConfiguredPixelLimit_Answers400NamingTheLogo()
    {
        using var small = new CardServiceFactory(new Dictionary<string, string?> { ["Rendering:MaxImagePixels"] = "1000000" });
        using var client = small.CreateClient();
        var logo = TestPictures.DataUri(TestPictures.StripedPng(2000, 1000));

        using var response = await client.PostAsJsonAsync(Url("/card"), new { title = "Too big a logo", logo });

        var problem = await ProblemAssert.IsFieldErrorAsync(response, "invalid-card", "logo");
        Assert.Equal("The logo cannot be used: The image declares 2000×1000 pixels; at most 1 million are decoded.",
            problem.GetProperty("errors").GetProperty("logo")[0].GetString());
    }

    [Fact]
    public async Task Get_LogoUrlOverTheConfiguredPixelLimit_Answers422UnusableImage()
    {
        var png = TestPictures.StripedPng(2000, 1000);
        await using var images = await LocalServer.StartAsync(PageServerFixture.Address, app => app.MapGet("/big.png", () => Results.Bytes(png, "image/png")));
        await using var small = PageServerFixture.CreateApp(new Dictionary<string, string?> { ["Rendering:MaxImagePixels"] = "1000000" });
        using var client = small.CreateClient();

        using var response = await client.GetAsync(Url("/card?title=Too%20big&logo=" + Uri.EscapeDataString(images.Url("/big.png").AbsoluteUri)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "unusable-image");
        Assert.Equal("logo", problem.GetProperty("field").GetString());
        Assert.Contains("2000×1000 pixels; at most 1 million", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HugeLogoUnderTheDefaults_DrawsItInTheFooter()
    {
        using var app = new CardServiceFactory();
        using var client = app.CreateClient();
        var logo = TestPictures.DataUri(TestPictures.StripedPng(6000, 6000));

        using var response = await client.PostAsJsonAsync(Url("/card"), new { title = "A 6000×6000 logo", logo });
        using var card = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The footer's logo box starts at (80, 510) on a 1200×630 card; its first stripe is green.
        Assert.Equal(new SkiaSharp.SKColor(0, 255, 0x80), card.GetPixel(84, 530));
    }
}

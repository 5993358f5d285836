using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CardService.Functions.Tests.Support;

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
}

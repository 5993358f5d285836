using System.Net;
using System.Text.Json;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Endpoints;

public class HealthEndpointsTests(CardServiceFactory factory) : IClassFixture<CardServiceFactory>
{
    [Fact]
    public async Task Healthz_Always_AnswersOk()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Index_Always_NamesTheServiceAndLinksItsEndpoints()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("CardService", body.RootElement.GetProperty("name").GetString());
        var links = body.RootElement.GetProperty("links");
        Assert.Equal("/openapi/v1.json", links.GetProperty("openapi").GetString());
        Assert.Equal("/healthz", links.GetProperty("health").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesCardAndHealth()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("CardService", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = document.RootElement.GetProperty("paths");
        var card = paths.GetProperty("/card");
        Assert.True(card.TryGetProperty("get", out var get));
        Assert.True(card.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/healthz", out _));
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("image/png", out _));
        Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "title");
    }
}

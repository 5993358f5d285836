using System.Net;
using CardService.Functions.Tests.Support;

namespace CardService.Functions.Tests.Storage;

/// <summary>redis-server, a page server on 127.0.0.2 and two app instances as separate processes sharing Redis.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public PageServer Pages { get; } = new();

    public TwoInstances Apps { get; private set; } = null!;

    public AppProcess First => Apps.First;

    public AppProcess Second => Apps.Second;

    public async Task InitializeAsync()
    {
        await Redis.StartAsync();
        await Pages.InitializeAsync();
        Apps = await TwoInstances.StartAsync(new Dictionary<string, string>
        {
            ["Redis:Configuration"] = Redis.Configuration,
            ["Fetch:AllowedPrivateNetworks:0"] = PageServer.Address + "/32",
        });
    }

    public async Task DisposeAsync()
    {
        await Apps.DisposeAsync();
        await Pages.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>
/// Page-card fields and page inspections (<c>/meta</c>, <c>/validate</c>) through HybridCache and Redis, proven across
/// processes: a page one instance read is not fetched by the other; with Redis killed every request is still answered (each
/// instance fetches); with Redis back it is shared again.
/// </summary>
public sealed class SharedPageCardsTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private Uri NewPage(string what)
    {
        var path = $"/redis/{Guid.NewGuid():N}";
        return fixture.Pages.Html(path, PageServer.Page($"<title>{what}</title>", "<meta property=\"og:site_name\" content=\"Shared\">"));
    }

    private static async Task<HttpStatusCode> GetCardAsync(AppProcess app, Uri page, string theme)
    {
        using var response = await app.Client.GetAsync(
            new Uri($"card?url={Uri.EscapeDataString(page.AbsoluteUri)}&theme={theme}", UriKind.Relative));
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return response.StatusCode;
    }

    // A page whose og:image is served too, so an inspection that probes it shows in the image's request count.
    private (Uri Page, string ImagePath) NewPageWithImage(string what)
    {
        var id = Guid.NewGuid().ToString("N");
        var image = fixture.Pages.Serve($"/redis/{id}.png", "image/png", CardService.Core.Tests.Fetching.Support.TestImages.Png(1200, 630));
        var page = fixture.Pages.Html($"/redis/{id}", PageServer.Page(
            $"<title>{what}</title>", $"<meta property=\"og:image\" content=\"{image}\">",
            "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"BlogPosting\",\"headline\":\"" + what + "\"}</script>"));
        return (page, image.AbsolutePath);
    }

    private static async Task<string> GetJsonAsync(AppProcess app, string endpoint, Uri page)
    {
        using var response = await app.Client.GetAsync(new Uri($"{endpoint}?url={Uri.EscapeDataString(page.AbsoluteUri)}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{endpoint} answered {response.StatusCode}: {body}\n{app.Output}");
        return body;
    }

    [Fact]
    public async Task Inspection_MadeByOneInstance_TheOtherAnswersMetaAndValidateFromRedisWithoutFetching()
    {
        var (page, image) = NewPageWithImage("Inspected once");

        var metaFirst = await GetJsonAsync(fixture.First, "meta", page);
        var metaSecond = await GetJsonAsync(fixture.Second, "meta", page);
        var validateSecond = await GetJsonAsync(fixture.Second, "validate", page);

        Assert.Equal(1, fixture.Pages.Requests(page.AbsolutePath));
        Assert.Equal(1, fixture.Pages.Requests(image)); // the probe too is the first instance's
        Assert.Equal(metaFirst, metaSecond); // the same answer, byte for byte, timings included: the first instance's
        using var report = System.Text.Json.JsonDocument.Parse(validateSecond);
        Assert.Equal(page.AbsoluteUri, report.RootElement.GetProperty("pageUrl").GetString());
        Assert.Equal("Inspected once", report.RootElement.GetProperty("meta").GetProperty("jsonLd")[0].GetProperty("items")[0].GetProperty("headline").GetString());
        Assert.True(report.RootElement.GetProperty("findings").GetArrayLength() > 0);
    }

    [Fact]
    public Task Inspection_RedisKilledThenStarted_EveryRequestAnsweredThenRedisIsUsedAgain() => KillThenRestartAsync(
        async () =>
        {
            var (page, _) = NewPageWithImage("Inspected while Redis is down");
            await GetJsonAsync(fixture.First, "meta", page);
            await GetJsonAsync(fixture.Second, "validate", page);
            Assert.Equal(2, fixture.Pages.Requests(page.AbsolutePath)); // each instance fetched for itself
        },
        async () =>
        {
            var (next, _) = NewPageWithImage("Redis back");
            await GetJsonAsync(fixture.First, "meta", next);
            await GetJsonAsync(fixture.Second, "validate", next);
            return fixture.Pages.Requests(next.AbsolutePath) == 1;
        });

    [Fact]
    public async Task PageCard_ReadByOneInstance_TheOtherTakesItsFieldsFromRedisWithoutFetching()
    {
        var page = NewPage("Read once");

        var first = await GetCardAsync(fixture.First, page, "dark");
        var second = await GetCardAsync(fixture.Second, page, "light"); // another card, from the same page's fields

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal(1, fixture.Pages.Requests(page.AbsolutePath));
    }

    [Fact]
    public Task PageCard_RedisKilledThenStarted_EveryRequestAnsweredThenRedisIsUsedAgain() => KillThenRestartAsync(
        async () =>
        {
            var page = NewPage("While Redis is down");
            Assert.Equal(HttpStatusCode.OK, await GetCardAsync(fixture.First, page, "dark"));
            Assert.Equal(HttpStatusCode.OK, await GetCardAsync(fixture.Second, page, "light"));
            Assert.Equal(2, fixture.Pages.Requests(page.AbsolutePath)); // each instance fetched for itself
        },
        async () =>
        {
            var next = NewPage("Redis back");
            Assert.Equal(HttpStatusCode.OK, await GetCardAsync(fixture.First, next, "dark"));
            Assert.Equal(HttpStatusCode.OK, await GetCardAsync(fixture.Second, next, "light"));
            return fixture.Pages.Requests(next.AbsolutePath) == 1;
        });

    // Kills Redis and runs whileDown; starts it again and, as the instances reconnect in the background (and their breakers
    // let a call try it), runs sharedAgain until a page is fetched once between the two, within a bounded number of tries.
    private async Task KillThenRestartAsync(Func<Task> whileDown, Func<Task<bool>> sharedAgain)
    {
        try
        {
            await fixture.Redis.StopAsync();
            await whileDown();
            await fixture.Redis.StartAsync();

            var shared = false;
            for (var attempt = 0; attempt < 100 && !shared; attempt++)
            {
                shared = await sharedAgain();
                if (!shared)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(shared, "After Redis came back, no page was shared between the instances again.");
        }
        finally
        {
            if (!fixture.Redis.IsRunning)
            {
                await fixture.Redis.StartAsync();
            }
        }
    }
}

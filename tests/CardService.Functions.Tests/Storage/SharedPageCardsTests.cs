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
/// Page-card fields through HybridCache and Redis, proven across processes: a page one instance read is not fetched by the
/// other; with Redis killed every request is still answered (each instance fetches); with Redis back it is shared again.
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
    public async Task PageCard_RedisKilledThenStarted_EveryRequestAnsweredThenRedisIsUsedAgain()
    {
        try
        {
            await fixture.Redis.StopAsync();
            var page = NewPage("While Redis is down");

            Assert.Equal(HttpStatusCode.OK, await GetCardAsync(fixture.First, page, "dark"));
            Assert.Equal(HttpStatusCode.OK, await GetCardAsync(fixture.Second, page, "light"));
            Assert.Equal(2, fixture.Pages.Requests(page.AbsolutePath)); // each instance fetched for itself

            await fixture.Redis.StartAsync();

            // The instances reconnect in the background: within a bounded number of tries, a page is fetched once again.
            var sharedAgain = false;
            for (var attempt = 0; attempt < 100 && !sharedAgain; attempt++)
            {
                var next = NewPage("Redis back");
                Assert.Equal(HttpStatusCode.OK, await GetCardAsync(fixture.First, next, "dark"));
                Assert.Equal(HttpStatusCode.OK, await GetCardAsync(fixture.Second, next, "light"));
                sharedAgain = fixture.Pages.Requests(next.AbsolutePath) == 1;
                if (!sharedAgain)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(sharedAgain, "After Redis came back, no page was shared between the instances again.");
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

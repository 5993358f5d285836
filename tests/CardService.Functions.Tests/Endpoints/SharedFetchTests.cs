using System.Globalization;
using System.Net;
using CardService.Core.Tests.Support;
using CardService.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CardService.Functions.Tests.Endpoints;

/// <summary>
/// One fetch per page for every endpoint: <c>/validate</c>, <c>/meta</c> and <c>/card?url=</c> share one page fetch, one
/// robots.txt per origin and one probe per image, for concurrent and recent requests, counted on a real Kestrel page server.
/// </summary>
public sealed class SharedFetchTests(PageServerFixture pages) : IClassFixture<PageServerFixture>, IAsyncDisposable
{
    private const int Callers = 200; // the burst the issue measured
    private static readonly string[] Endpoints = ["/validate?url=", "/meta?url=", "/card?url="];

    private readonly ManualClock _clock = new();
    private readonly List<IAsyncDisposable> _apps = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>The app allowed to fetch the page server, with <paramref name="settings"/> and the test's clock.</summary>
    private HttpClient CreateSut(params (string Key, string Value)[] settings)
    {
        var factory = PageServerFixture.CreateApp(settings.ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.Ordinal));
        var app = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(_clock)));
        _apps.Add(factory);
        _apps.Add(app);
        return app.CreateClient();
    }

    private string Query(string path) => Uri.EscapeDataString(pages.Url(path).AbsoluteUri);

    private static async Task<HttpStatusCode[]> GetAllAsync(HttpClient sut, Func<int, string> pathOf)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => sut.GetAsync(new Uri(pathOf(i), UriKind.Relative))));
        var statuses = responses.Select(r => r.StatusCode).ToArray();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        return statuses;
    }

    [Fact]
    public async Task Get_ConcurrentValidateMetaAndCardForOnePage_FetchEachThingOnce()
    {
        using var sut = CreateSut();
        var id = PageServerFixture.NewId();
        var robotsBefore = pages.Requests("/robots.txt");

        var statuses = await GetAllAsync(sut, i => Endpoints[i % Endpoints.Length] + Query($"/page/{id}"));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, pages.Requests($"/page/{id}"));
        Assert.Equal(1, pages.Requests("/robots.txt") - robotsBefore);
        Assert.Equal(1, pages.Requests($"/img/{id}/"));
    }

    [Fact]
    public async Task Get_AfterReuseSeconds_FetchesThePageAndImageAgainButNotRobotsTxt()
    {
        using var sut = CreateSut(("Fetch:ReuseSeconds", "30"));
        var id = PageServerFixture.NewId();
        var robotsBefore = pages.Requests("/robots.txt");
        var page = Query($"/page/{id}");
        (await sut.GetAsync(new Uri("/validate?url=" + page, UriKind.Relative))).Dispose();
        _clock.Now += TimeSpan.FromSeconds(29);
        (await sut.GetAsync(new Uri("/meta?url=" + page, UriKind.Relative))).Dispose();
        Assert.Equal(1, pages.Requests($"/page/{id}"));

        _clock.Now += TimeSpan.FromSeconds(1);
        using var again = await sut.GetAsync(new Uri("/validate?url=" + page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, pages.Requests($"/page/{id}"));
        Assert.Equal(2, pages.Requests($"/img/{id}/"));
        Assert.Equal(1, pages.Requests("/robots.txt") - robotsBefore); // kept a day
    }

    [Fact]
    public async Task Get_ConcurrentCallersOfAFailingPage_ShareOneFailedFetchUntilFailureReuseSecondsPass()
    {
        const int MaxRedirects = 2;
        using var sut = CreateSut(("Fetch:MaxRedirects", MaxRedirects.ToString(CultureInfo.InvariantCulture)), ("Fetch:FailureReuseSeconds", "10"));
        var id = PageServerFixture.NewId();
        var failing = Query($"/redirect/{id}/5"); // more redirects than allowed: a fetch failure, no page

        var statuses = await GetAllAsync(sut, i => Endpoints[i % Endpoints.Length] + failing);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadGateway, s));
        var oneFetch = MaxRedirects + 1; // the page and each redirect followed
        Assert.Equal(oneFetch, pages.Requests($"/redirect/{id}/"));

        _clock.Now += TimeSpan.FromSeconds(10);
        using var retry = await sut.GetAsync(new Uri("/validate?url=" + failing, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadGateway, retry.StatusCode);
        Assert.Equal(2 * oneFetch, pages.Requests($"/redirect/{id}/"));
    }
}

using System.Net;
using CardService.Core.Tests.Fetching.Support;
using CardService.Functions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CardService.Functions.Tests.Limits;

/// <summary>
/// The per-client budget for requests that fetch other sites, through a real Kestrel listener (the client is 127.0.0.1),
/// with a window far longer than any test so that no permit comes back during one.
/// </summary>
public sealed class FetchRateLimiterTests : IAsyncLifetime
{
    private const string PageAddress = "127.0.0.2";
    private LocalServer _pages = null!;

    public async Task InitializeAsync() =>
        _pages = await LocalServer.StartAsync(PageAddress, app => app.MapGet("/post", () => Results.Content(
            "<!doctype html><html><head><title>A post</title></head><body></body></html>", "text/html")));

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    private static KestrelApp StartApp(int permits, params (string Key, string Value)[] more) => KestrelApp.Start([
        ("Fetch:AllowedPrivateNetworks:0", PageAddress + "/32"),
        ("RateLimits:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("RateLimits:WindowSeconds", "3600"),
        .. more]);

    private string Meta => "/meta?url=" + Uri.EscapeDataString(_pages.Url("/post").AbsoluteUri);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Meta_OverTheClientsBudget_Answers429WithRetryAfter()
    {
        await using var app = StartApp(permits: 2);
        using var client = app.CreateClient();

        var first = await StatusAsync(client, Meta);
        var second = await StatusAsync(client, Meta);
        using var third = await client.GetAsync(new Uri(Meta, UriKind.Relative));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], [first, second]);
        var problem = await ProblemAssert.IsProblemAsync(third, HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Contains("2 requests that fetch other sites in 3600 s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
    }

    [Fact]
    public async Task Budget_SharedByMetaValidateAndFetchingCards_NotByPlainCards()
    {
        await using var app = StartApp(permits: 3);
        using var client = app.CreateClient();
        var post = Uri.EscapeDataString(_pages.Url("/post").AbsoluteUri);

        var plain = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => StatusAsync(client, $"/card?title=Plain+{i}")));
        var fetching = new[]
        {
            await StatusAsync(client, "/validate?url=" + post),
            await StatusAsync(client, "/card?url=" + post),
            await StatusAsync(client, Meta),
            await StatusAsync(client, "/card?title=Logo&logo=" + Uri.EscapeDataString(_pages.Url("/post").AbsoluteUri)),
        };

        Assert.All(plain, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fetching[3]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, fetching[..3]);
    }

    [Fact]
    public async Task ForwardedFor_WithoutATrustedProxy_IsIgnored()
    {
        await using var app = StartApp(permits: 1);
        using var client = app.CreateClient();

        var first = await StatusAsync(client, Meta, forwardedFor: "203.0.113.1");
        var second = await StatusAsync(client, Meta, forwardedFor: "203.0.113.2");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, second);
    }

    [Fact]
    public async Task ForwardedFor_FromATrustedProxy_NamesTheClient()
    {
        await using var app = StartApp(permits: 1, ("RateLimits:TrustedProxies:0", "127.0.0.1/32"));
        using var client = app.CreateClient();

        var first = await StatusAsync(client, Meta, forwardedFor: "203.0.113.1");
        var other = await StatusAsync(client, Meta, forwardedFor: "198.51.100.7, 203.0.113.2");
        var again = await StatusAsync(client, Meta, forwardedFor: "203.0.113.1");
        // Only the last hop is the proxy's word: an address the client wrote before it changes nothing.
        var spoofed = await StatusAsync(client, Meta, forwardedFor: "192.0.2.99, 203.0.113.1");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], [first, other]);
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], [again, spoofed]);
    }
}

using System.Net;
using System.Net.Http.Headers;
using CardService.Core.Signing;
using CardService.Functions.Endpoints;
using CardService.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CardService.Functions.Tests.Caching;

/// <summary>
/// A plain card asked for again by the same query string is answered from its remembered ETag, over a real Kestrel socket:
/// the answers must be exactly those of the full path, with signatures still checked, HEAD, templates and eviction.
/// </summary>
public sealed class QueryETagsTests
{
    private const string Key = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private const string Stranger = "//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eA=";

    private static string Tier(HttpResponseMessage response) => response.Headers.GetValues(CardEndpoints.TierHeader).Single();

    private static string Card(string title, string extra = "") => "/card?title=" + Uri.EscapeDataString(title) + extra;

    [Fact]
    public async Task Get_SameQueryAgain_AnswersTheSameCardFromMemory()
    {
        await using var app = KestrelApp.Start();
        using var client = app.CreateClient();
        var url = Card(PageServerFixture.NewId(), "&category=Repeat&theme=dark");

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("rendered", Tier(first));
        Assert.Equal("memory", Tier(second));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Headers.CacheControl, second.Headers.CacheControl);
        Assert.Equal(first.Headers.GetValues(CardEndpoints.MissingGlyphsHeader), second.Headers.GetValues(CardEndpoints.MissingGlyphsHeader));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_SameQueryWithItsETag_Answers304WithTheCacheHeaders()
    {
        await using var app = KestrelApp.Start();
        using var client = app.CreateClient();
        var url = Card(PageServerFixture.NewId());
        using var first = await client.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(CardEndpoints.CacheControl, again.Headers.CacheControl?.ToString());
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_AfterGet_AnswersTheHeadersWithoutTheBody()
    {
        await using var app = KestrelApp.Start();
        using var client = app.CreateClient();
        var url = Card(PageServerFixture.NewId());
        using var get = await client.GetAsync(url);
        var bytes = await get.Content.ReadAsByteArrayAsync();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal("memory", Tier(head));
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Equal("image/png", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_CardEvictedFromMemory_IsDrawnAgainWithTheSameTagAndBytes()
    {
        // Room for one card only: the second evicts the first, whose query string is still remembered.
        await using var app = KestrelApp.Start(("CardCache:MaxBytes", "20000"));
        using var client = app.CreateClient();
        var a = Card(PageServerFixture.NewId());
        var b = Card(PageServerFixture.NewId());
        using var first = await client.GetAsync(a);
        (await client.GetAsync(b)).Dispose();

        using var again = await client.GetAsync(a);
        using var kept = await client.GetAsync(a);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("rendered", Tier(again));
        Assert.Equal("memory", Tier(kept));
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_TemplatesOfOneTitle_EachQueryKeepsItsOwnCard()
    {
        await using var app = KestrelApp.Start();
        using var client = app.CreateClient();
        var title = PageServerFixture.NewId();
        var classic = Card(title, "&template=classic");
        var centered = Card(title, "&template=centered");

        var tags = new List<EntityTagHeaderValue?>();
        foreach (var url in new[] { classic, centered, classic, centered })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            tags.Add(response.Headers.ETag);
        }

        Assert.NotEqual(tags[0], tags[1]);
        Assert.Equal(tags[0], tags[2]);
        Assert.Equal(tags[1], tags[3]);
    }

    [Fact]
    public async Task Get_InvalidQueryTwice_Answers400BothTimes()
    {
        await using var app = KestrelApp.Start();
        using var client = app.CreateClient();
        var url = Card(PageServerFixture.NewId(), "&width=wide");

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        await ProblemAssert.IsProblemAsync(first, HttpStatusCode.BadRequest, "invalid-card");
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.BadRequest, "invalid-card");
    }

    [Fact]
    public async Task Get_RememberedSignedUrlWithItsSignatureChanged_Answers403()
    {
        await using var app = KestrelApp.Start(("Signing:Keys:0", Key), ("Signing:Required", "true"));
        using var client = app.CreateClient();
        var title = PageServerFixture.NewId();
        var signed = Signed(Key, title, expires: null);
        (await client.GetAsync(signed)).Dispose();

        using var again = await client.GetAsync(signed);
        using var forged = await client.GetAsync(Signed(Stranger, title, expires: null));
        using var unsigned = await client.GetAsync(Card(title));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("memory", Tier(again));
        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.Forbidden, "signature-mismatch");
        await ProblemAssert.IsProblemAsync(unsigned, HttpStatusCode.Forbidden, "signature-required");
    }

    [Fact]
    public async Task Get_RememberedSignedUrlPastItsExpiry_Answers403Expired()
    {
        var clock = new SettableClock(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var factory = new CardServiceFactory(new Dictionary<string, string?>
        {
            ["Signing:Keys:0"] = Key,
            ["Signing:Required"] = "true",
        }).WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        using var client = factory.CreateClient();
        var signed = Signed(Key, PageServerFixture.NewId(), clock.Now.AddHours(1));
        using var inTime = await client.GetAsync(signed);
        using var stillInTime = await client.GetAsync(signed);

        clock.Now = clock.Now.AddHours(2);
        using var late = await client.GetAsync(signed);

        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillInTime.StatusCode);
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Forbidden, "signature-expired");
    }

    [Fact]
    public async Task Get_QueryETagsOff_RepeatStillServedFromMemory()
    {
        await using var app = KestrelApp.Start(("CardCache:QueryETags", "0"));
        using var client = app.CreateClient();
        var url = Card(PageServerFixture.NewId());

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.Equal("memory", Tier(second));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    private static string Signed(string key, string title, DateTimeOffset? expires) =>
        new CardUrlSigner(new SigningOptions { Keys = [key] })
            .SignUrl(new Uri("http://cards.example/card"), [new KeyValuePair<string, string?>("title", title)], expires).PathAndQuery;

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

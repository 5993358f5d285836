using System.Text;
using Microsoft.AspNetCore.Builder;
using CardService.Core.Fetching;
using CardService.Core.Tests.Fetching.Support;

namespace CardService.Core.Tests.Fetching;

public class PageFetcherTests(FetchServerFixture fixture) : IClassFixture<FetchServerFixture>
{
    private LocalServer Server => fixture.Server;

    private static PageFetcher CreateSut(Action<FetchOptions>? configure = null)
    {
        var options = new FetchOptions { AllowedPrivateNetworks = [FetchServerFixture.AllowedNetwork] };
        configure?.Invoke(options);
        return new PageFetcher(options, resolveHost: FetchServerFixture.Resolve);
    }

    private static FetchedResponse AssertFetched(FetchResult result)
    {
        Assert.True(result.IsSuccess, result.Failure?.Detail);
        return result.Response;
    }

    private static FetchFailure AssertFailed(FetchResult result, FetchFailureKind kind)
    {
        Assert.False(result.IsSuccess, "expected a failure");
        Assert.True(result.Failure.Kind == kind, $"expected {kind}, got {result.Failure.Kind}: {result.Failure.Detail}");
        return result.Failure;
    }

    [Fact]
    public async Task FetchPageAsync_AllowedLocalPage_ReturnsBodyHeadersAndAddress()
    {
        using var sut = CreateSut();

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url("/page"), CrawlerAgent.Default, default));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith(FetchServerFixture.Html, Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal("noarchive", response.XRobotsTag);
        Assert.Equal("noarchive", response.Headers["x-robots-tag"]);
        Assert.Equal("127.0.0.2", response.RemoteAddress?.ToString());
        Assert.False(response.Truncated);
        Assert.Empty(response.Redirects);
    }

    [Fact]
    public async Task FetchPageAsync_TwoFetches_OpenAConnectionEach()
    {
        using var sut = CreateSut();

        await sut.FetchPageAsync(Server.Url("/page"), CrawlerAgent.Default, default);
        var second = AssertFetched(await sut.FetchPageAsync(Server.Url("/page"), CrawlerAgent.Default, default));

        // No pooling: every request's connection passed the connect-time check, and RemoteAddress is its own.
        Assert.Equal(2, sut.SocketConnectAttempts);
        Assert.Equal("127.0.0.2", second.RemoteAddress?.ToString());
    }

    [Theory]
    [InlineData(CrawlerAgent.Default, CrawlerUserAgents.Default)]
    [InlineData(CrawlerAgent.Facebook, CrawlerUserAgents.Facebook)]
    [InlineData(CrawlerAgent.Twitter, CrawlerUserAgents.Twitter)]
    [InlineData(CrawlerAgent.LinkedIn, CrawlerUserAgents.LinkedIn)]
    [InlineData(CrawlerAgent.Slack, CrawlerUserAgents.Slack)]
    [InlineData(CrawlerAgent.Discord, CrawlerUserAgents.Discord)]
    public async Task FetchPageAsync_Agent_SendsItsUserAgent(CrawlerAgent agent, string userAgent)
    {
        using var sut = CreateSut();

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url("/page"), agent, default));

        Assert.Contains($"ua: {userAgent} -->", Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPageAsync_ConfiguredUserAgent_IsSentForDefault()
    {
        using var sut = CreateSut(o => o.UserAgent = "MyBot/2.0");

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url("/page"), CrawlerAgent.Default, default));

        Assert.Contains("ua: MyBot/2.0 -->", Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task FetchPageAsync_ErrorStatus_IsAResponseNotAFailure(int status)
    {
        using var sut = CreateSut();

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url($"/status/{status}"), CrawlerAgent.Default, default));

        Assert.Equal(status, response.StatusCode);
        Assert.False(response.IsSuccessStatus);
        Assert.Contains($"<title>{status}</title>", Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task FetchPageAsync_RedirectChainOfFive_FollowsEveryHop(int code)
    {
        using var sut = CreateSut();

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url($"/redirect/{code}/5"), CrawlerAgent.Default, default));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Server.Url($"/redirect/{code}/0"), response.FinalUrl);
        Assert.Equal(5, response.Redirects.Length);
        Assert.All(response.Redirects, h => Assert.Equal(code, h.StatusCode));
        Assert.Equal(Server.Url($"/redirect/{code}/4"), response.Redirects[0].To);
    }

    [Fact]
    public async Task FetchPageAsync_SixRedirects_IsTooManyRedirects()
    {
        using var sut = CreateSut();

        AssertFailed(await sut.FetchPageAsync(Server.Url("/redirect/302/6"), CrawlerAgent.Default, default), FetchFailureKind.TooManyRedirects);
    }

    [Fact]
    public async Task FetchPageAsync_MaxRedirectsZero_RefusesFirstRedirect()
    {
        using var sut = CreateSut(o => o.MaxRedirects = 0);

        AssertFailed(await sut.FetchPageAsync(Server.Url("/redirect/301/1"), CrawlerAgent.Default, default), FetchFailureKind.TooManyRedirects);
    }

    [Fact]
    public async Task FetchPageAsync_RedirectLoop_IsDetectedBeforeTheHopLimit()
    {
        using var sut = CreateSut(o => o.MaxRedirects = 20);

        var failure = AssertFailed(await sut.FetchPageAsync(Server.Url("/loop/a"), CrawlerAgent.Default, default), FetchFailureKind.TooManyRedirects);

        Assert.Contains("loop", failure.Detail, StringComparison.Ordinal);
        Assert.True(Server.CountRequests("/loop/b") >= 1);
    }

    [Theory]
    [InlineData("http://127.0.0.3:{forbidden}/")]
    [InlineData("http://127.0.0.1:{loopback}/")]
    [InlineData("http://[::1]:{loopback6}/")]
    [InlineData("http://rebind.test:{loopback}/")]
    [InlineData("http://localhost:{loopback}/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://metadata.test/")]
    [InlineData("file:///etc/passwd")]
    public async Task FetchPageAsync_RedirectToBlockedTarget_IsRefusedWithoutConnecting(string target)
    {
        using var sut = CreateSut();
        var url = Server.Url("/to?url=" + Uri.EscapeDataString(Fill(target)));

        var result = await sut.FetchPageAsync(url, CrawlerAgent.Default, default);

        Assert.False(result.IsSuccess);
        Assert.Contains(result.Failure.Kind, new[] { FetchFailureKind.BlockedAddress, FetchFailureKind.InvalidUrl });
        Assert.Equal(1, sut.SocketConnectAttempts); // the allowed first hop only
        Assert.Equal(0, fixture.TotalForbiddenAccepts);
    }

    [Theory]
    [InlineData("http://0x7f.1:{loopback}/")]
    [InlineData("http://2130706433:{loopback}/")]
    [InlineData("//127.1:{loopback}/")]
    public async Task FetchPageAsync_RedirectToNumericHostNotDottedDecimal_IsAnInvalidUrl(string target)
    {
        using var sut = CreateSut();
        var url = Server.Url("/to?url=" + Uri.EscapeDataString(Fill(target)));

        var result = await sut.FetchPageAsync(url, CrawlerAgent.Default, default);

        Assert.False(result.IsSuccess);
        Assert.Equal(FetchFailureKind.InvalidUrl, result.Failure.Kind);
        Assert.Contains("four decimal numbers", result.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal(1, sut.SocketConnectAttempts);
    }

    [Fact]
    public async Task FetchPageAsync_HugeBody_StopsAtCapAndMarksTruncated()
    {
        using var sut = CreateSut();

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url("/huge"), CrawlerAgent.Default, default));

        Assert.True(response.Truncated);
        Assert.Equal(2 * 1024 * 1024, response.Body.Length);
    }

    [Fact]
    public async Task FetchPageAsync_EndlessBody_StopsAtCap()
    {
        using var sut = CreateSut(o => o.MaxBodyBytes = o.MaxDecompressedBytes = 64 * 1024);

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url("/endless"), CrawlerAgent.Default, default));

        Assert.True(response.Truncated);
        Assert.Equal(64 * 1024, response.Body.Length);
    }

    [Theory]
    [InlineData("/slow")]
    [InlineData("/slow-headers")]
    public async Task FetchPageAsync_SlowServer_IsTimeout(string path)
    {
        using var sut = CreateSut(o => (o.TimeoutSeconds, o.ConnectTimeoutSeconds) = (1, 1));

        AssertFailed(await sut.FetchPageAsync(Server.Url(path), CrawlerAgent.Default, default), FetchFailureKind.Timeout);
    }

    [Fact]
    public async Task FetchPageAsync_CallerCancels_Throws()
    {
        using var sut = CreateSut();
        using var cts = new CancellationTokenSource();
        var fetch = sut.FetchPageAsync(Server.Url("/slow-headers"), CrawlerAgent.Default, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("raw-deflate")]
    [InlineData("br")]
    public async Task FetchPageAsync_CompressedPage_IsDecoded(string encoding)
    {
        using var sut = CreateSut();

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url($"/encoded/{encoding}"), CrawlerAgent.Default, default));

        Assert.Equal(FetchServerFixture.Html, Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal(encoding == "raw-deflate" ? "deflate" : encoding, response.ContentEncoding);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task FetchPageAsync_CompressionBomb_StopsAtDecompressedCap(string encoding)
    {
        using var sut = CreateSut(o => o.MaxDecompressedBytes = 1024 * 1024);

        var response = AssertFetched(await sut.FetchPageAsync(Server.Url($"/bomb/{encoding}"), CrawlerAgent.Default, default));

        Assert.True(response.Truncated);
        Assert.Equal(1024 * 1024, response.Body.Length);
    }

    [Fact]
    public async Task FetchPageAsync_NameResolvingToAllowedAddress_IsFetched()
    {
        using var sut = CreateSut();

        var response = AssertFetched(await sut.FetchPageAsync(new Uri($"http://ok.test:{Server.BaseUri.Port}/page"), CrawlerAgent.Default, default));

        Assert.Equal("127.0.0.2", response.RemoteAddress?.ToString());
    }

    [Theory]
    [InlineData("rebind.test")]
    [InlineData("mixed.test")]
    [InlineData("metadata.test")]
    public async Task FetchPageAsync_NameResolvingToBlockedAddress_IsRefusedAtConnectTime(string host)
    {
        using var sut = CreateSut();

        var failure = AssertFailed(await sut.FetchPageAsync(new Uri($"http://{host}:{fixture.Loopback.Port}/"), CrawlerAgent.Default, default), FetchFailureKind.BlockedAddress);

        Assert.Contains(host, failure.Detail, StringComparison.Ordinal);
        Assert.Equal(0, sut.SocketConnectAttempts);
        Assert.Equal(0, fixture.TotalForbiddenAccepts);
    }

    [Fact]
    public async Task FetchPageAsync_UnknownName_IsDns()
    {
        using var sut = CreateSut();

        AssertFailed(await sut.FetchPageAsync(new Uri("http://no-such-host.test/"), CrawlerAgent.Default, default), FetchFailureKind.Dns);
    }

    [Fact]
    public async Task FetchPageAsync_NothingListening_IsConnect()
    {
        using var sut = CreateSut();
        int port;
        using (var probe = new AcceptCounter(System.Net.IPAddress.Parse("127.0.0.2")))
        {
            port = probe.Port;
        }

        AssertFailed(await sut.FetchPageAsync(new Uri($"http://127.0.0.2:{port}/"), CrawlerAgent.Default, default), FetchFailureKind.Connect);
    }

    [Fact]
    public async Task FetchPageAsync_UntrustedCertificate_IsTls()
    {
        using var certificate = SelfSignedCertificate.Create("127.0.0.2");
        await using var https = await LocalServer.StartAsync("127.0.0.2", app => app.MapGet("/", () => "hi"), certificate);
        using var sut = CreateSut();

        AssertFailed(await sut.FetchPageAsync(https.BaseUri, CrawlerAgent.Default, default), FetchFailureKind.Tls);
    }

    [Theory]
    [InlineData("png", 1200, 630)]
    [InlineData("jpeg", 800, 418)]
    [InlineData("gif", 400, 400)]
    [InlineData("webp", 600, 315)]
    [InlineData("bmp", 64, 32)]
    public async Task ProbeImageAsync_EachFormat_ReadsSizeWithRangeRequest(string name, int width, int height)
    {
        using var sut = CreateSut();

        var result = await sut.ProbeImageAsync(Server.Url($"/image/{name}"), default);

        Assert.True(result.IsSuccess, result.Failure?.Detail);
        var probe = result.Probe;
        Assert.Equal((name, width, height), (probe.Format, probe.Width, probe.Height));
        Assert.Equal(fixture.Images[name].Bytes.Length, probe.Bytes);
        Assert.Equal(fixture.Images[name].ContentType, probe.ContentType);
        Assert.Contains(Server.Requests, r => r.Path == $"/image/{name}" && r.Headers.GetValueOrDefault("Range", "").StartsWith("bytes=0-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProbeImageAsync_ServerIgnoresRange_ReadsOnlyAPrefix()
    {
        using var sut = CreateSut();

        var result = await sut.ProbeImageAsync(Server.Url("/image-norange/big"), default);

        Assert.True(result.IsSuccess, result.Failure?.Detail);
        Assert.Equal(200, result.Probe.StatusCode);
        Assert.Equal((40, 20), (result.Probe.Width, result.Probe.Height));
        Assert.Equal(fixture.Images["big"].Bytes.Length, result.Probe.Bytes);
        Assert.True(result.Probe.BytesRead < 300 * 1024, $"read {result.Probe.BytesRead} bytes");
    }

    [Fact]
    public async Task ProbeImageAsync_Svg_HasFormatWithoutSize()
    {
        using var sut = CreateSut();

        var result = await sut.ProbeImageAsync(Server.Url("/image/svg"), default);

        Assert.True(result.IsSuccess, result.Failure?.Detail);
        Assert.Equal((ImageFormats.Svg, null, null), (result.Probe.Format, result.Probe.Width, result.Probe.Height));
    }

    [Fact]
    public async Task ProbeImageAsync_MissingImage_CarriesStatus()
    {
        using var sut = CreateSut();

        var result = await sut.ProbeImageAsync(Server.Url("/status/404"), default);

        Assert.True(result.IsSuccess, result.Failure?.Detail);
        Assert.Equal(404, result.Probe.StatusCode);
        Assert.Null(result.Probe.Format);
    }

    [Fact]
    public async Task ProbeImageAsync_RedirectToBlockedAddress_IsRefused()
    {
        using var sut = CreateSut();

        var result = await sut.ProbeImageAsync(Server.Url("/to?url=" + Uri.EscapeDataString($"http://127.0.0.1:{fixture.Loopback.Port}/a.png")), default);

        Assert.Equal(FetchFailureKind.BlockedAddress, result.Failure?.Kind);
        Assert.Equal(0, fixture.TotalForbiddenAccepts);
    }

    [Fact]
    public async Task FetchImageAsync_Png_ReturnsWholeImage()
    {
        using var sut = CreateSut();

        var result = await sut.FetchImageAsync(Server.Url("/image/png"), default);

        Assert.True(result.IsSuccess, result.Failure?.Detail);
        Assert.Equal(fixture.Images["png"].Bytes, result.Image.Bytes.ToArray());
        Assert.Equal((ImageFormats.Png, 1200, 630), (result.Image.Format, result.Image.Width, result.Image.Height));
    }

    [Fact]
    public async Task FetchImageAsync_OverByteCap_IsTooLarge()
    {
        using var sut = CreateSut(o => o.MaxImageBytes = 1024 * 1024);

        var result = await sut.FetchImageAsync(Server.Url("/image/big"), default);

        Assert.Equal(FetchFailureKind.TooLarge, result.Failure?.Kind);
    }

    [Fact]
    public async Task FetchImageAsync_PixelBomb_IsTooLarge()
    {
        using var sut = CreateSut();

        var result = await sut.FetchImageAsync(Server.Url("/image/bomb"), default);

        Assert.Equal(FetchFailureKind.TooLarge, result.Failure?.Kind);
        Assert.Contains("50000×50000", result.Failure?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchImageAsync_NotFound_IsHttpStatusWithCode()
    {
        using var sut = CreateSut();

        var result = await sut.FetchImageAsync(Server.Url("/status/404"), default);

        Assert.Equal((FetchFailureKind.HttpStatus, 404), (result.Failure?.Kind, result.Failure?.StatusCode));
    }

    [Theory]
    [InlineData(CrawlerAgent.Twitter, "/page", false)]
    [InlineData(CrawlerAgent.Twitter, "/private", true)]
    [InlineData(CrawlerAgent.Facebook, "/page", true)]
    [InlineData(CrawlerAgent.Facebook, "/private/x", false)]
    [InlineData(CrawlerAgent.Slack, "/private", false)]
    [InlineData(CrawlerAgent.Default, "/page", true)]
    public async Task CheckRobotsAsync_PerAgent_AppliesItsGroup(CrawlerAgent agent, string path, bool allowed)
    {
        using var sut = CreateSut();

        var check = await sut.CheckRobotsAsync(Server.Url(path), agent, default);

        Assert.Equal(allowed, check.Allowed);
        Assert.Equal(allowed, await sut.IsAllowedByRobotsAsync(Server.Url(path), agent, default));
        Assert.Equal(Server.Url("/robots.txt"), check.RobotsUrl);
    }

    [Fact]
    public async Task CheckRobotsAsync_SameOrigin_FetchesRobotsOnce()
    {
        using var sut = CreateSut();
        var before = Server.CountRequests("/robots.txt");

        await sut.CheckRobotsAsync(Server.Url("/a"), CrawlerAgent.Discord, default);
        await sut.CheckRobotsAsync(Server.Url("/b"), CrawlerAgent.Discord, default);
        var check = await sut.CheckRobotsAsync(Server.Url("/private/c"), CrawlerAgent.Discord, default);

        Assert.Equal(1, Server.CountRequests("/robots.txt") - before);
        Assert.Equal(new RobotsRule(false, "/private"), check.MatchedRule);
    }

    [Fact]
    public async Task CheckRobotsAsync_RobotsAnswers503_DisallowsEverything()
    {
        using var sut = CreateSut();

        var check = await sut.CheckRobotsAsync(fixture.BrokenRobotsServer.Url("/page"), CrawlerAgent.Twitter, default);

        Assert.False(check.Allowed);
        Assert.Contains("503", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckRobotsAsync_NoRobotsFile_AllowsEverything()
    {
        await using var bare = await LocalServer.StartAsync("127.0.0.2", app => app.MapGet("/", () => "hi"));
        using var sut = CreateSut();

        var check = await sut.CheckRobotsAsync(bare.Url("/anything"), CrawlerAgent.Twitter, default);

        Assert.True(check.Allowed);
        Assert.Contains("404", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckRobotsAsync_BlockedHost_DisallowsWithoutConnecting()
    {
        using var sut = CreateSut();

        var check = await sut.CheckRobotsAsync(new Uri($"http://127.0.0.1:{fixture.Loopback.Port}/"), CrawlerAgent.Twitter, default);

        Assert.False(check.Allowed);
        Assert.Equal(0, sut.SocketConnectAttempts);
    }

    private string Fill(string template) => template
        .Replace("{forbidden}", fixture.Forbidden.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{loopback}", fixture.Loopback.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{loopback6}", fixture.LoopbackV6.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

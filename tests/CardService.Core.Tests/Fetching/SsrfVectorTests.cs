using System.Globalization;
using CardService.Core.Fetching;
using CardService.Core.Tests.Fetching.Support;

namespace CardService.Core.Tests.Fetching;

/// <summary>
/// URLs an attacker would try. Each must be refused before any socket opens: the fetcher counts its
/// connect attempts, and listeners on 127.0.0.1, ::1 and 127.0.0.3 count what reaches them.
/// </summary>
public class SsrfVectorTests(FetchServerFixture fixture) : IClassFixture<FetchServerFixture>
{
    public static TheoryData<string> Vectors() =>
    [
        "http://127.0.0.1:{p}/",
        "https://127.0.0.1:{p}/",
        "http://2130706433:{p}/",
        "http://0x7f000001:{p}/",
        "http://0177.0.0.1:{p}/",
        "http://017700000001:{p}/",
        "http://127.1:{p}/",
        "http://0x7f.1:{p}/",
        "http://127.000.000.001:{p}/",
        "http://127.0.0.1.:{p}/",
        "http://localhost:{p}/",
        "http://LOCALHOST:{p}/",
        "http://localhost.:{p}/",
        "http://foo.localhost:{p}/",
        "http://\uFF2C\uFF2F\uFF23\uFF21\uFF2C\uFF28\uFF2F\uFF33\uFF34:{p}/", // full-width LOCALHOST
        "http://\u2460\u2461\u2466.0.0.1:{p}/", // circled digits, IDNA-mapped to 127.0.0.1
        "http://[::1]:{p6}/",
        "http://[0:0:0:0:0:0:0:1]:{p6}/",
        "http://[::ffff:127.0.0.1]:{p}/",
        "http://[::ffff:7f00:1]:{p}/",
        "http://[::127.0.0.1]:{p}/",
        "http://[64:ff9b::7f00:1]:{p}/",
        "http://[2002:7f00:1::1]:{p}/",
        "http://0.0.0.0:{p}/",
        "http://0:{p}/",
        "http://[::]:{p6}/",
        "http://127.0.0.3:{p3}/",
        "http://evil@127.0.0.1:{p}/",
        "http://evil:secret@127.0.0.2:{p}/",
        "gopher://127.0.0.1:{p}/_INFO",
        "ftp://127.0.0.1:{p}/",
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://metadata/",
        "http://intranet/",
        "http://printer.local/",
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://172.31.255.254/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://198.18.0.1/",
        "http://192.0.2.1/",
        "http://192.0.0.170/",
        "http://240.0.0.1/",
        "http://224.0.0.1/",
        "http://255.255.255.255/",
        "http://[fe80::1]/",
        "http://[fe80::1%25eth0]/",
        "http://[fc00::1]/",
        "http://[fec0::1]/",
        "http://[ff02::1]/",
        "http://[2001:db8::1]/",
        "http://1.2.3.4.5/",
        "http://4294967297/",
    ];

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task FetchPageAsync_SsrfVector_IsRefusedWithoutConnecting(string template)
    {
        using var sut = new PageFetcher(
            new FetchOptions { AllowedPrivateNetworks = [FetchServerFixture.AllowedNetwork] },
            resolveHost: FetchServerFixture.Resolve);
        var url = new Uri(Fill(template));

        var result = await sut.FetchPageAsync(url, CrawlerAgent.Default, default);

        Assert.False(result.IsSuccess, $"{url} was fetched");
        Assert.True(
            result.Failure.Kind is FetchFailureKind.BlockedAddress or FetchFailureKind.InvalidUrl,
            $"{url}: {result.Failure.Kind} {result.Failure.Detail}");
        Assert.Equal(0, sut.SocketConnectAttempts);
        Assert.Equal(0, fixture.TotalForbiddenAccepts);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task ProbeImageAsync_SsrfVector_IsRefusedWithoutConnecting(string template)
    {
        using var sut = new PageFetcher(
            new FetchOptions { AllowedPrivateNetworks = [FetchServerFixture.AllowedNetwork] },
            resolveHost: FetchServerFixture.Resolve);

        var result = await sut.ProbeImageAsync(new Uri(Fill(template)), default);

        Assert.True(result.Failure?.Kind is FetchFailureKind.BlockedAddress or FetchFailureKind.InvalidUrl, result.Failure?.Detail);
        Assert.Equal(0, sut.SocketConnectAttempts);
    }

    private string Fill(string template) => template
        .Replace("{p}", fixture.Loopback.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{p6}", fixture.LoopbackV6.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{p3}", fixture.Forbidden.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

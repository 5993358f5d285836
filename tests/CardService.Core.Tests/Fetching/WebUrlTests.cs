using CardService.Core.Fetching;

namespace CardService.Core.Tests.Fetching;

/// <summary>Hosts that <see cref="Uri"/> parses but IDNA refuses: each must be rejected by a return value, never an exception.</summary>
public class WebUrlTests
{
    public static TheoryData<string> RejectedHosts() =>
    [
        "http://exa\uFFFDmple.com/",
        "https://a\u200Db.example/x",
        "http://\u2488.example/",
        "https://exa\uFFFDmple.com:8443/path?q=1#f",
    ];

    [Theory]
    [MemberData(nameof(RejectedHosts))]
    public void TryParse_HostIdnaRejects_ReturnsFalse(string value)
    {
        var accepted = WebUrl.TryParse(value, out var url);

        Assert.False(accepted);
        Assert.Null(url);
    }

    [Theory]
    [MemberData(nameof(RejectedHosts))]
    public void Problem_HostIdnaRejects_SaysTheHostIsNotADomainName(string value)
    {
        var sut = WebUrl.Problem(value);

        Assert.NotNull(sut);
        Assert.Contains("not a valid domain name", sut, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RejectedHosts))]
    public void TryResolve_ProtocolRelativeRejectedHost_ReturnsFalse(string value)
    {
        var relative = value[value.IndexOf("//", StringComparison.Ordinal)..];

        Assert.False(WebUrl.TryResolve(new Uri("https://blog.example/post"), relative, out _));
    }

    [Theory]
    [InlineData("https://blog.example/post", "blog.example")]
    [InlineData("http://bücher.example/", "xn--bcher-kva.example")]
    [InlineData("http://[::1]:8080/", "::1")]
    [InlineData(" http://127.0.0.1/ ", "127.0.0.1")]
    public void TryParse_UsableUrl_GivesTheDnsHost(string value, string host)
    {
        Assert.True(WebUrl.TryParse(value, out var url));
        Assert.Equal(host, WebUrl.DnsHost(url));
        Assert.Null(WebUrl.Problem(value));
    }

    [Theory]
    [InlineData("", "is not an absolute URL")]
    [InlineData("/relative/path", "is not an absolute URL")]
    [InlineData("ftp://files.example/x", "uses the ftp: scheme")]
    [InlineData("javascript:alert(1)", "uses the javascript: scheme")]
    public void Problem_NotAnHttpUrl_SaysWhy(string value, string expected)
    {
        Assert.Contains(expected, WebUrl.Problem(value), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HostIdnaRejects_IsAnInvalidUrlFailureNotAnException()
    {
        var failure = UrlGuard.Check(new Uri("http://exa\uFFFDmple.com/"), AddressPolicy.PublicOnly);

        Assert.NotNull(failure);
        Assert.Equal(FetchFailureKind.InvalidUrl, failure.Kind);
        Assert.Contains("not a valid domain name", failure.Detail, StringComparison.Ordinal);
    }
}

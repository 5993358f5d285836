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
    [MemberData(nameof(LooseNumericHosts))]
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

    /// <summary>Numeric hosts other than a.b.c.d: .NET reads "1.2.3" as 1.2.0.3 and "0x7f.1" as 127.0.0.1.</summary>
    public static TheoryData<string> LooseNumericHosts() =>
    [
        "http://1.2.3/",
        "http://0x7f.1/",
        "http://017700000001/",
        "http://2130706433/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "http://127.000.000.001/",
        "https://0x7F000001:8443/x",
        "http://user@10.1/",
        "http://1.2.3.4.5/",
        "http://example.123/",
        "http://%31.2.3/",
    ];

    [Theory]
    [MemberData(nameof(LooseNumericHosts))]
    public void TryParse_LooseNumericHost_ReturnsFalse(string value)
    {
        var accepted = WebUrl.TryParse(value, out var url);

        Assert.False(accepted, $"{value} was accepted as {url}");
    }

    [Fact]
    public void Problem_LooseNumericHost_NamesTheHostAsWritten()
    {
        var sut = WebUrl.Problem("http://1.2.3/");

        Assert.NotNull(sut);
        Assert.Contains("has host '1.2.3'", sut, StringComparison.Ordinal);
        Assert.Contains("four decimal numbers", sut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://1.2.3.4/", "1.2.3.4")]
    [InlineData("http://255.255.255.255:81/x", "255.255.255.255")]
    [InlineData("http://0.0.0.0/", "0.0.0.0")]
    [InlineData("http://user@93.184.216.34/", "93.184.216.34")]
    [InlineData("http://1.2.3.4./", "1.2.3.4")]
    [InlineData("http://v1.2.example/", "v1.2.example")]
    [InlineData("http://123.example/", "123.example")]
    [InlineData("http://0x7f.example/", "0x7f.example")]
    public void TryParse_DottedDecimalOrName_IsAccepted(string value, string host)
    {
        Assert.True(WebUrl.TryParse(value, out var url), value);
        Assert.Equal(host, WebUrl.DnsHost(url)!.TrimEnd('.'));
    }

    [Theory]
    [InlineData("/next")]
    [InlineData("?page=2")]
    [InlineData("//1.2.3.4/x")]
    public void TryResolve_AgainstDottedDecimalBase_IsAccepted(string value)
    {
        Assert.True(WebUrl.TryResolve(new Uri("http://1.2.3.4/post"), value, out _));
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

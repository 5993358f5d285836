using CardService.Core.Fetching;

namespace CardService.Core.Tests.Fetching;

public class FetchOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors()
    {
        var sut = new FetchOptions();

        Assert.Empty(sut.Validate());
        Assert.Empty(sut.AllowedPrivateNetworks);
        Assert.Equal(CrawlerUserAgents.Default, sut.UserAgent);
    }

    [Fact]
    public void Validate_BadCidrAndBadLimits_ReportsEveryError()
    {
        var sut = new FetchOptions { AllowedPrivateNetworks = ["127.0.0.2/32", "localhost", "10.0.0.1/8"], TimeoutSeconds = 1000, MaxRedirects = -1 };

        var errors = sut.Validate();

        Assert.Equal(4, errors.Length);
        Assert.Contains(errors, e => e.Contains("'localhost'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'10.0.0.1/8'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ReuseTimesOutOfRange_NamesEachSetting()
    {
        var sut = new FetchOptions { ReuseSeconds = -1, FailureReuseSeconds = 601, MaxReusedBytes = -1 };

        var errors = sut.Validate();

        Assert.Equal(3, errors.Length);
        Assert.Contains(errors, e => e.Contains(nameof(FetchOptions.ReuseSeconds), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(FetchOptions.FailureReuseSeconds), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains(nameof(FetchOptions.MaxReusedBytes), StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsListingErrors()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PageFetcher(new FetchOptions { AllowedPrivateNetworks = ["bogus"] }));

        Assert.Contains("bogus", ex.Message, StringComparison.Ordinal);
    }
}

using CardService.Core.Cards.FromPage;

namespace CardService.Core.Tests.Cards.FromPage;

public class TitleCleanerTests
{
    [Theory]
    [InlineData("Opensea goes zero-fee!! | Sharc", "Sharc", "localhost", "Opensea goes zero-fee!!")]
    [InlineData("DeFi - The future of Finance | Sharc", "Sharc", "localhost", "DeFi - The future of Finance")]
    [InlineData("Michael Lamb - Pi Cluster Update", "Michael Lamb", "blog.michaellamb.dev", "Pi Cluster Update")]
    [InlineData("Pi Cluster Update – Michael Lamb", null, "blog.michaellamb.dev", "Pi Cluster Update")]
    [InlineData("Shipping faster — Example", null, "www.example.com", "Shipping faster")]
    [InlineData("Beyond Time | tijsboussier.eu", null, "tijsboussier.eu", "Beyond Time")]
    public void StripSiteName_SiteNameAsPrefixOrSuffix_LeavesThePostTitle(string title, string? site, string host, string expected) =>
        Assert.Equal(expected, TitleCleaner.StripSiteName(title, site, host));

    [Theory]
    [InlineData("Web3 Gaming: The future of Gaming!", "Sharc")]
    [InlineData("Error handling - a practical guide", "Go Blog")]
    [InlineData("Sharc", "Sharc")]
    [InlineData("  Plain title  ", null)]
    public void StripSiteName_NoSiteNameInTitle_KeepsItTrimmed(string title, string? site) =>
        Assert.Equal(title.Trim(), TitleCleaner.StripSiteName(title, site, "blog.example.dev"));
}

using CardService.Core.Fetching;

namespace CardService.Core.Tests.Fetching;

public class RobotsTxtTests
{
    private const string Sample = """
        # comment
        Disallow: /ignored-before-any-group
        User-agent: Twitterbot
        Disallow: /private
        Allow: /private/ok

        User-agent: facebookexternalhit/1.1
        User-agent: LinkedInBot
        Disallow: /social

        user-agent: *
        disallow: /admin
        allow: /admin/public$
        Disallow: /*.pdf$
        Disallow: /search*q=
        Sitemap: https://example.com/sitemap.xml

        User-agent: *
        Disallow: /merged
        """;

    private static (bool Allowed, RobotsRule? Rule) Decide(string token, string path) =>
        RobotsTxt.Parse(Sample).Decide([token], path);

    [Theory]
    [InlineData("Twitterbot", "/private/x", false)]
    [InlineData("twitterbot", "/private/ok/page", true)]
    [InlineData("Twitterbot", "/admin", true)] // its own group replaces *
    [InlineData("facebookexternalhit", "/social/1", false)]
    [InlineData("LinkedInBot", "/social", false)]
    [InlineData("LinkedInBot", "/admin", true)]
    [InlineData("Discordbot", "/admin/x", false)]
    [InlineData("Discordbot", "/admin/public", true)]
    [InlineData("Discordbot", "/admin/public/more", false)]
    [InlineData("Discordbot", "/files/a.pdf", false)]
    [InlineData("Discordbot", "/files/a.pdf?x=1", true)]
    [InlineData("Discordbot", "/search?page=2&q=cats", false)]
    [InlineData("Discordbot", "/search?page=2", true)]
    [InlineData("Discordbot", "/merged/page", false)]
    [InlineData("Discordbot", "/ignored-before-any-group", true)]
    [InlineData("Discordbot", "/robots.txt", true)]
    public void Decide_SampleFile_MatchesRfc9309(string token, string path, bool allowed)
    {
        Assert.Equal(allowed, Decide(token, path).Allowed);
    }

    [Fact]
    public void Decide_LongestMatchWins_ReturnsDecidingRule()
    {
        var (allowed, rule) = Decide("Twitterbot", "/private/ok");

        Assert.True(allowed);
        Assert.Equal(new RobotsRule(true, "/private/ok"), rule);
    }

    [Fact]
    public void Decide_EqualLengthAllowAndDisallow_AllowWins()
    {
        var sut = RobotsTxt.Parse("User-agent: *\nDisallow: /page\nAllow: /page\n");

        Assert.True(sut.Decide(["x"], "/page").Allowed);
    }

    [Fact]
    public void Decide_EmptyDisallow_AllowsEverything()
    {
        var sut = RobotsTxt.Parse("User-agent: *\nDisallow:\n");

        Assert.Equal((true, null), sut.Decide(["x"], "/anything"));
    }

    [Fact]
    public void Decide_FirstTokenWithGroupWins_OverLaterTokens()
    {
        var sut = RobotsTxt.Parse("User-agent: Slackbot\nDisallow: /\n\nUser-agent: Slackbot-LinkExpanding\nAllow: /\n");

        Assert.True(sut.Decide(["Slackbot-LinkExpanding", "Slackbot"], "/x").Allowed);
        Assert.False(sut.Decide(["Slackbot"], "/x").Allowed);
    }

    [Fact]
    public void Decide_NonAsciiPattern_MatchesPercentEncodedPath()
    {
        var sut = RobotsTxt.Parse("User-agent: *\nDisallow: /café\n");

        Assert.False(sut.Decide(["x"], "/caf%c3%a9/menu").Allowed);
    }

    [Fact]
    public void Decide_CrLfAndNoGroups_AllowsEverything()
    {
        var sut = RobotsTxt.Parse("Disallow: /\r\nSitemap: x\r\n");

        Assert.True(sut.Decide(["x"], "/").Allowed);
    }

    [Theory]
    [InlineData("/a*b$", "/a-x-b", true)]
    [InlineData("/a*b$", "/a-x-bc", false)]
    [InlineData("/a*b$", "/ab", true)]
    [InlineData("*", "/anything", true)]
    [InlineData("/$", "/", true)]
    [InlineData("/$", "/x", false)]
    [InlineData("/x*", "/x", true)]
    public void Matches_Wildcards_FollowRfc9309(string pattern, string path, bool matches)
    {
        Assert.Equal(matches, RobotsTxt.Matches(pattern, path));
    }
}

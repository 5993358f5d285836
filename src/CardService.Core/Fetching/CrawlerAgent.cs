using System.Collections.Immutable;

namespace CardService.Core.Fetching;

/// <summary>Whom a fetch pretends to be: the service itself or one platform's link-preview crawler.</summary>
public enum CrawlerAgent
{
    Default,
    Facebook,
    Twitter,
    LinkedIn,
    Slack,
    Discord,
}

/// <summary>The platforms' real crawler user agents and the robots.txt product tokens they obey.</summary>
public static class CrawlerUserAgents
{
    public const string Default = "CardService/1.0 (+https://cardservice.dev/bot)";
    public const string Facebook = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)";
    public const string Twitter = "Twitterbot/1.0";
    public const string LinkedIn = "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +https://www.linkedin.com)";
    public const string Slack = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
    public const string Discord = "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)";

    /// <summary>The User-Agent header for <paramref name="agent"/>; <see cref="CrawlerAgent.Default"/> uses <paramref name="defaultUserAgent"/>.</summary>
    public static string For(CrawlerAgent agent, string defaultUserAgent) => agent switch
    {
        CrawlerAgent.Default => defaultUserAgent,
        CrawlerAgent.Facebook => Facebook,
        CrawlerAgent.Twitter => Twitter,
        CrawlerAgent.LinkedIn => LinkedIn,
        CrawlerAgent.Slack => Slack,
        CrawlerAgent.Discord => Discord,
        _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, "unknown crawler agent"),
    };

    /// <summary>
    /// robots.txt product tokens, most specific first: the first token with a matching group wins,
    /// then the <c>*</c> group applies.
    /// </summary>
    public static ImmutableArray<string> RobotsTokens(CrawlerAgent agent) => agent switch
    {
        CrawlerAgent.Default => ["CardService"],
        CrawlerAgent.Facebook => ["facebookexternalhit"],
        CrawlerAgent.Twitter => ["Twitterbot"],
        CrawlerAgent.LinkedIn => ["LinkedInBot"],
        CrawlerAgent.Slack => ["Slackbot-LinkExpanding", "Slackbot"],
        CrawlerAgent.Discord => ["Discordbot"],
        _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, "unknown crawler agent"),
    };
}

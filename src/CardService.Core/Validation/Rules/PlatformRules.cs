using System.Collections.Immutable;
using static CardService.Core.Validation.RuleContext;

namespace CardService.Core.Validation.Rules;

/// <summary>What single platforms need beyond Open Graph: Discord's title/description and colour, Slack's oEmbed, iMessage's icons.</summary>
internal static class PlatformRules
{
    // Discord embeds from og:title/og:description and falls back to twitter:* and the page's own <title> and meta
    // description (discord/discord-api-docs#1593: Open Graph, Twitter and other formats): only a page with none of them gets no embed.
    public static readonly Rule DiscordNoEmbed = Rule.Define(
        "discord-no-title-or-description", Severity.Error, [Platform.Discord],
        "No title or description at all (og:, twitter:, <title>, meta description): Discord shows no embed",
        "Add og:title and og:description (a <title> alone gives an embed, but a poorer one).",
        RuleSources.Discord,
        static c => new[] { c.Meta.OpenGraph.Title, c.Meta.OpenGraph.Description, c.Meta.Twitter.Title, c.Meta.Twitter.Description, c.Meta.Title, c.Meta.Description }
            .All(string.IsNullOrWhiteSpace)
            ? [new("The page has no og:title, og:description, twitter:title, twitter:description, <title> or meta description; Discord has nothing to put in an embed", null)]
            : []);

    public static readonly Rule ThemeColorMissing = Rule.Define(
        "theme-color-missing", Severity.Info, [Platform.Discord],
        "No <meta name=\"theme-color\"> (Discord's embed colour)",
        "Add <meta name=\"theme-color\" content=\"#1d4ed8\"> to colour Discord's embed side bar.",
        RuleSources.Discord,
        static c => string.IsNullOrWhiteSpace(c.Meta.ThemeColor) ? [new("No theme-color: Discord draws its default grey side bar", null)] : []);

    public static readonly Rule OEmbedPresent = Rule.Define(
        "oembed-present", Severity.Info, [Platform.Slack],
        "The page declares oEmbed, which Slack uses before Open Graph",
        "Make sure the oEmbed response's title and thumbnail match your Open Graph tags.",
        RuleSources.SlackRobots,
        static c => c.Meta.OEmbeds.FirstOrDefault() is { } link
            ? [new(Inv($"The page declares oEmbed ({link.Href.Value}); Slack unfurls from it first, before Twitter/Open Graph tags"), link.Href.Value)]
            : []);

    public static readonly Rule FaviconMissing = Rule.Define(
        "favicon-missing", Severity.Info, [Platform.IMessage, Platform.Google],
        "No icon declared (only /favicon.ico is assumed)",
        "Declare an icon: <link rel=\"icon\" href=\"/icon.png\" sizes=\"192x192\">.",
        RuleSources.AppleMessages,
        static c => c.Meta.Favicon is null or { IsFallback: true } ? [new("The page declares no icon; previews and search results fall back to /favicon.ico if it exists", null)] : []);

    public static readonly Rule AppleTouchIconMissing = Rule.Define(
        "apple-touch-icon-missing", Severity.Info, [Platform.IMessage],
        "No apple-touch-icon (iMessage's high-resolution icon)",
        "Add <link rel=\"apple-touch-icon\" href=\"/apple-touch-icon.png\"> (180×180).",
        RuleSources.AppleMessages,
        static c => !c.Meta.Icons.Any(i => i.Rel.Contains("apple-touch-icon", StringComparison.Ordinal))
            ? [new("No apple-touch-icon: Messages shows a low-resolution icon or none next to the link", null)]
            : []);

    public static ImmutableArray<Rule> All { get; } = [DiscordNoEmbed, ThemeColorMissing, OEmbedPresent, FaviconMissing, AppleTouchIconMissing];
}

using System.Collections.Frozen;
using System.Collections.Immutable;
using CardService.Core.Meta;
using static CardService.Core.Validation.RuleContext;
using T = CardService.Core.Validation.ValidationThresholds;

namespace CardService.Core.Validation.Rules;

/// <summary>X (Twitter) card tags: card type, duplicates, text lengths, image URL and alt.</summary>
internal static class TwitterRules
{
    private static readonly FrozenSet<string> CardTypes = FrozenSet.Create(StringComparer.Ordinal, "summary", "summary_large_image", "app", "player");

    public static readonly Rule CardMissing = Rule.Define(
        "twitter-card-missing", Severity.Warning, [Platform.X],
        "No twitter:card and not enough Open Graph for an implicit one",
        "Add <meta name=\"twitter:card\" content=\"summary_large_image\"> (with an image) or \"summary\".",
        RuleSources.XCardsMarkup,
        static c => c.Meta.Twitter.CardValues.IsEmpty && !HasImplicitCard(c.Meta)
            ? [new("twitter:card is missing and og:type, og:title and og:description are not all present: X shows no card", null)]
            : []);

    public static readonly Rule CardImplicit = Rule.Define(
        "twitter-card-implicit", Severity.Info, [Platform.X],
        "No twitter:card: X may render an implicit summary card",
        "Add <meta name=\"twitter:card\" content=\"summary_large_image\"> to get the large image card.",
        RuleSources.XCardsMarkup,
        static c => c.Meta.Twitter.CardValues.IsEmpty && HasImplicitCard(c.Meta)
            ? [new("twitter:card is missing; with og:type, og:title and og:description X may render a small summary card", null)]
            : []);

    public static readonly Rule CardInvalid = Rule.Define(
        "twitter-card-invalid", Severity.Error, [Platform.X],
        "twitter:card is not summary, summary_large_image, app or player",
        "Set twitter:card to summary_large_image (large image) or summary (square thumbnail).",
        RuleSources.XCardsOverview,
        static c => c.XCard is { } card && !CardTypes.Contains(card)
            ? [new(Inv($"twitter:card is \"{Excerpt.Of(c.Meta.Twitter.Card)}\"; X knows summary, summary_large_image, app and player"), c.Meta.Twitter.Card)]
            : []);

    public static readonly Rule CardMultiple = Rule.Define(
        "twitter-card-multiple", Severity.Warning, [Platform.X],
        "Several twitter:card tags (the last one wins)",
        "Keep one twitter:card tag; X uses the last one on the page.",
        RuleSources.XCardsOverview,
        static c => c.Meta.Twitter.CardValues.Length > 1
            ? [new(Inv($"The page has {c.Meta.Twitter.CardValues.Length} twitter:card tags ({Excerpt.Quote(string.Join(", ", c.Meta.Twitter.CardValues))}); X uses the last: {Excerpt.Quote(c.Meta.Twitter.CardValues[^1])}"), string.Join(", ", c.Meta.Twitter.CardValues))]
            : []);

    public static readonly Rule TitleTooLong = Rule.Define(
        "twitter-title-too-long", Severity.Warning, [Platform.X],
        "The card title is longer than X shows (70 characters)",
        "Keep twitter:title (or og:title, its fallback) at 70 characters or fewer.",
        RuleSources.XCardsMarkup,
        static c => (c.Meta.Twitter.Title is { } t ? (t, "twitter:title") : (c.Meta.OpenGraph.Title, "og:title")) is ({ } text, var tag) && Length(text) > T.XTitleMaxChars
            ? [new(Inv($"{tag} is {Length(text)} characters; X cuts it at {T.XTitleMaxChars}"), text)]
            : []);

    public static readonly Rule DescriptionTooLong = Rule.Define(
        "twitter-description-too-long", Severity.Warning, [Platform.X],
        "The card description is longer than X shows (200 characters)",
        "Keep twitter:description (or og:description, its fallback) at 200 characters or fewer.",
        RuleSources.XCardsMarkup,
        static c => (c.Meta.Twitter.Description is { } d ? (d, "twitter:description") : (c.Meta.OpenGraph.Description, "og:description")) is ({ } text, var tag) && Length(text) > T.XDescriptionMaxChars
            ? [new(Inv($"{tag} is {Length(text)} characters; X cuts it at {T.XDescriptionMaxChars}"), text)]
            : []);

    public static readonly Rule ImageAltTooLong = Rule.Define(
        "twitter-image-alt-too-long", Severity.Warning, [Platform.X],
        "twitter:image:alt is longer than 420 characters",
        "Shorten twitter:image:alt to 420 characters or fewer.",
        RuleSources.XImageAlt,
        static c => c.Meta.Twitter.ImageAlt is { } alt && Length(alt) > T.XImageAltMaxChars
            ? [new(Inv($"twitter:image:alt is {Length(alt)} characters; X allows {T.XImageAltMaxChars}"), alt)]
            : []);

    public static readonly Rule ImageNotAbsolute = Rule.Define(
        "twitter-image-not-absolute", Severity.Error, [Platform.X],
        "twitter:image is not an absolute URL",
        "Write twitter:image as a full URL with scheme and host.",
        RuleSources.XCardsMarkup,
        static c => c.Meta.Twitter.Image is { IsRelative: true } image
            ? [new(Inv($"twitter:image is \"{Excerpt.Of(image.Raw)}\", a relative URL; X needs an absolute one"), image.Raw)]
            : []);

    public static readonly Rule ImageMissing = Rule.Define(
        "twitter-image-missing", Severity.Warning, [Platform.X],
        "summary_large_image without an image",
        "Add og:image (X falls back to it) or twitter:image, or use twitter:card summary.",
        RuleSources.XCardsMarkup,
        static c => c.XCard == "summary_large_image" && c.XImageUrl is null
            ? [new("twitter:card is summary_large_image but there is no twitter:image or og:image: X shows a card without an image", null)]
            : []);

    public static readonly Rule ImageSvg = Rule.Define(
        "twitter-image-svg", Severity.Error, [Platform.X],
        "The card image is an SVG, which X does not support",
        "Serve the card image as PNG, JPEG, WEBP or GIF.",
        RuleSources.XCardsMarkup,
        static c => c.XImageUrl is { } url && (url.AbsolutePath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || IsSvgType(c))
            ? [new(Inv($"The image X uses ({url.AbsoluteUri}) is an SVG; X supports JPG, PNG, WEBP and GIF only"), url.AbsoluteUri)]
            : []);

    public static readonly Rule PlayerMissing = Rule.Define(
        "twitter-player-missing", Severity.Error, [Platform.X],
        "twitter:card player without twitter:player",
        "Add twitter:player (an HTTPS iframe URL) with twitter:player:width and twitter:player:height.",
        RuleSources.XCardsMarkup,
        static c => c.XCard == "player" && c.Meta.Twitter.Player is null
            ? [new("twitter:card is player but twitter:player is missing: X cannot show the player", null)]
            : []);

    public static readonly Rule WrittenWithProperty = Rule.Define(
        "twitter-written-with-property", Severity.Info, [Platform.X],
        "twitter:* tags written with property= instead of name=",
        "Write X tags as <meta name=\"twitter:…\" content=\"…\"> (jekyll-seo-tag 2.9 does); X reads both, some scrapers only read name=.",
        RuleSources.XCardsMarkup,
        static c => c.Meta.Twitter.AnyWrittenWithProperty
            ? [new("Some twitter:* tags use property= (as jekyll-seo-tag 2.8 writes them); X's docs use name=", null)]
            : []);

    public static ImmutableArray<Rule> All { get; } =
    [
        CardMissing, CardImplicit, CardInvalid, CardMultiple, TitleTooLong, DescriptionTooLong, ImageAltTooLong,
        ImageNotAbsolute, ImageMissing, ImageSvg, PlayerMissing, WrittenWithProperty,
    ];

    // RULES.md #22: og:type, og:title and og:description without twitter:card may give a summary card.
    private static bool HasImplicitCard(PageMeta meta) =>
        !string.IsNullOrWhiteSpace(meta.OpenGraph.Type) && !string.IsNullOrWhiteSpace(meta.OpenGraph.Title) && !string.IsNullOrWhiteSpace(meta.OpenGraph.Description);

    private static bool IsSvgType(RuleContext c) =>
        c.Meta.Twitter.Image is null && c.OgImage?.Type is { } type && type.StartsWith("image/svg", StringComparison.OrdinalIgnoreCase);
}

using System.Collections.Frozen;
using System.Collections.Immutable;
using static CardService.Core.Validation.RuleContext;

namespace CardService.Core.Validation.Rules;

/// <summary>Open Graph tags: the four required properties, description, locale, absolute URLs, image alt and size, article times.</summary>
internal static class OpenGraphRules
{
    // ogp.me's object types; namespaced custom types ("myapp:recipe") are allowed too.
    private static readonly FrozenSet<string> KnownTypes = FrozenSet.Create(
        StringComparer.Ordinal,
        "website", "article", "book", "profile", "music.song", "music.album", "music.playlist", "music.radio_station",
        "video.movie", "video.episode", "video.tv_show", "video.other", "product");

    public static readonly Rule TitleMissing = Rule.Define(
        "og-title-missing", Severity.Error, [Platform.Facebook, Platform.LinkedIn, Platform.IMessage],
        "og:title is missing or empty (one of the four required Open Graph properties)",
        "Add <meta property=\"og:title\" content=\"…\"> with the page's title (without the site name).",
        RuleSources.Ogp,
        static c => string.IsNullOrWhiteSpace(c.Meta.OpenGraph.Title)
            ? [new(c.Meta.OpenGraph.Title is null
                ? Inv($"og:title is missing; LinkedIn and iMessage need it, Facebook falls back to <title> (\"{Excerpt.Of(c.Meta.Title)}\")")
                : "og:title is empty", c.Meta.OpenGraph.Title)]
            : []);

    public static readonly Rule TypeMissing = Rule.Define(
        "og-type-missing", Severity.Warning, [Platform.Facebook],
        "og:type is missing (required by Open Graph; Facebook assumes website)",
        "Add <meta property=\"og:type\" content=\"article\"> for posts, \"website\" for other pages.",
        RuleSources.Ogp,
        static c => string.IsNullOrWhiteSpace(c.Meta.OpenGraph.Type) ? [new("og:type is missing; Facebook treats the page as \"website\"", null)] : []);

    public static readonly Rule TypeUnknown = Rule.Define(
        "og-type-unknown", Severity.Warning, [Platform.Facebook],
        "og:type is not an Open Graph type",
        "Use one of website, article, book, profile, music.*, video.*, or a namespaced custom type (app:type).",
        RuleSources.Ogp,
        static c => c.Meta.OpenGraph.Type is { Length: > 0 } type && !KnownTypes.Contains(type) && !type.Contains(':', StringComparison.Ordinal)
            ? [new(Inv($"og:type is \"{Excerpt.Of(type)}\", which Open Graph does not define; Facebook falls back to website"), type)]
            : []);

    public static readonly Rule ImageMissing = Rule.Define(
        "og-image-missing", Severity.Error, [Platform.Facebook, Platform.LinkedIn, Platform.IMessage, Platform.WhatsApp],
        "og:image is missing (one of the four required Open Graph properties)",
        "Add <meta property=\"og:image\" content=\"https://…/card.png\"> with an absolute URL to a 1200×630 image.",
        RuleSources.Ogp,
        static c => c.OgImage is null
            ? [new(c.Meta.Twitter.Image is { } tw
                ? Inv($"og:image is missing; only X gets an image (twitter:image {tw.Value}), Facebook, LinkedIn, iMessage and WhatsApp show none")
                : "og:image is missing; the link is shared without an image", null)]
            : []);

    public static readonly Rule UrlMissing = Rule.Define(
        "og-url-missing", Severity.Warning, [Platform.Facebook, Platform.LinkedIn],
        "og:url is missing (one of the four required Open Graph properties)",
        "Add <meta property=\"og:url\" content=\"…\"> with the page's canonical absolute URL, so likes and shares collect on one URL.",
        RuleSources.Ogp,
        static c => c.Meta.OpenGraph.Url is null ? [new("og:url is missing; shares of this page's URL variants are counted separately", null)] : []);

    public static readonly Rule DescriptionMissing = Rule.Define(
        "og-description-missing", Severity.Warning, [Platform.Facebook, Platform.LinkedIn, Platform.Discord],
        "og:description is missing",
        "Add <meta property=\"og:description\" content=\"…\"> with a one to two sentence description.",
        RuleSources.Ogp,
        static c => string.IsNullOrWhiteSpace(c.Meta.OpenGraph.Description)
            ? [new(c.Meta.Description is { Length: > 0 }
                ? "og:description is missing; platforms fall back to the meta description, or show none"
                : "og:description is missing and there is no meta description to fall back to", c.Meta.OpenGraph.Description)]
            : []);

    public static readonly Rule LocaleInvalid = Rule.Define(
        "og-locale-invalid", Severity.Warning, [Platform.Facebook],
        "og:locale is not in the language_TERRITORY format",
        "Write og:locale as language_TERRITORY, e.g. en_US or pt_BR (an underscore, not a hyphen).",
        RuleSources.Ogp,
        static c => c.Meta.OpenGraph.Locale is { } locale && !Patterns.OgLocale().IsMatch(locale)
            ? [new(Inv($"og:locale is \"{Excerpt.Of(locale)}\"; Open Graph wants language_TERRITORY such as en_US"), locale)]
            : []);

    public static readonly Rule UrlNotAbsolute = Rule.Define(
        "og-url-not-absolute", Severity.Error, [Platform.Facebook, Platform.LinkedIn],
        "og:url is not an absolute URL",
        "Write og:url as a full URL with scheme and host (https://example.com/post/).",
        RuleSources.FacebookFaq,
        static c => c.Meta.OpenGraph.Url is { IsRelative: true } url
            ? [new(Inv($"og:url is \"{Excerpt.Of(url.Raw)}\", a relative URL; Facebook says all URLs must be absolute"), url.Raw)]
            : []);

    public static readonly Rule ImageNotAbsolute = Rule.Define(
        "og-image-not-absolute", Severity.Error, [Platform.Facebook, Platform.LinkedIn, Platform.IMessage, Platform.WhatsApp],
        "og:image is not an absolute URL",
        "Write og:image as a full URL with scheme and host (jekyll-seo-tag: set site.url).",
        RuleSources.FacebookFaq,
        static c => c.Meta.OpenGraph.Images
            .Where(i => i.Url is { IsRelative: true } || i.SecureUrl is { IsRelative: true })
            .Select(i => (i.Url is { IsRelative: true } ? i.Url : i.SecureUrl)!.Raw)
            .Select(raw => new RuleHit(Inv($"og:image is \"{Excerpt.Of(raw)}\", a relative URL; Facebook says all URLs must be absolute"), raw)));

    public static readonly Rule ImageAltMissing = Rule.Define(
        "og-image-alt-missing", Severity.Warning, [Platform.Facebook, Platform.LinkedIn],
        "og:image has no og:image:alt",
        "Add <meta property=\"og:image:alt\" content=\"…\"> describing the image for screen readers.",
        RuleSources.OgpStructured,
        static c => c.OgImage is { Alt: null } ? [new("og:image has no og:image:alt; Open Graph says a page with og:image should give one", null)] : []);

    public static readonly Rule ImageAltEmpty = Rule.Define(
        "og-image-alt-empty", Severity.Warning, [Platform.Facebook, Platform.LinkedIn],
        "og:image:alt is empty",
        "Give og:image:alt a description of the image, or remove the empty tag (jekyll-seo-tag writes it empty when image.alt is blank).",
        RuleSources.OgpStructured,
        static c => c.OgImage is { Alt: { } alt } && string.IsNullOrWhiteSpace(alt) ? [new("og:image:alt is present but empty", alt)] : []);

    public static readonly Rule ImageDimensionsMissing = Rule.Define(
        "og-image-dimensions-missing", Severity.Warning, [Platform.Facebook],
        "og:image:width / og:image:height are missing",
        "Add og:image:width and og:image:height (e.g. 1200 and 630) so Facebook can render the image on the first share.",
        RuleSources.FacebookImageDimensions,
        static c => c.OgImage is { RawWidth: null } or { RawHeight: null }
            ? [new("og:image has no og:image:width/og:image:height; Facebook caches images asynchronously and may show none on the first share", null)]
            : []);

    public static readonly Rule ImageDimensionsInvalid = Rule.Define(
        "og-image-dimensions-invalid", Severity.Warning, [Platform.Facebook],
        "og:image:width / og:image:height are not whole numbers",
        "Write the pixel size as a plain integer: content=\"1200\", not \"1200px\".",
        RuleSources.Ogp,
        static c => c.OgImage is { } image && ((image.RawWidth is not null && image.Width is null) || (image.RawHeight is not null && image.Height is null))
            ? [new(Inv($"og:image:width/height are \"{Excerpt.Of(image.RawWidth)}\"/\"{Excerpt.Of(image.RawHeight)}\"; they must be whole numbers of pixels"), Inv($"{image.RawWidth}×{image.RawHeight}"))]
            : []);

    public static readonly Rule TitleMultiple = Rule.Define(
        "og-title-multiple", Severity.Warning, [Platform.Facebook, Platform.LinkedIn],
        "Several og:title tags",
        "Keep one og:title; remove the duplicates (often a theme and a plugin both emit tags).",
        RuleSources.Ogp,
        static c => c.Meta.OpenGraph.TitleCount > 1
            ? [new(Inv($"The page has {c.Meta.OpenGraph.TitleCount} og:title tags; platforms disagree on which one they use"), c.Meta.OpenGraph.TitleCount.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : []);

    public static readonly Rule WrittenWithName = Rule.Define(
        "og-written-with-name", Severity.Info, [Platform.Facebook],
        "og:* tags written with name= instead of property=",
        "Write Open Graph tags as <meta property=\"og:…\" content=\"…\">; some parsers only read property=.",
        RuleSources.Ogp,
        static c => c.Meta.OpenGraph.AnyWrittenWithName
            ? [new("Some og:* tags use name= instead of property=; Facebook reads them, stricter parsers do not", null)]
            : []);

    public static readonly Rule PublishedTimeInvalid = Rule.Define(
        "article-published-time-invalid", Severity.Warning, [Platform.Facebook, Platform.Google],
        "article:published_time is not an ISO 8601 date-time",
        "Write article:published_time as ISO 8601, e.g. 2024-03-01T09:30:00+01:00.",
        RuleSources.Ogp,
        static c => c.Meta.Article.PublishedTime is { } time && !Patterns.IsIso8601(time)
            ? [new(Inv($"article:published_time is \"{Excerpt.Of(time)}\", not an ISO 8601 date-time"), time)]
            : []);

    public static readonly Rule FbAppIdMissing = Rule.Define(
        "fb-app-id-missing", Severity.Info, [Platform.Facebook],
        "fb:app_id is missing",
        "Add <meta property=\"fb:app_id\" content=\"…\"> if you want Facebook Insights for shares; the Sharing Debugger mentions it.",
        RuleSources.FacebookWebmasters,
        static c => c.Meta.OpenGraph.FbAppId is null ? [new("fb:app_id is missing; Facebook's Sharing Debugger lists it, nothing else depends on it", null)] : []);

    public static ImmutableArray<Rule> All { get; } =
    [
        TitleMissing, TypeMissing, TypeUnknown, ImageMissing, UrlMissing, DescriptionMissing, LocaleInvalid, UrlNotAbsolute,
        ImageNotAbsolute, ImageAltMissing, ImageAltEmpty, ImageDimensionsMissing, ImageDimensionsInvalid, TitleMultiple,
        WrittenWithName, PublishedTimeInvalid, FbAppIdMissing,
    ];
}

using System.Collections.Frozen;
using System.Collections.Immutable;
using CardService.Core.Meta;
using CardService.Core.Fetching;
using static CardService.Core.Validation.RuleContext;
using T = CardService.Core.Validation.ValidationThresholds;

namespace CardService.Core.Validation.Rules;

/// <summary>Probed image facts: reachable, an image, and within each platform's bytes, size, format and aspect ratio.</summary>
internal static class ImageRules
{
    private static readonly FrozenSet<string> XFormats = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "jpeg", "jpg", "png", "webp", "gif");

    private static readonly FrozenSet<string> XContentTypes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "image/jpeg", "image/jpg", "image/png", "image/webp", "image/gif");

    private static readonly FrozenSet<string> ArticleTypes = FrozenSet.Create(StringComparer.Ordinal, "Article", "BlogPosting", "NewsArticle", "TechArticle", "Report", "ScholarlyArticle", "SocialMediaPosting");

    public static readonly Rule OgImageUnreachable = Rule.Define(
        "og-image-unreachable", Severity.Error, [.. OpenGraphImagePlatforms, .. TwitterImagePlatforms],
        "og:image cannot be fetched (not a 200 response)",
        "Make the image URL answer 200 to crawlers (no auth, no hotlink protection, not blocked by robots.txt).",
        RuleSources.FacebookFaq,
        static c => Unreachable(c, c.ImageFor(c.OgImageUrl), "og:image"),
        RuleNeeds.ImageProbe);

    public static readonly Rule TwitterImageUnreachable = Rule.Define(
        "twitter-image-unreachable", Severity.Error, [.. TwitterImagePlatforms],
        "twitter:image cannot be fetched (not a 200 response)",
        "Make the twitter:image URL answer 200 to Twitterbot.",
        RuleSources.XCardsOverview,
        static c => Unreachable(c, TwitterOnlyImage(c), "twitter:image"),
        RuleNeeds.ImageProbe);

    public static readonly Rule NotAnImage = Rule.Define(
        "og-image-not-image", Severity.Error, [.. OpenGraphImagePlatforms, .. TwitterImagePlatforms],
        "The image URL does not serve an image",
        "Serve the image with an image/* Content-Type (image/png, image/jpeg); an HTML error page is not an image.",
        RuleSources.FacebookFaq,
        static c => PreviewImages(c)
            .Where(i => i.Image.Status == 200 && i.Image.ContentType is { } type && !type.TrimStart().StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            .Select(i => new RuleHit(Inv($"{i.Tag} ({i.Image.Url.AbsoluteUri}) is served as \"{Excerpt.Of(i.Image.ContentType)}\", not as an image"), i.Image.ContentType, c.PlatformsShowing(i.Image.Url))),
        RuleNeeds.ImageProbe);

    public static readonly Rule FacebookTooSmall = Rule.Define(
        "og-image-too-small", Severity.Error, [Platform.Facebook],
        "og:image is smaller than 200×200 (Facebook ignores it)",
        "Use an image of at least 200×200; 1200×630 for the large card.",
        RuleSources.FacebookFaq,
        static c => Sized(c.ImageFor(c.OgImageUrl)) is { } i && (i.Width < T.FacebookMinImageSide || i.Height < T.FacebookMinImageSide)
            ? [new(Inv($"og:image is {Size(i)}; Facebook needs at least {T.FacebookMinImageSide}×{T.FacebookMinImageSide}"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule FacebookSmallCard = Rule.Define(
        "og-image-small-card", Severity.Warning, [Platform.Facebook],
        "og:image is below 600×315: Facebook shows a small square",
        "Use an image of at least 600×315 (best 1200×630) for the large link card.",
        RuleSources.FacebookFaq,
        static c => Sized(c.ImageFor(c.OgImageUrl)) is { } i && i.Width >= T.FacebookMinImageSide && i.Height >= T.FacebookMinImageSide
            && (i.Width < T.FacebookLargeCardMinWidth || i.Height < T.FacebookLargeCardMinHeight)
            ? [new(Inv($"og:image is {Size(i)}; below {T.FacebookLargeCardMinWidth}×{T.FacebookLargeCardMinHeight} Facebook shows it as a small square"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule BelowRecommended = Rule.Define(
        "og-image-below-recommended", Severity.Info, [Platform.Facebook, Platform.LinkedIn],
        "og:image is below the recommended 1200×630",
        "Use a 1200×630 image: it looks sharp on high-density screens on Facebook and LinkedIn.",
        RuleSources.FacebookFaq,
        static c => Sized(c.ImageFor(c.OgImageUrl)) is { } i && i.Width >= T.FacebookLargeCardMinWidth && i.Height >= T.FacebookLargeCardMinHeight
            && (i.Width < T.FacebookRecommendedWidth || i.Height < T.FacebookRecommendedHeight)
            ? [new(Inv($"og:image is {Size(i)}; Facebook recommends at least {T.FacebookRecommendedWidth}×{T.FacebookRecommendedHeight}"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule AspectRatio = Rule.Define(
        "og-image-aspect-ratio", Severity.Warning, [Platform.Facebook, Platform.LinkedIn],
        "og:image is far from 1.91:1 and will be cropped",
        "Use a 1.91:1 image (1200×630); keep important content in the centre.",
        RuleSources.FacebookFaq,
        static c => Sized(c.ImageFor(c.OgImageUrl)) is { } i && OffBy(i, T.FacebookAspectRatio) > T.FacebookAspectTolerance
            ? [new(Inv($"og:image is {Size(i)} ({Ratio(i)}); Facebook and LinkedIn crop it to 1.91:1"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule FacebookTooHeavy = Rule.Define(
        "og-image-too-heavy-facebook", Severity.Error, [Platform.Facebook],
        "og:image is larger than 8 MB",
        "Compress the image below 8 MB (a 1200×630 PNG or JPEG is usually under 300 KB).",
        RuleSources.FacebookFaq,
        static c => Heavier(c.ImageFor(c.OgImageUrl), T.FacebookMaxImageBytes, static b => $"og:image is {b}; Facebook's limit is 8 MB"),
        RuleNeeds.ImageProbe);

    public static readonly Rule LinkedInTooHeavy = Rule.Define(
        "og-image-too-heavy-linkedin", Severity.Warning, [Platform.LinkedIn],
        "og:image is larger than LinkedIn's 5 MB",
        "Compress the image below 5 MB.",
        RuleSources.LinkedInImage,
        static c => Heavier(c.ImageFor(c.OgImageUrl), T.LinkedInMaxImageBytes, static b => $"og:image is {b}; LinkedIn's limit is 5 MB"),
        RuleNeeds.ImageProbe);

    public static readonly Rule WhatsAppTooHeavy = Rule.Define(
        "whatsapp-image-too-heavy", Severity.Warning, [Platform.WhatsApp],
        "og:image is over ~300 KB: WhatsApp may show no thumbnail",
        "Keep the og:image under about 300 KB (JPEG, or a palette PNG).",
        RuleSources.WhatsApp,
        static c => Heavier(c.ImageFor(c.OgImageUrl), T.WhatsAppMaxImageBytes, static b => $"og:image is {b}; WhatsApp generally shows thumbnails only up to about 300 KB"),
        RuleNeeds.ImageProbe);

    public static readonly Rule LinkedInNarrow = Rule.Define(
        "linkedin-image-narrow", Severity.Warning, [Platform.LinkedIn],
        "og:image is narrower than 401 px: LinkedIn shows a thumbnail",
        "Use an image at least 401 px wide (1200×627 recommended) for LinkedIn's large preview.",
        RuleSources.LinkedInImage,
        static c => Sized(c.ImageFor(c.OgImageUrl)) is { } i && i.Width < T.LinkedInMinLargeWidth
            ? [new(Inv($"og:image is {i.Width} px wide; LinkedIn shows images narrower than {T.LinkedInMinLargeWidth} px as a small thumbnail"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule XTooHeavy = Rule.Define(
        "twitter-image-too-heavy", Severity.Error, [Platform.X],
        "The card image is 5 MB or more",
        "Compress the image below 5 MB.",
        RuleSources.XCardsMarkup,
        // X wants less than 5 MB: exactly 5 MB is already too heavy.
        static c => Heavier(c.ImageFor(c.XImageUrl), T.XMaxImageBytes - 1, static b => $"The image X uses is {b}; X needs less than 5 MB"),
        RuleNeeds.ImageProbe);

    public static readonly Rule XFormatUnsupported = Rule.Define(
        "twitter-image-format-unsupported", Severity.Error, [Platform.X],
        "The card image is not JPG, PNG, WEBP or GIF",
        "Serve the card image as JPG, PNG, WEBP or GIF (not SVG, AVIF, BMP or ICO).",
        RuleSources.XCardsMarkup,
        static c => c.ImageFor(c.XImageUrl) is { Status: 200 } i && UnsupportedForX(i) is { } what
            ? [new(Inv($"The image X uses ({i.Url.AbsoluteUri}) is {what}; X supports JPG, PNG, WEBP and GIF"), what)]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule XLargeTooSmall = Rule.Define(
        "twitter-large-image-too-small", Severity.Warning, [Platform.X],
        "summary_large_image image smaller than 300×157",
        "Use an image of at least 300×157 (1200×600 is ideal) or switch to twitter:card summary.",
        RuleSources.XLargeImage,
        static c => c.XCard == "summary_large_image" && Sized(c.ImageFor(c.XImageUrl)) is { } i
            && (i.Width < T.XLargeImageMinWidth || i.Height < T.XLargeImageMinHeight)
            ? [new(Inv($"The card image is {Size(i)}; X's summary_large_image wants at least {T.XLargeImageMinWidth}×{T.XLargeImageMinHeight}"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule XLargeAspect = Rule.Define(
        "twitter-large-image-aspect", Severity.Info, [Platform.X],
        "summary_large_image image is not 2:1 and will be cropped",
        "Use a 2:1 image (1200×600) for X, or accept a slight crop of a 1.91:1 image.",
        RuleSources.XLargeImage,
        static c => c.XCard == "summary_large_image" && Sized(c.ImageFor(c.XImageUrl)) is { } i && OffBy(i, T.XLargeImageAspectRatio) > T.XLargeImageAspectTolerance
            ? [new(Inv($"The card image is {Size(i)} ({Ratio(i)}); X's summary_large_image wants 2:1 and at least {T.XLargeImageMinWidth}×{T.XLargeImageMinHeight}"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule XTooLarge = Rule.Define(
        "twitter-image-too-large", Severity.Warning, [Platform.X],
        "The card image is larger than 4096×4096",
        "Scale the image down to at most 4096×4096.",
        RuleSources.XLargeImage,
        static c => Sized(c.ImageFor(c.XImageUrl)) is { } i && (i.Width > T.XMaxImageSide || i.Height > T.XMaxImageSide)
            ? [new(Inv($"The card image is {Size(i)}; X's maximum is {T.XMaxImageSide}×{T.XMaxImageSide}"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule XSummaryTooSmall = Rule.Define(
        "twitter-summary-image-too-small", Severity.Warning, [Platform.X],
        "summary card image smaller than 144×144",
        "Use a square image of at least 144×144 for the summary card.",
        RuleSources.XSummaryImage,
        static c => IsSummary(c) && Sized(c.ImageFor(c.XImageUrl)) is { } i && (i.Width < T.XSummaryMinSide || i.Height < T.XSummaryMinSide)
            ? [new(Inv($"The card image is {Size(i)}; X's summary card wants at least {T.XSummaryMinSide}×{T.XSummaryMinSide}"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule XSummaryCropped = Rule.Define(
        "twitter-summary-image-cropped", Severity.Info, [Platform.X],
        "summary card image is not square and will be cropped",
        "Use twitter:card summary_large_image for a wide image, or give X a square image.",
        RuleSources.XSummaryImage,
        static c => IsSummary(c) && Sized(c.ImageFor(c.XImageUrl)) is { } i && OffBy(i, 1.0) > T.XSummaryAspectTolerance
            ? [new(Inv($"The card image is {Size(i)} ({Ratio(i)}); X's summary card crops it to a 1:1 square"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule DimensionsMismatch = Rule.Define(
        "og-image-dimensions-mismatch", Severity.Warning, [Platform.Facebook],
        "og:image:width/height do not match the image",
        "Make og:image:width and og:image:height the image's real pixel size.",
        RuleSources.FacebookImageDimensions,
        static c => c.OgImage is { Width: { } w, Height: { } h } && Sized(c.ImageFor(c.OgImageUrl)) is { } i && (i.Width != w || i.Height != h)
            ? [new(Inv($"og:image:width/height say {w}×{h} but the image is {Size(i)}"), Inv($"{w}×{h}"))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule DiscoverTooNarrow = Rule.Define(
        "discover-image-too-narrow", Severity.Info, [Platform.Google],
        "og:image is narrower than 1200 px (Google Discover's large images)",
        "Use an image at least 1200 px wide for large Discover cards.",
        RuleSources.GoogleDiscover,
        static c => Sized(c.ImageFor(c.OgImageUrl)) is { } i && i.Width < T.GoogleDiscoverMinWidth
            ? [new(Inv($"og:image is {i.Width} px wide; Google Discover shows large images only from {T.GoogleDiscoverMinWidth} px"), Size(i))]
            : [],
        RuleNeeds.ImageProbe);

    public static readonly Rule ArticleImageTooSmall = Rule.Define(
        "jsonld-article-image-too-small", Severity.Warning, [Platform.Google],
        "Article structured data image below 50 000 pixels",
        "Give the Article's image at least 50 000 pixels (width × height), e.g. 1200×675, and provide 16×9, 4×3 and 1×1 versions.",
        RuleSources.GoogleArticle,
        ArticleImageTooSmallCheck,
        RuleNeeds.ImageProbe);

    public static ImmutableArray<Rule> All { get; } =
    [
        OgImageUnreachable, TwitterImageUnreachable, NotAnImage, FacebookTooSmall, FacebookSmallCard, BelowRecommended,
        AspectRatio, FacebookTooHeavy, LinkedInTooHeavy, WhatsAppTooHeavy, LinkedInNarrow, XTooHeavy, XFormatUnsupported,
        XLargeTooSmall, XLargeAspect, XTooLarge, XSummaryTooSmall, XSummaryCropped, DimensionsMismatch, DiscoverTooNarrow,
        ArticleImageTooSmall,
    ];

    /// <summary>A hit when the image is more than <paramref name="limit"/> bytes; the message gets its size written out.</summary>
    private static RuleHit[] Heavier(ImageFacts? image, long limit, Func<string, string> message) =>
        image is { Bytes: { } bytes } && bytes > limit
            ? [new(message(Bytes(bytes)), bytes.ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [];

    private static ImageFacts? Sized(ImageFacts? image) => image is { Status: 200 } && HasSize(image) ? image : null;

    private static double OffBy(ImageFacts image, double ratio) => Math.Abs(((double)image.Width!.Value / image.Height!.Value) - ratio) / ratio;

    private static bool IsSummary(RuleContext c) => c.XCard == "summary" || (c.XCard is null && !string.IsNullOrWhiteSpace(c.Meta.OpenGraph.Title));

    private static ImageFacts? TwitterOnlyImage(RuleContext c) =>
        c.Meta.Twitter.Image?.Resolved is { } tw && !string.Equals(tw.AbsoluteUri, c.OgImageUrl?.AbsoluteUri, StringComparison.Ordinal) ? c.ImageFor(tw) : null;

    private static IEnumerable<(string Tag, ImageFacts Image)> PreviewImages(RuleContext c)
    {
        if (c.ImageFor(c.OgImageUrl) is { } og)
        {
            yield return ("og:image", og);
        }

        if (TwitterOnlyImage(c) is { } tw)
        {
            yield return ("twitter:image", tw);
        }
    }

    // Only the platforms that show this image lose it; a local image is one more symptom of a local build (url-local).
    private static IEnumerable<RuleHit> Unreachable(RuleContext c, ImageFacts? image, string tag)
    {
        if (image is null || WhyUnreachable(image) is not { } why)
        {
            yield break;
        }

        var platforms = c.PlatformsShowing(image.Url);
        yield return new RuleHit(
            Inv($"{tag} {image.Url.AbsoluteUri} {why}; {string.Join(", ", platforms.Select(PlatformName))} show no image"),
            image.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? image.Error,
            platforms,
            Patterns.IsLocalHost(image.Url) ? CrawlRules.LocalUrlId : null);
    }

    private static string? UnsupportedForX(ImageFacts image)
    {
        if (image.Format is { } format)
        {
            return XFormats.Contains(format) ? null : format;
        }

        var type = image.ContentType?.Split(';')[0].Trim();
        return type is null || XContentTypes.Contains(type) || !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? null : type;
    }

    private static IEnumerable<RuleHit> ArticleImageTooSmallCheck(RuleContext c)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in c.Meta.JsonLd.Where(b => b.IsValid).SelectMany(b => b.Items).Where(IsArticle))
        {
            foreach (var raw in item.Images)
            {
                var url = WebUrl.TryResolve(c.Meta.BaseUrl, raw, out var resolved) ? resolved : null;
                if (Sized(c.ImageFor(url)) is { } i && (long)i.Width!.Value * i.Height!.Value < T.GoogleArticleImageMinPixels && seen.Add(i.Url.AbsoluteUri))
                {
                    yield return new RuleHit(
                        Inv($"The {item.Types[0]} image {i.Url.AbsoluteUri} is {Size(i)} = {(long)i.Width.Value * i.Height.Value} pixels; Google wants at least {T.GoogleArticleImageMinPixels}"),
                        Size(i));
                }
            }
        }
    }

    internal static bool IsArticle(JsonLdItem item) => item.Types.Any(ArticleTypes.Contains);
}

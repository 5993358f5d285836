using System.Collections.Immutable;
using CardService.Core.Meta;
using static CardService.Core.Validation.RuleContext;
using T = CardService.Core.Validation.ValidationThresholds;

namespace CardService.Core.Validation.Rules;

/// <summary>
/// The declared icons (<c>rel=icon</c>, <c>shortcut icon</c>, <c>apple-touch-icon</c>), probed like og:image: they exist, are
/// images, and Apple's touch icon is big enough and square. Google shows the favicon beside each search result and
/// Messages shows the touch icon beside a link; a declared icon that is broken shows nothing, where an undeclared one
/// would at least fall back to <c>/favicon.ico</c>.
/// </summary>
internal static class IconRules
{
    private static readonly ImmutableArray<Platform> IconPlatforms = [Platform.Google, Platform.IMessage];

    private static readonly ImmutableArray<Platform> TouchIconPlatforms = [Platform.IMessage];

    public static readonly Rule Unreachable = Rule.Define(
        "icon-unreachable", Severity.Warning, IconPlatforms,
        "A declared icon cannot be fetched (not a 200 response)",
        "Publish the icon file at the URL the <link> names (check the path and the site's base URL), or fix the href.",
        RuleSources.GoogleFavicon,
        static c => ShowingNothing(c, WhyUnreachable, localIsBuildSymptom: true),
        RuleNeeds.ImageProbe);

    public static readonly Rule NotAnImage = Rule.Define(
        "icon-not-image", Severity.Warning, IconPlatforms,
        "A declared icon is not an image (its type or its bytes)",
        "Serve the icon as PNG, ICO or SVG with an image/* Content-Type; an HTML error page or a renamed file is not an icon.",
        RuleSources.GoogleFavicon,
        static c => ShowingNothing(c, WhyNotAnImage),
        RuleNeeds.ImageProbe);

    public static readonly Rule AppleTouchIconTooSmall = Rule.Define(
        "apple-touch-icon-too-small", Severity.Info, TouchIconPlatforms,
        "apple-touch-icon is smaller than 180×180 or not square",
        "Use a square PNG of 180×180 (or larger) for apple-touch-icon.",
        RuleSources.AppleTouchIcons,
        static c => ProbedIcons(c)
            .Where(i => i.IsTouchIcon && i.Image is { Status: 200 } && HasSize(i.Image)
                && (i.Image.Width < T.AppleTouchIconMinSide || i.Image.Height < T.AppleTouchIconMinSide || i.Image.Width != i.Image.Height))
            .Select(i => new RuleHit(
                Inv($"{i.Tag} {i.Image.Url.AbsoluteUri} is {Size(i.Image)}; Messages and the home screen want a square of at least {T.AppleTouchIconMinSide}×{T.AppleTouchIconMinSide}"),
                i.Href)),
        RuleNeeds.ImageProbe);

    public static ImmutableArray<Rule> All { get; } = [Unreachable, NotAnImage, AppleTouchIconTooSmall];

    /// <summary>One declared icon that was probed: the tag as written (for the message), its href (for the locator), what the probe found.</summary>
    private sealed record ProbedIcon(string Tag, string Href, bool IsTouchIcon, ImageFacts Image);

    // Each URL once, under the first tag that declares it; icons not probed (another host offline, past the probe cap) are skipped.
    private static IEnumerable<ProbedIcon> ProbedIcons(RuleContext c) =>
        c.Meta.Icons
            .Where(i => LinkRels.IsPreviewIcon(i.Rel))
            .Select(i => (Link: i, Image: c.ImageFor(i.Href.Resolved)))
            .Where(x => x.Image is not null)
            .DistinctBy(x => x.Image!.Url.AbsoluteUri, StringComparer.Ordinal)
            .Select(x => new ProbedIcon(Inv($"<link rel=\"{x.Link.Rel}\">"), x.Link.Href.Raw, LinkRels.IsAppleTouchIcon(x.Link.Rel), x.Image!));

    // A declared icon that shows nothing, and why (null: it shows); only the platforms that would show it lose it. A local
    // icon that cannot be fetched is one more symptom of a local build (url-local).
    private static IEnumerable<RuleHit> ShowingNothing(RuleContext c, Func<ImageFacts, string?> why, bool localIsBuildSymptom = false) =>
        ProbedIcons(c).Select(i => (Icon: i, Problem: why(i.Image))).Where(x => x.Problem is not null).Select(x => new RuleHit(
            Inv($"{x.Icon.Tag} {x.Icon.Image.Url.AbsoluteUri} {x.Problem}; {Showing(x.Icon)} show no icon"),
            x.Icon.Href,
            PlatformsOf(x.Icon),
            localIsBuildSymptom && Patterns.IsLocalHost(x.Icon.Image.Url) ? CrawlRules.LocalUrlId : null));

    private static ImmutableArray<Platform> PlatformsOf(ProbedIcon icon) => icon.IsTouchIcon ? TouchIconPlatforms : IconPlatforms;

    private static string Showing(ProbedIcon icon) => icon.IsTouchIcon ? "Messages and home screens" : "browser tabs, Google's results and Messages";

    // The Content-Type is what a crawler goes by; bytes no image reader recognises (a page saved under .png) fail too.
    // An icon that was not fetched is icon-unreachable's.
    private static string? WhyNotAnImage(ImageFacts image)
    {
        if (image.Status != 200)
        {
            return null;
        }

        var type = image.ContentType?.Split(';')[0].Trim();
        if (type is { Length: > 0 } && !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return Inv($"is served as \"{Excerpt.Of(type)}\", not as an image");
        }

        return image.Format is null ? Inv($"is served as {type ?? "an image"} but its bytes are no image format (PNG, ICO, SVG, JPEG, GIF, WebP)") : null;
    }
}

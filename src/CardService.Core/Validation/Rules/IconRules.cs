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
        static c => ProbedIcons(c).Where(i => i.Image.Status != 200).Select(i => new RuleHit(
            Inv($"{i.Tag} {i.Image.Url.AbsoluteUri} {(i.Image.Error is { } error ? $"failed: {error}" : $"answered HTTP {i.Image.Status}")}; {Showing(i)} show no icon"),
            i.Href,
            PlatformsOf(i),
            Patterns.IsLocalHost(i.Image.Url) ? CrawlRules.LocalUrlId : null)),
        RuleNeeds.ImageProbe);

    public static readonly Rule NotAnImage = Rule.Define(
        "icon-not-image", Severity.Warning, IconPlatforms,
        "A declared icon is not an image (its type or its bytes)",
        "Serve the icon as PNG, ICO or SVG with an image/* Content-Type; an HTML error page or a renamed file is not an icon.",
        RuleSources.GoogleFavicon,
        static c => ProbedIcons(c).Where(i => i.Image.Status == 200 && WhyNotAnImage(i.Image) is not null).Select(i => new RuleHit(
            Inv($"{i.Tag} {i.Image.Url.AbsoluteUri} {WhyNotAnImage(i.Image)}; {Showing(i)} show no icon"),
            i.Href,
            PlatformsOf(i))),
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

    private static ImmutableArray<Platform> PlatformsOf(ProbedIcon icon) => icon.IsTouchIcon ? TouchIconPlatforms : IconPlatforms;

    private static string Showing(ProbedIcon icon) => icon.IsTouchIcon ? "Messages and home screens" : "browser tabs, Google's results and Messages";

    // The Content-Type is what a crawler goes by; bytes no image reader recognises (a page saved under .png) fail too.
    private static string? WhyNotAnImage(ImageFacts image)
    {
        var type = image.ContentType?.Split(';')[0].Trim();
        if (type is { Length: > 0 } && !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return Inv($"is served as \"{Excerpt.Of(type)}\", not as an image");
        }

        return image.Format is null ? Inv($"is served as {type ?? "an image"} but its bytes are no image format (PNG, ICO, SVG, JPEG, GIF, WebP)") : null;
    }
}

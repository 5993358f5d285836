using System.Collections.Immutable;
using CardService.Core.Meta;
using static CardService.Core.Validation.RuleContext;
using T = CardService.Core.Validation.ValidationThresholds;

namespace CardService.Core.Validation.Rules;

/// <summary>Search tags: title, meta description, canonical, lang, viewport, robots directives, hreflang.</summary>
internal static class SeoRules
{
    public static readonly Rule TitleMissing = Rule.Define(
        "title-missing", Severity.Error, [Platform.Google],
        "No <title> element",
        "Add a <title> in <head>: \"Post title | Site\".",
        RuleSources.LighthouseConfig,
        static c => !HtmlTitles(c.Meta).Any() ? [new("The page has no <title>; Google builds a title link from other text and social platforms lose their fallback", null)] : []);

    public static readonly Rule TitleEmpty = Rule.Define(
        "title-empty", Severity.Error, [Platform.Google],
        "<title> is empty",
        "Put the page's title text in <title>.",
        RuleSources.LighthouseConfig,
        static c => HtmlTitles(c.Meta).Any() && string.IsNullOrWhiteSpace(c.Meta.Title) ? [new("<title> is empty", c.Meta.Title)] : []);

    public static readonly Rule TitleMultiple = Rule.Define(
        "title-multiple", Severity.Warning, [Platform.Google],
        "Several <title> elements",
        "Keep one <title> in <head>; remove the one the theme or a plugin adds.",
        RuleSources.GoogleTitle,
        static c => HtmlTitles(c.Meta).ToList() is { Count: > 1 } titles
            ? [new(Inv($"The page has {titles.Count} <title> elements ({string.Join(" / ", titles.Select(t => Inv($"\"{Excerpt.Quote(t.Text)}\"")))}); browsers and crawlers use the first"), string.Join(" | ", titles.Select(t => t.Text)))]
            : []);

    public static readonly Rule TitleTooLong = Rule.Define(
        "title-too-long", Severity.Warning, [Platform.Google],
        "<title> is longer than Google shows (~600 px ≈ 60 characters)",
        "Keep the title to about 60 characters, most important words first.",
        RuleSources.GoogleTitle,
        static c => c.Meta.Title is { } title && Length(title) > T.GoogleTitleMaxChars
            ? [new(Inv($"<title> is {Length(title)} characters; Google truncates title links at about 600 px (≈{T.GoogleTitleMaxChars} characters)"), title)]
            : []);

    public static readonly Rule DescriptionMissing = Rule.Define(
        "description-missing", Severity.Warning, [Platform.Google],
        "No meta description",
        "Add <meta name=\"description\" content=\"…\"> summarising the page in a sentence or two.",
        RuleSources.GoogleSnippet,
        static c => c.Meta.Description is null && !c.Meta.Tags.Any(IsDescription) ? [new("The page has no meta description (Lighthouse's meta-description audit fails)", null)] : []);

    public static readonly Rule DescriptionEmpty = Rule.Define(
        "description-empty", Severity.Warning, [Platform.Google],
        "The meta description is empty",
        "Give the meta description some text, or remove the empty tag.",
        RuleSources.GoogleSnippet,
        static c => string.IsNullOrWhiteSpace(c.Meta.Description) && c.Meta.Tags.Any(IsDescription) ? [new("The meta description is empty", c.Meta.Description ?? string.Empty)] : []);

    public static readonly Rule DescriptionTooLong = Rule.Define(
        "description-too-long", Severity.Info, [Platform.Google],
        "The meta description is longer than Google usually shows (~160 characters)",
        "Put the key sentence in the first 160 characters; Google truncates the rest.",
        RuleSources.GoogleSnippet,
        static c => c.Meta.Description is { } d && Length(d) > T.GoogleDescriptionMaxChars
            ? [new(Inv($"The meta description is {Length(d)} characters; Google truncates snippets as needed, usually near {T.GoogleDescriptionMaxChars}"), d)]
            : []);

    public static readonly Rule CanonicalMissing = Rule.Define(
        "canonical-missing", Severity.Info, [Platform.Google],
        "No <link rel=\"canonical\">",
        "Add <link rel=\"canonical\" href=\"https://…\"> with the page's preferred absolute URL.",
        RuleSources.LighthouseCanonical,
        static c => c.Meta.Canonicals.IsEmpty ? [new("The page declares no canonical URL; Google picks one itself", null)] : []);

    public static readonly Rule CanonicalRelative = Rule.Define(
        "canonical-relative", Severity.Warning, [Platform.Google],
        "The canonical URL is relative",
        "Write the canonical href as an absolute URL.",
        RuleSources.LighthouseCanonical,
        static c => c.Meta.Canonicals.Where(l => l.Href.IsRelative && l.Href.Resolved is not null)
            .Select(l => new RuleHit(Inv($"The canonical is \"{Excerpt.Of(l.Href.Raw)}\", a relative URL; Lighthouse wants an absolute one"), l.Href.Raw)));

    public static readonly Rule CanonicalInvalid = Rule.Define(
        "canonical-invalid", Severity.Warning, [Platform.Google],
        "The canonical href is not a valid URL",
        "Give rel=canonical a valid absolute URL.",
        RuleSources.LighthouseCanonical,
        static c => c.Meta.Canonicals.Where(l => l.Href.Resolved is null)
            .Select(l => new RuleHit(Inv($"The canonical href \"{Excerpt.Of(l.Href.Raw)}\" is not a valid URL"), l.Href.Raw)));

    public static readonly Rule CanonicalMultiple = Rule.Define(
        "canonical-multiple", Severity.Warning, [Platform.Google],
        "Several canonical links that disagree",
        "Keep exactly one rel=canonical.",
        RuleSources.LighthouseCanonical,
        static c => c.Meta.Canonicals.Where(l => l.InHead).Select(l => l.Href.Value).Distinct(StringComparer.Ordinal).ToList() is { Count: > 1 } urls
            ? [new(Inv($"The page has {urls.Count} conflicting canonical URLs: {string.Join(", ", urls)}; Google ignores them all"), string.Join(" ", urls))]
            : []);

    public static readonly Rule CanonicalRoot = Rule.Define(
        "canonical-root", Severity.Warning, [Platform.Google],
        "The canonical points at the domain root from a deeper page",
        "Point the canonical at this page's own URL, not the home page.",
        RuleSources.LighthouseCanonical,
        static c => c.PageUrl.AbsolutePath is not ("/" or "") && c.Meta.Canonicals.FirstOrDefault(l => l.InHead)?.Href.Resolved is { AbsolutePath: "/" } root
            ? [new(Inv($"The canonical is the site root {root.AbsoluteUri} but the page is {c.PageUrl.AbsolutePath}: Google would index the home page instead"), root.AbsoluteUri)]
            : []);

    public static readonly Rule CanonicalInBody = Rule.Define(
        "canonical-in-body", Severity.Warning, [Platform.Google],
        "rel=canonical is in <body> (ignored)",
        "Move <link rel=\"canonical\"> into <head>.",
        RuleSources.LighthouseCanonical,
        static c => c.Meta.Canonicals.Where(l => !l.InHead)
            .Select(l => new RuleHit(Inv($"The canonical {l.Href.Value} is inside <body>; Google ignores it there"), l.Href.Value)));

    public static readonly Rule CanonicalOgUrlMismatch = Rule.Define(
        "canonical-og-url-mismatch", Severity.Warning, [Platform.Facebook, Platform.Google],
        "og:url and the canonical URL differ",
        "Make og:url and rel=canonical the same absolute URL so shares and search agree.",
        RuleSources.FacebookFaq,
        static c => c.Meta.OpenGraph.Url?.Resolved is { } og && c.Meta.Canonicals.FirstOrDefault(l => l.InHead)?.Href.Resolved is { } canonical
            && !string.Equals(Normal(og), Normal(canonical), StringComparison.Ordinal)
            ? [new(Inv($"og:url is {og.AbsoluteUri} but the canonical is {canonical.AbsoluteUri}"), og.AbsoluteUri)]
            : []);

    public static readonly Rule LangMissing = Rule.Define(
        "lang-missing", Severity.Warning, [Platform.Google],
        "<html> has no lang attribute",
        "Add the page's language: <html lang=\"en\">.",
        RuleSources.LighthouseConfig,
        static c => string.IsNullOrWhiteSpace(c.Meta.Lang) ? [new("<html> has no lang attribute (Lighthouse html-has-lang)", c.Meta.Lang)] : []);

    public static readonly Rule LangInvalid = Rule.Define(
        "lang-invalid", Severity.Warning, [Platform.Google],
        "<html lang> is not a valid BCP 47 language tag",
        "Use a BCP 47 tag: en, en-US, pt-BR, zh-Hant (a hyphen, not an underscore).",
        RuleSources.LighthouseConfig,
        static c => c.Meta.Lang is { } lang && !string.IsNullOrWhiteSpace(lang) && !Patterns.IsBcp47(lang.Trim())
            ? [new(Inv($"<html lang=\"{Excerpt.Of(lang)}\"> is not a valid BCP 47 language tag (Lighthouse html-lang-valid)"), lang)]
            : []);

    public static readonly Rule ViewportMissing = Rule.Define(
        "viewport-missing", Severity.Info, [Platform.Google],
        "No <meta name=\"viewport\">",
        "Add <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> for mobile-first indexing.",
        RuleSources.LighthouseConfig,
        static c => string.IsNullOrWhiteSpace(c.Meta.Viewport) ? [new("The page has no viewport meta tag; mobile browsers render it at desktop width", null)] : []);

    public static readonly Rule NoIndex = Rule.Define(
        "robots-noindex", Severity.Warning, [Platform.Google],
        "robots noindex: search engines will not index the page",
        "Remove noindex from the robots meta tag / X-Robots-Tag header if the page should appear in search.",
        RuleSources.GoogleRobotsMeta,
        static c => c.Robots.NoIndex ? [new(Inv($"The page says noindex ({RobotsSource(c.Robots)}); Google drops it from search results"), RobotsSource(c.Robots))] : []);

    public static readonly Rule NoFollow = Rule.Define(
        "robots-nofollow", Severity.Info, [Platform.Google],
        "robots nofollow: links on the page are not followed",
        "Remove nofollow unless you mean it.",
        RuleSources.GoogleRobotsMeta,
        static c => c.Robots.NoFollow ? [new(Inv($"The page says nofollow ({RobotsSource(c.Robots)}); Google does not follow its links"), RobotsSource(c.Robots))] : []);

    public static readonly Rule DiscoverMaxImagePreview = Rule.Define(
        "discover-max-image-preview-missing", Severity.Info, [Platform.Google],
        "No max-image-preview:large (Google Discover shows small images)",
        "Add <meta name=\"robots\" content=\"max-image-preview:large\"> to allow large images in Discover.",
        RuleSources.GoogleDiscover,
        static c => !string.Equals(c.Robots.MaxImagePreview, "large", StringComparison.OrdinalIgnoreCase)
            ? [new(c.Robots.MaxImagePreview is { } v
                ? Inv($"max-image-preview is \"{Excerpt.Of(v)}\"; Google Discover needs \"large\" for large images")
                : "max-image-preview:large is not set; Google Discover may show only a thumbnail", c.Robots.MaxImagePreview)]
            : []);

    public static readonly Rule HreflangRelative = Rule.Define(
        "hreflang-relative", Severity.Warning, [Platform.Google],
        "hreflang alternate with a relative or invalid URL",
        "Write every <link rel=\"alternate\" hreflang> href as an absolute URL.",
        RuleSources.LighthouseHreflang,
        static c => c.Meta.Hreflangs.Where(l => l.Href.IsRelative || l.Href.Resolved is null)
            .Select(l => new RuleHit(Inv($"The hreflang=\"{Excerpt.Of(l.Hreflang)}\" alternate is \"{Excerpt.Of(l.Href.Raw)}\"; Lighthouse's hreflang audit wants absolute URLs"), l.Href.Raw)));

    public static ImmutableArray<Rule> All { get; } =
    [
        TitleMissing, TitleEmpty, TitleMultiple, TitleTooLong, DescriptionMissing, DescriptionEmpty, DescriptionTooLong,
        CanonicalMissing, CanonicalRelative, CanonicalInvalid, CanonicalMultiple, CanonicalRoot, CanonicalInBody,
        CanonicalOgUrlMismatch, LangMissing, LangInvalid, ViewportMissing, NoIndex, NoFollow, DiscoverMaxImagePreview,
        HreflangRelative,
    ];

    // SVG <title>s never name the document.
    private static IEnumerable<TitleElement> HtmlTitles(PageMeta meta) => meta.Titles.Where(t => !t.InSvg);

    private static bool IsDescription(MetaTag tag) => string.Equals(tag.Name, "description", StringComparison.OrdinalIgnoreCase);

    // One trailing slash and the fragment do not make two URLs different.
    private static string Normal(Uri url) => url.GetLeftPart(UriPartial.Query).TrimEnd('/');

    private static string RobotsSource(RobotsInfo robots) =>
        string.Join("; ", robots.Tags.Select(t => Inv($"<meta name=\"{Excerpt.Of(t.Name)}\" content=\"{Excerpt.Of(t.Content)}\">"))
            .Concat(robots.Header is { } h ? [Inv($"X-Robots-Tag: {Excerpt.Quote(h)}")] : []));
}

using System.Collections.Immutable;
using CardService.Core.Fetching;

namespace CardService.Core.Meta;

/// <summary>
/// Everything <see cref="MetaReader"/> read from one page: the raw tags with their positions, the
/// grouped Open Graph / Twitter / article values, links, JSON-LD, the best values for a card and what
/// each platform would show. Bad pages are normal: nothing here throws, problems are data.
/// </summary>
public sealed record PageMeta
{
    /// <summary>The address the page was read as (relative URLs resolve against it after <c>&lt;base href&gt;</c>).</summary>
    public required Uri PageUrl { get; init; }

    /// <summary>The URL relative references were resolved against: <c>&lt;base href&gt;</c> when valid, else <see cref="PageUrl"/>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The first <c>&lt;base href&gt;</c> as written; null when none.</summary>
    public string? BaseHref { get; init; }

    /// <summary>How the bytes were decoded, when the page was read from bytes; null when read from a string.</summary>
    public DecodedHtml? Decoding { get; init; }

    /// <summary>Every <c>&lt;title&gt;</c> element in document order, including ones in body and inline SVG.</summary>
    public ImmutableArray<TitleElement> Titles { get; init; } = [];

    /// <summary>The effective document title: the first HTML (non-SVG) <c>&lt;title&gt;</c> in head, else the first HTML one anywhere.</summary>
    public string? Title { get; init; }

    /// <summary>The first <c>&lt;meta name="description"&gt;</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>&lt;html lang&gt;</c> as written; null when absent.</summary>
    public string? Lang { get; init; }

    /// <summary>The charset declared by <c>&lt;meta charset&gt;</c> or <c>http-equiv="Content-Type"</c> in the document (first one).</summary>
    public string? MetaCharset { get; init; }

    /// <summary><c>&lt;meta name="viewport"&gt;</c>.</summary>
    public string? Viewport { get; init; }

    /// <summary>The first <c>&lt;meta name="theme-color"&gt;</c> (Discord's side bar).</summary>
    public string? ThemeColor { get; init; }

    /// <summary><c>&lt;meta name="generator"&gt;</c>.</summary>
    public string? Generator { get; init; }

    /// <summary><c>&lt;meta name="application-name"&gt;</c>.</summary>
    public string? ApplicationName { get; init; }

    /// <summary><c>&lt;meta name="author"&gt;</c> values, in order.</summary>
    public ImmutableArray<string> Authors { get; init; } = [];

    /// <summary><c>&lt;meta name="keywords"&gt;</c> split at commas.</summary>
    public ImmutableArray<string> Keywords { get; init; } = [];

    /// <summary>Robots directives from meta tags and the caller's <c>X-Robots-Tag</c> header.</summary>
    public RobotsInfo Robots { get; init; } = RobotsInfo.Empty;

    /// <summary>Every <c>&lt;link rel="canonical"&gt;</c>, in order (more than one is a conflict; ones in body are ignored by Google).</summary>
    public ImmutableArray<PageLink> Canonicals { get; init; } = [];

    /// <summary>Open Graph values (<c>og:*</c>, <c>fb:app_id</c>).</summary>
    public OpenGraphMeta OpenGraph { get; init; } = OpenGraphMeta.Empty;

    /// <summary>Twitter/X card values (<c>twitter:*</c>, from <c>name=</c> and <c>property=</c>).</summary>
    public TwitterMeta Twitter { get; init; } = TwitterMeta.Empty;

    /// <summary>Open Graph article values (<c>article:*</c>).</summary>
    public ArticleMeta Article { get; init; } = ArticleMeta.Empty;

    /// <summary>Declared icons: <c>rel=icon</c>, <c>shortcut icon</c>, <c>apple-touch-icon</c>, <c>mask-icon</c>, …</summary>
    public ImmutableArray<PageLink> Icons { get; init; } = [];

    /// <summary>The icon a crawler would use: the first declared one, else <c>/favicon.ico</c> flagged as a fallback.</summary>
    public FaviconChoice? Favicon { get; init; }

    /// <summary><c>&lt;link rel="alternate" type="application/json+oembed"|"text/xml+oembed"&gt;</c> links.</summary>
    public ImmutableArray<PageLink> OEmbeds { get; init; } = [];

    /// <summary><c>&lt;link rel="alternate" hreflang&gt;</c> links.</summary>
    public ImmutableArray<PageLink> Hreflangs { get; init; } = [];

    /// <summary>RSS / Atom / JSON feed links (<c>rel="alternate"</c> with a feed type).</summary>
    public ImmutableArray<PageLink> Feeds { get; init; } = [];

    /// <summary>Every <c>&lt;script type="application/ld+json"&gt;</c> block, including ones that failed to parse.</summary>
    public ImmutableArray<JsonLdBlock> JsonLd { get; init; } = [];

    /// <summary>The first few <c>&lt;img src&gt;</c> in the document (open-graph-scraper's image fallback).</summary>
    public ImmutableArray<UrlValue> BodyImages { get; init; } = [];

    // The raw src of body images whose own attributes mark them as a logo or an icon; best values pass over them.
    internal ImmutableArray<string> ChromeImages { get; init; } = [];

    /// <summary>Every <c>&lt;meta&gt;</c> element, raw, in document order.</summary>
    public ImmutableArray<MetaTag> Tags { get; init; } = [];

    /// <summary>Every <c>&lt;link&gt;</c> element, raw, in document order.</summary>
    public ImmutableArray<PageLink> Links { get; init; } = [];

    /// <summary>The best value of each card field, each with where it came from.</summary>
    public BestValues Best { get; init; } = BestValues.Empty;

    /// <summary>What each platform would show for this page (one entry per <see cref="PreviewPlatform"/>).</summary>
    public ImmutableArray<EffectivePreview> Previews { get; init; } = [];

    /// <summary>The length of the document text in characters (positions are offsets into it).</summary>
    public int DocumentLength { get; init; }

    /// <summary>Whether element positions were recorded (<see cref="ReadOptions.RecordPositions"/>).</summary>
    public bool HasPositions { get; init; }
}

/// <summary>A URL as written in the page and as resolved against the base URL.</summary>
/// <param name="Raw">The attribute value as written (entities decoded, trimmed).</param>
/// <param name="Resolved">The absolute URL; null when <paramref name="Raw"/> cannot be resolved (empty, malformed, <c>javascript:</c>).</param>
public sealed record UrlValue(string Raw, Uri? Resolved)
{
    /// <summary>Whether the raw value is an absolute URL with a scheme.</summary>
    public bool IsAbsolute => HasScheme(Raw);

    /// <summary>Whether the raw value starts with <c>//</c> (scheme taken from the page).</summary>
    public bool IsProtocolRelative => Raw.StartsWith("//", StringComparison.Ordinal);

    /// <summary>Whether the raw value is relative (path- or protocol-relative): Facebook wants absolute URLs.</summary>
    public bool IsRelative => !IsAbsolute;

    /// <summary>The resolved URL as a string, else the raw value.</summary>
    public string Value => Resolved?.AbsoluteUri ?? Raw;

    /// <inheritdoc/>
    public override string ToString() => Value;

    // "/x" parses as file:///x on Unix, so look for a scheme ("https:") rather than asking Uri.
    private static bool HasScheme(string raw)
    {
        var colon = raw.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(raw[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = raw[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A value chosen for a field, and the tag it came from.</summary>
/// <param name="Value">The value (text trimmed with whitespace collapsed; URLs resolved).</param>
/// <param name="Source">Where it came from: <c>og:title</c>, <c>twitter:title</c>, <c>title</c>, <c>json-ld:headline</c>, <c>meta:description</c>, …</param>
public sealed record MetaValue(string Value, string Source);

/// <summary>One <c>&lt;title&gt;</c> element.</summary>
/// <param name="Text">Its text, whitespace collapsed.</param>
/// <param name="InHead">Whether it is inside <c>&lt;head&gt;</c>.</param>
/// <param name="InSvg">Whether it is an SVG <c>&lt;title&gt;</c> (inline SVG), which never names the document.</param>
/// <param name="Position">Character offset of the element's start in the document; null when positions were not recorded.</param>
public sealed record TitleElement(string Text, bool InHead, bool InSvg, int? Position);

/// <summary>Which attribute named a meta tag.</summary>
public enum MetaKeyKind
{
    /// <summary>No <c>name</c> or <c>property</c> (e.g. <c>&lt;meta charset&gt;</c>, <c>http-equiv</c>).</summary>
    None,

    /// <summary><c>name=</c>.</summary>
    Name,

    /// <summary><c>property=</c>.</summary>
    Property,

    /// <summary>Both, with different values (jekyll-seo-tag 2.9: <c>name="twitter:description" property="og:description"</c>).</summary>
    Both,
}

/// <summary>One <c>&lt;meta&gt;</c> element as written.</summary>
/// <param name="Name">The <c>name</c> attribute; null when absent.</param>
/// <param name="Property">The <c>property</c> attribute; null when absent.</param>
/// <param name="Content">The value: <c>content</c>, else <c>value</c> (metascraper-segment pages); null when neither. Whitespace collapsed.</param>
/// <param name="Position">Character offset of the element's start in the document; null when positions were not recorded.</param>
public sealed record MetaTag(string? Name, string? Property, string? Content, int? Position)
{
    /// <summary>The <c>http-equiv</c> attribute; null when absent.</summary>
    public string? HttpEquiv { get; init; }

    /// <summary>The <c>charset</c> attribute; null when absent.</summary>
    public string? Charset { get; init; }

    /// <summary>The <c>itemprop</c> attribute (microdata); null when absent.</summary>
    public string? ItemProp { get; init; }

    /// <summary>Whether the value came from <c>value=</c> because <c>content=</c> was missing.</summary>
    public bool ContentFromValueAttribute { get; init; }

    /// <summary>Whether the element sits inside <c>&lt;head&gt;</c> (tags in body are ignored by some crawlers).</summary>
    public bool InHead { get; init; }

    /// <summary>The element's index among the page's meta elements.</summary>
    public int Index { get; init; }

    /// <summary>Which attribute named it.</summary>
    public MetaKeyKind KeyKind => (Name, Property) switch
    {
        (null, null) => MetaKeyKind.None,
        (not null, null) => MetaKeyKind.Name,
        (null, not null) => MetaKeyKind.Property,
        _ => string.Equals(Name, Property, StringComparison.OrdinalIgnoreCase) ? MetaKeyKind.Property : MetaKeyKind.Both,
    };
}

/// <summary>One <c>&lt;link&gt;</c> element.</summary>
/// <param name="Rel">The <c>rel</c> attribute, lower-cased, whitespace collapsed.</param>
/// <param name="Href">The <c>href</c>, raw and resolved.</param>
/// <param name="Position">Character offset of the element's start in the document; null when positions were not recorded.</param>
public sealed record PageLink(string Rel, UrlValue Href, int? Position)
{
    /// <summary>The <c>type</c> attribute.</summary>
    public string? Type { get; init; }

    /// <summary>The <c>hreflang</c> attribute.</summary>
    public string? Hreflang { get; init; }

    /// <summary>The <c>sizes</c> attribute (icons).</summary>
    public string? Sizes { get; init; }

    /// <summary>The <c>title</c> attribute (feeds, oEmbed).</summary>
    public string? Title { get; init; }

    /// <summary>The <c>media</c> attribute.</summary>
    public string? Media { get; init; }

    /// <summary>Whether the element sits inside <c>&lt;head&gt;</c> (a canonical in body is ignored).</summary>
    public bool InHead { get; init; }
}

/// <summary>The icon chosen for a page.</summary>
/// <param name="Url">The icon's URL.</param>
/// <param name="IsFallback">True when the page declares no icon and <c>/favicon.ico</c> is assumed.</param>
/// <param name="Source">The <c>rel</c> it came from, or <c>default:/favicon.ico</c>.</param>
public sealed record FaviconChoice(UrlValue Url, bool IsFallback, string Source);

/// <summary>One robots meta tag (<c>robots</c>, <c>googlebot</c>, <c>bingbot</c>, …).</summary>
/// <param name="Name">The <c>name</c> attribute, lower-cased.</param>
/// <param name="Content">Its directives as written.</param>
/// <param name="Position">Character offset; null when positions were not recorded.</param>
public sealed record RobotsTag(string Name, string Content, int? Position);

/// <summary>Robots directives that apply to the page.</summary>
/// <param name="Tags">Robots meta tags in order.</param>
/// <param name="Header">The <c>X-Robots-Tag</c> header value passed by the caller; null when none.</param>
public sealed record RobotsInfo(ImmutableArray<RobotsTag> Tags, string? Header)
{
    /// <summary>No tags, no header.</summary>
    public static RobotsInfo Empty { get; } = new([], null);

    /// <summary>Whether any tag or the header says <c>noindex</c> (or <c>none</c>).</summary>
    public bool NoIndex { get; init; }

    /// <summary>Whether any tag or the header says <c>nofollow</c> (or <c>none</c>).</summary>
    public bool NoFollow { get; init; }

    /// <summary>The <c>max-image-preview</c> value (<c>none</c>, <c>standard</c>, <c>large</c>); null when not given.</summary>
    public string? MaxImagePreview { get; init; }
}

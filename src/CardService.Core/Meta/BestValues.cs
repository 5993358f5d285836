namespace CardService.Core.Meta;

/// <summary>
/// The best value of each field for making a card or a preview from a page, each with its source
/// (og → twitter → HTML → JSON-LD, per field). Null when the page offers nothing.
/// </summary>
public sealed record BestValues
{
    /// <summary>Nothing found.</summary>
    public static BestValues Empty { get; } = new();

    /// <summary><c>og:title</c> → <c>twitter:title</c> → <c>&lt;title&gt;</c> → JSON-LD <c>headline</c>/<c>name</c>.</summary>
    public MetaValue? Title { get; init; }

    /// <summary><c>og:description</c> → <c>twitter:description</c> → <c>meta description</c> → JSON-LD <c>description</c>.</summary>
    public MetaValue? Description { get; init; }

    /// <summary>
    /// <c>og:image</c> (secure URL preferred) → <c>twitter:image</c> → JSON-LD <c>image</c> → the first <c>&lt;img&gt;</c> that is
    /// not a logo or icon (SVG, ICO, or a path naming a logo, icon, sprite, avatar, …); resolved.
    /// </summary>
    public MetaValue? Image { get; init; }

    /// <summary><c>og:url</c> → canonical → the page URL; resolved.</summary>
    public MetaValue? Url { get; init; }

    /// <summary>
    /// <c>og:site_name</c> → JSON-LD publisher / WebSite name → the site's part of <c>&lt;title&gt;</c> (<c>Post | Site</c>, beside
    /// the post's own title or naming the host) → <c>meta publisher</c> → <c>application-name</c>; a fallback that only repeats
    /// the post's title is passed over.
    /// </summary>
    public MetaValue? SiteName { get; init; }

    /// <summary><c>meta author</c> → JSON-LD author → <c>article:author</c> (when not a URL) → <c>twitter:creator</c>.</summary>
    public MetaValue? Author { get; init; }

    /// <summary><c>article:published_time</c> → JSON-LD <c>datePublished</c> → other date metas, as written.</summary>
    public MetaValue? PublishedDate { get; init; }

    /// <summary><c>og:locale</c> → <c>&lt;html lang&gt;</c> → JSON-LD <c>inLanguage</c>, as written.</summary>
    public MetaValue? Locale { get; init; }

    /// <summary><c>article:section</c> → JSON-LD <c>articleSection</c> → first <c>article:tag</c> / keyword.</summary>
    public MetaValue? Category { get; init; }
}

using System.Collections.Immutable;

namespace CardService.Core.Meta;

/// <summary>The places a link preview is shown, each with its own fallbacks and truncation.</summary>
public enum PreviewPlatform
{
    X,
    Facebook,
    LinkedIn,
    Slack,
    Discord,
    GoogleSearch,
}

/// <summary>The kind of X card a page gets.</summary>
public enum XCardKind
{
    /// <summary>No card: no <c>twitter:card</c> and not enough Open Graph for an implicit one.</summary>
    None,

    /// <summary><c>summary</c> (also the implicit card of RULES.md #22).</summary>
    Summary,

    /// <summary><c>summary_large_image</c>.</summary>
    SummaryLargeImage,

    /// <summary><c>app</c>.</summary>
    App,

    /// <summary><c>player</c>.</summary>
    Player,

    /// <summary>A <c>twitter:card</c> value X does not know.</summary>
    Unknown,
}

/// <summary>A label/value pair a platform shows under the preview (Slack's <c>twitter:label1/data1</c>).</summary>
public sealed record PreviewField(string Label, string Value);

/// <summary>What one platform would show when the page is shared, after its fallbacks and truncation.</summary>
/// <param name="Platform">The platform.</param>
public sealed record EffectivePreview(PreviewPlatform Platform)
{
    /// <summary>The title as shown (truncated), with the tag it came from.</summary>
    public MetaValue? Title { get; init; }

    /// <summary>Whether <see cref="Title"/> was shortened.</summary>
    public bool TitleTruncated { get; init; }

    /// <summary>The description as shown (truncated), with its source.</summary>
    public MetaValue? Description { get; init; }

    /// <summary>Whether <see cref="Description"/> was shortened.</summary>
    public bool DescriptionTruncated { get; init; }

    /// <summary>The image URL (resolved), with its source.</summary>
    public MetaValue? Image { get; init; }

    /// <summary>The image width as declared (<c>og:image:width</c>), not measured.</summary>
    public int? ImageWidth { get; init; }

    /// <summary>The image height as declared, not measured.</summary>
    public int? ImageHeight { get; init; }

    /// <summary>The image's alt text as declared.</summary>
    public string? ImageAlt { get; init; }

    /// <summary>The site name shown (og:site_name, or the host where a platform shows that).</summary>
    public MetaValue? SiteName { get; init; }

    /// <summary>The page's host as shown (<c>www.</c> removed).</summary>
    public string? Domain { get; init; }

    /// <summary>The link the preview opens (og:url, canonical or the page URL).</summary>
    public string? Url { get; init; }

    /// <summary>Google's breadcrumb line: <c>host › path › segments</c>.</summary>
    public string? Breadcrumb { get; init; }

    /// <summary>X only: the card kind; null on other platforms.</summary>
    public XCardKind? CardKind { get; init; }

    /// <summary>Discord only: the embed's side bar colour (<c>theme-color</c>).</summary>
    public string? ThemeColor { get; init; }

    /// <summary>Slack only: <c>twitter:label1/data1</c>, <c>label2/data2</c>.</summary>
    public ImmutableArray<PreviewField> Fields { get; init; } = [];

    /// <summary>Slack only: the oEmbed endpoint Slack would try first; null when the page declares none.</summary>
    public string? OEmbedUrl { get; init; }

    /// <summary>Whether the platform would show a preview at all (e.g. Discord needs a title or description).</summary>
    public bool HasPreview { get; init; }

    /// <summary>Tags that fall past the platform's read window (Slack ≈ 32 KB, Facebook 1 MB) and so would not be seen; empty when positions are off.</summary>
    public ImmutableArray<string> TagsPastWindow { get; init; } = [];
}

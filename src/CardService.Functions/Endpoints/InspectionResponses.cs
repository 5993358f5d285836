using System.Collections.Immutable;
using CardService.Core.Inspection;
using CardService.Core.Meta;
using CardService.Core.Validation;

namespace CardService.Functions.Endpoints;

/// <summary>The answer of <c>/meta</c>: what the page says and what each platform would show.</summary>
/// <param name="Url">The URL asked for.</param>
/// <param name="Fetched">Whether the page was fetched (false when its HTML was posted).</param>
/// <param name="Meta">The page's metadata.</param>
/// <param name="Previews">What each platform would show.</param>
/// <param name="Facts">What is known besides the HTML: status, redirects, headers, charset, robots.txt, probed images.</param>
/// <param name="Timings">Milliseconds per step.</param>
public sealed record MetaResponse(
    Uri Url,
    bool Fetched,
    PageMetaView Meta,
    ImmutableArray<EffectivePreview> Previews,
    PageFacts Facts,
    InspectionTimings Timings)
{
    public static MetaResponse From(PageInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        return new(inspection.RequestedUrl, inspection.Fetched, PageMetaView.From(inspection.Meta), inspection.Meta.Previews, inspection.Facts, inspection.Timings);
    }
}

/// <summary>The answer of <c>/validate</c>: the report, with the metadata it judged.</summary>
/// <param name="Url">The URL asked for.</param>
/// <param name="PageUrl">The page judged (its final URL when fetched).</param>
/// <param name="Fetched">Whether the page was fetched (false when its HTML was posted).</param>
/// <param name="Score">0–100.</param>
/// <param name="Counts">Findings per severity.</param>
/// <param name="Findings">Every finding, errors first.</param>
/// <param name="Platforms">One verdict per platform.</param>
/// <param name="NotChecked">Rules not checked because the facts they need are unknown.</param>
/// <param name="Meta">The page's metadata.</param>
/// <param name="Previews">What each platform would show.</param>
/// <param name="Facts">What is known besides the HTML.</param>
/// <param name="Timings">Milliseconds per step.</param>
public sealed record ValidateResponse(
    Uri Url,
    Uri PageUrl,
    bool Fetched,
    int Score,
    SeverityCounts Counts,
    ImmutableArray<Finding> Findings,
    ImmutableArray<PlatformVerdict> Platforms,
    ImmutableArray<string> NotChecked,
    PageMetaView Meta,
    ImmutableArray<EffectivePreview> Previews,
    PageFacts Facts,
    InspectionTimings Timings)
{
    public static ValidateResponse From(PageInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var report = inspection.Report;
        return new(
            inspection.RequestedUrl, report.PageUrl, inspection.Fetched, report.Score, report.Counts, report.Findings, report.Platforms,
            report.NotChecked, PageMetaView.From(inspection.Meta), inspection.Meta.Previews, inspection.Facts, inspection.Timings);
    }
}

/// <summary>
/// <see cref="PageMeta"/> as the API shows it: the decoded document text is left out (the charset facts stay), and so is the
/// raw text of JSON-LD blocks (their parsed fields and errors stay). Previews travel beside it.
/// </summary>
public sealed record PageMetaView
{
    public required Uri PageUrl { get; init; }
    public required Uri BaseUrl { get; init; }
    public string? BaseHref { get; init; }
    public CharsetFacts? Charset { get; init; }
    public string? Title { get; init; }
    public ImmutableArray<TitleElement> Titles { get; init; } = [];
    public string? Description { get; init; }
    public string? Lang { get; init; }
    public string? MetaCharset { get; init; }
    public string? Viewport { get; init; }
    public string? ThemeColor { get; init; }
    public string? Generator { get; init; }
    public string? ApplicationName { get; init; }
    public ImmutableArray<string> Authors { get; init; } = [];
    public ImmutableArray<string> Keywords { get; init; } = [];
    public required RobotsInfo Robots { get; init; }
    public ImmutableArray<PageLink> Canonicals { get; init; } = [];
    public required OpenGraphMeta OpenGraph { get; init; }
    public required TwitterMeta Twitter { get; init; }
    public required ArticleMeta Article { get; init; }
    public ImmutableArray<PageLink> Icons { get; init; } = [];
    public FaviconChoice? Favicon { get; init; }
    public ImmutableArray<PageLink> OEmbeds { get; init; } = [];
    public ImmutableArray<PageLink> Hreflangs { get; init; } = [];
    public ImmutableArray<PageLink> Feeds { get; init; } = [];
    public ImmutableArray<JsonLdView> JsonLd { get; init; } = [];
    public ImmutableArray<UrlValue> BodyImages { get; init; } = [];
    public required BestValues Best { get; init; }
    public ImmutableArray<MetaTag> Tags { get; init; } = [];
    public ImmutableArray<PageLink> Links { get; init; } = [];
    public int DocumentLength { get; init; }

    public static PageMetaView From(PageMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return new PageMetaView
        {
            PageUrl = meta.PageUrl,
            BaseUrl = meta.BaseUrl,
            BaseHref = meta.BaseHref,
            Charset = meta.Decoding is { } decoding ? CharsetFacts.From(decoding) : null,
            Title = meta.Title,
            Titles = meta.Titles,
            Description = meta.Description,
            Lang = meta.Lang,
            MetaCharset = meta.MetaCharset,
            Viewport = meta.Viewport,
            ThemeColor = meta.ThemeColor,
            Generator = meta.Generator,
            ApplicationName = meta.ApplicationName,
            Authors = meta.Authors,
            Keywords = meta.Keywords,
            Robots = meta.Robots,
            Canonicals = meta.Canonicals,
            OpenGraph = meta.OpenGraph,
            Twitter = meta.Twitter,
            Article = meta.Article,
            Icons = meta.Icons,
            Favicon = meta.Favicon,
            OEmbeds = meta.OEmbeds,
            Hreflangs = meta.Hreflangs,
            Feeds = meta.Feeds,
            JsonLd = [.. meta.JsonLd.Select(b => new JsonLdView(b.Index, b.IsValid, b.InHead, b.Error, b.Items, b.Position))],
            BodyImages = meta.BodyImages,
            Best = meta.Best,
            Tags = meta.Tags,
            Links = meta.Links,
            DocumentLength = meta.DocumentLength,
        };
    }
}

/// <summary>One JSON-LD block without its raw text.</summary>
public sealed record JsonLdView(int Index, bool IsValid, bool InHead, JsonLdError? Error, ImmutableArray<JsonLdItem> Items, int? Position);

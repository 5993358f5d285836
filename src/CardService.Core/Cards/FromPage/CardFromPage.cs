using System.Collections.Immutable;
using System.Globalization;
using CardService.Core.Meta;

namespace CardService.Core.Cards.FromPage;

/// <summary>
/// Reads the fields of a post's card from its page (<see cref="Read"/>), and lays a request's own fields over them
/// (<see cref="Merge"/>). Pure: no fetching, so the API and the CLI share it and tests feed it made pages.
/// </summary>
public static class CardFromPage
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "dd MMM yyyy", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy"];

    /// <summary>
    /// Title: <c>og:title</c> → <c>twitter:title</c> → <c>&lt;title&gt;</c> without the site's name (<see cref="TitleCleaner"/>) →
    /// JSON-LD headline/name. Category: <c>article:section</c> → JSON-LD <c>articleSection</c> → first tag/keyword → the URL path.
    /// Site name: <c>og:site_name</c> → JSON-LD publisher → <c>application-name</c> → the host. Author and date from tags and
    /// JSON-LD (the date shown as <c>yyyy-MM-dd</c>, in the page's own offset). Accent: a hex <c>theme-color</c>.
    /// </summary>
    public static PageCard Read(PageMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var best = meta.Best;
        var sources = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var host = meta.PageUrl.Host;

        var siteName = Take(sources, CardFieldNames.SiteName, best.SiteName)
            ?? Take(sources, CardFieldNames.SiteName, new MetaValue(HostName(host), CardSources.Host));

        var title = best.Title is { Source: Sources.Title } documentTitle
            ? documentTitle with { Value = TitleCleaner.StripSiteName(documentTitle.Value, best.SiteName?.Value, host) }
            : best.Title;

        var categoryFromPath = CategoryFromPath.Find(meta.PageUrl) is { } segment ? new MetaValue(segment, CardSources.Path) : null;
        var date = best.PublishedDate is { } published && FormatDate(published.Value) is { } shown ? published with { Value = shown } : null;
        var accent = meta.ThemeColor is { } color && CardColors.TryParse(color.Trim(), out _) ? new MetaValue(color.Trim(), CardSources.ThemeColor) : null;

        var fields = new CardFields
        {
            Title = Take(sources, CardFieldNames.Title, title, CardLimits.MaxTitleLength),
            Category = Take(sources, CardFieldNames.Category, best.Category ?? categoryFromPath),
            SiteName = siteName,
            Author = Take(sources, CardFieldNames.Author, best.Author),
            Date = Take(sources, CardFieldNames.Date, date),
            Accent = Take(sources, CardFieldNames.Accent, accent),
        };

        return new PageCard { PageUrl = meta.PageUrl, Fields = fields, Sources = sources.ToImmutable(), Icons = IconsOf(meta) };
    }

    /// <summary>
    /// The request's fields over the page's: any text field or accent the request gives wins (source <c>request</c>);
    /// logo, background, theme, format and size are the request's alone.
    /// </summary>
    public static (CardFields Fields, ImmutableDictionary<string, string> Sources) Merge(PageCard page, CardFields request)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(request);
        var sources = page.Sources.ToBuilder();
        var from = page.Fields;
        var merged = request with
        {
            Title = Pick(sources, CardFieldNames.Title, request.Title, from.Title),
            Category = Pick(sources, CardFieldNames.Category, request.Category, from.Category),
            Description = Pick(sources, CardFieldNames.Description, request.Description, from.Description),
            SiteName = Pick(sources, CardFieldNames.SiteName, request.SiteName, from.SiteName),
            Author = Pick(sources, CardFieldNames.Author, request.Author, from.Author),
            Date = Pick(sources, CardFieldNames.Date, request.Date, from.Date),
            Accent = Pick(sources, CardFieldNames.Accent, request.Accent, from.Accent),
        };

        if (!string.IsNullOrEmpty(request.Logo) && !string.Equals(request.Logo, CardImages.Auto, StringComparison.OrdinalIgnoreCase))
        {
            sources[CardFieldNames.Logo] = CardSources.Request;
        }

        if (!string.IsNullOrEmpty(request.Background))
        {
            sources[CardFieldNames.Background] = CardSources.Request;
        }

        return (merged, sources.ToImmutable());
    }

    /// <summary>
    /// A date as a card shows it, <c>yyyy-MM-dd</c>: ISO 8601 (the date in the offset it was written with, not UTC),
    /// RFC 1123 and a few written forms. Null when the value is no date.
    /// </summary>
    public static string? FormatDate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var day))
        {
            return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // "2022-01-11T09:30:00+05:30" was the 11th where it was written, whatever the date in UTC.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var moment)
            ? moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    private static string? Take(ImmutableDictionary<string, string>.Builder sources, string field, MetaValue? value, int max = CardLimits.MaxTextFieldLength)
    {
        if (value is null || string.IsNullOrWhiteSpace(value.Value))
        {
            return null;
        }

        sources[field] = value.Source;
        // The page's text is not the caller's fault: cut it to fit rather than refuse the card.
        return CardText.Clip(value.Value.Trim(), max);
    }

    private static string? Pick(ImmutableDictionary<string, string>.Builder sources, string field, string? requested, string? fromPage)
    {
        if (!string.IsNullOrEmpty(requested))
        {
            sources[field] = CardSources.Request;
            return requested;
        }

        return fromPage;
    }

    private static string HostName(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    private static ImmutableArray<PageIcon> IconsOf(PageMeta meta)
    {
        var declared = meta.Icons
            .Where(i => i.Href.Resolved is { Scheme: "http" or "https" } && !IsSvg(i))
            .Select(i => (Link: i, Rels: i.Rel.Split(' ')))
            .Where(i => !i.Rels.Contains(LinkRels.MaskIcon))
            .ToList();
        var apple = declared.Where(i => i.Rels.Any(r => r is LinkRels.AppleTouchIcon or LinkRels.AppleTouchIconPrecomposed));
        var others = declared.Where(i => i.Rels.Contains(LinkRels.Icon)).OrderByDescending(i => LargestSide(i.Link.Sizes));
        var favicon = new PageIcon(new Uri(meta.PageUrl, "/favicon.ico"), LinkRels.DefaultFaviconSource);
        return [.. apple.Concat(others)
            .Select(i => new PageIcon(i.Link.Href.Resolved!, i.Link.Rel))
            .Append(favicon)
            .DistinctBy(i => i.Url.AbsoluteUri)];
    }

    private static bool IsSvg(PageLink link) =>
        link.Type is "image/svg+xml" || link.Href.Resolved!.AbsolutePath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    // sizes="32x32 192x192" → 192; "any" or nothing → 0 (an undeclared size is no reason to prefer an icon).
    private static int LargestSide(string? sizes) =>
        (sizes ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('x', 'X'))
            .Select(p => p.Length == 2 && CardSpecFactory.TryParseInt(p[0], out var w) && CardSpecFactory.TryParseInt(p[1], out var h) ? Math.Min(w, h) : 0)
            .DefaultIfEmpty(0)
            .Max();
}

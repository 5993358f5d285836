using System.Collections.Immutable;
using AngleSharp.Dom;
using CardService.Core.Fetching;

namespace CardService.Core.Meta;

/// <summary>One pass over the DOM: collects raw tags, then groups them into <see cref="PageMeta"/>.</summary>
internal sealed class MetaCollector(Uri pageUrl, ReadOptions options)
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    private readonly List<TitleElement> _titles = [];
    private readonly List<MetaTag> _metas = [];
    private readonly List<(RawTag Tag, bool InHead)> _links = [];
    private readonly List<(string Text, int? Position, bool InHead)> _scripts = [];
    private readonly List<string> _images = [];
    private readonly HashSet<string> _chromeImages = [];
    private string? _baseHref;

    /// <summary>The largest element offset seen in the DOM walk; the body scan starts after it.</summary>
    public int LastPosition { get; private set; } = -1;

    public void Walk(IElement? element, bool inHead, bool inSvg)
    {
        for (var child = element?.FirstElementChild; child is not null; child = child.NextElementSibling)
        {
            Visit(child, inHead, inSvg);
        }
    }

    private void Visit(IElement element, bool inHead, bool inSvg)
    {
        var name = element.LocalName;
        var svg = inSvg || element.NamespaceUri == SvgNamespace;
        var raw = element.SourceReference is { } reference ? reference.Position.Position - 1 : (int?)null;
        if (raw > LastPosition)
        {
            LastPosition = raw.Value;
        }

        // The body scan needs source references even when the caller does not want positions exposed.
        var position = options.RecordPositions ? raw : null;

        switch (name)
        {
            case "head":
                Walk(element, inHead: true, svg);
                return;
            case "title":
                AddTitle(element.TextContent, inHead, svg, position);
                return;
            case "meta" when !svg:
                AddMeta(RawTag.From(element, position), inHead);
                return;
            case "link" when !svg:
                AddLink(RawTag.From(element, position), inHead);
                return;
            case "base" when !svg:
                SetBase(element.GetAttribute("href"));
                return;
            case "script":
                if (IsJsonLd(element.GetAttribute("type")))
                {
                    AddJsonLd(element.TextContent, position, inHead);
                }

                return;
            case "img" when !svg:
                AddImage(element.GetAttribute("src"), ImageMarks.IsChrome(element.GetAttribute));
                break;
            default:
                break;
        }

        Walk(element, inHead, svg);
    }

    public static bool IsJsonLd(string? type) => string.Equals(type?.Trim(), LinkRels.JsonLdType, StringComparison.OrdinalIgnoreCase);

    public void AddTitle(string text, bool inHead, bool inSvg, int? position) =>
        _titles.Add(new TitleElement(MetaText.Collapse(text) ?? string.Empty, inHead, inSvg, position));

    public void AddLink(RawTag tag, bool inHead) => _links.Add((tag, inHead));

    public void SetBase(string? href) => _baseHref ??= MetaText.NullIfEmpty(href?.Trim());

    public void AddJsonLd(string text, int? position, bool inHead) => _scripts.Add((text, position, inHead));

    public void AddImage(string? source, bool isChrome)
    {
        if (_images.Count < options.MaxBodyImages && MetaText.NullIfEmpty(source?.Trim()) is { } src
            && !src.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            // A repeated image (a separator, a spacer) is the page's chrome; keep room for distinct ones.
            && !_images.Contains(src))
        {
            _images.Add(src);
            if (isChrome)
            {
                _chromeImages.Add(src);
            }
        }
    }

    public void AddMeta(RawTag element, bool inHead)
    {
        var content = element.GetAttribute("content");
        var fromValue = false;
        if (content is null && element.GetAttribute("value") is { } value)
        {
            // metascraper-segment pages write value= instead of content=; browsers ignore it, scrapers accept it.
            (content, fromValue) = (value, true);
        }

        var tag = new MetaTag(Key(element.GetAttribute("name")), Key(element.GetAttribute("property")), MetaText.Collapse(content), element.Position)
        {
            HttpEquiv = element.GetAttribute("http-equiv")?.Trim(),
            Charset = element.GetAttribute("charset")?.Trim(),
            ItemProp = element.GetAttribute("itemprop")?.Trim(),
            ContentFromValueAttribute = fromValue,
            InHead = inHead,
            Index = _metas.Count,
        };
        _metas.Add(tag);
    }

    private static string? Key(string? value) => MetaText.NullIfEmpty(value?.Trim().ToLowerInvariant());

    /// <summary>Whether positions are exposed on the records (<see cref="ReadOptions.RecordPositions"/>).</summary>
    public bool RecordPositions => options.RecordPositions;

    public PageMeta ToPageMeta(string? lang, int length, DecodedHtml? decoded)
    {
        var baseUrl = WebUrl.TryResolve(pageUrl, _baseHref, out var b) ? b : pageUrl;
        var resolver = new UrlResolver(baseUrl);
        var groups = new TagGrouper(resolver);
        var robots = ImmutableArray.CreateBuilder<RobotsTag>();
        string? metaCharset = null;
        foreach (var tag in _metas)
        {
            metaCharset ??= tag.Charset is { Length: > 0 } ? tag.Charset
                : string.Equals(tag.HttpEquiv, "content-type", StringComparison.OrdinalIgnoreCase) ? CharsetDecoder.CharsetFromContentType(tag.Content)
                : null;
            if (tag.Name is { } n && IsRobotsName(n) && tag.Content is not null)
            {
                robots.Add(new RobotsTag(n, tag.Content, tag.Position));
            }

            groups.Add(tag);
        }

        var links = _links.Select(l => ToLink(l.Tag, l.InHead, resolver)).ToImmutableArray();
        var icons = links.Where(IsIcon).ToImmutableArray();
        var title = _titles.FirstOrDefault(t => t is { InHead: true, InSvg: false }) ?? _titles.FirstOrDefault(t => !t.InSvg);
        var jsonLd = _scripts.Select((s, i) => JsonLdReader.Read(i, s.Text, s.Position, s.InHead)).ToImmutableArray();

        return new PageMeta
        {
            PageUrl = pageUrl,
            BaseUrl = baseUrl,
            BaseHref = _baseHref,
            Decoding = decoded,
            Titles = [.. _titles],
            Title = MetaText.NullIfEmpty(title?.Text),
            Description = groups.First(MetaNames.Description),
            Lang = MetaText.NullIfEmpty(lang?.Trim()),
            MetaCharset = metaCharset,
            Viewport = groups.First(MetaNames.Viewport),
            ThemeColor = groups.First(MetaNames.ThemeColor),
            Generator = groups.First(MetaNames.Generator),
            ApplicationName = groups.First(MetaNames.ApplicationName),
            Authors = groups.All(MetaNames.Author),
            Keywords = [.. groups.All(MetaNames.Keywords).SelectMany(k => k.Split(',')).Select(k => k.Trim()).Where(k => k.Length > 0)],
            Robots = RobotsParser.Parse(robots.ToImmutable(), options.XRobotsTag),
            Canonicals = [.. links.Where(l => HasRel(l, LinkRels.Canonical))],
            OpenGraph = groups.OpenGraph(),
            Twitter = groups.Twitter(),
            Article = groups.Article(),
            Icons = icons,
            Favicon = ChooseFavicon(icons, baseUrl),
            OEmbeds = [.. links.Where(l => HasRel(l, LinkRels.Alternate) && l.Type is LinkRels.OEmbedJson or LinkRels.OEmbedXml)],
            Hreflangs = [.. links.Where(l => HasRel(l, LinkRels.Alternate) && l.Hreflang is not null)],
            Feeds = [.. links.Where(l => HasRel(l, LinkRels.Alternate) && l.Type is not null && LinkRels.FeedTypes.Contains(l.Type))],
            JsonLd = jsonLd,
            BodyImages = [.. _images.Select(resolver.Resolve)],
            ChromeImages = [.. _chromeImages],
            Tags = [.. _metas],
            Links = links,
            DocumentLength = length,
            HasPositions = options.RecordPositions,
        };
    }

    private static PageLink ToLink(RawTag element, bool inHead, UrlResolver resolver) =>
        new(MetaText.Collapse(element.GetAttribute("rel")?.ToLowerInvariant()) ?? string.Empty, resolver.Resolve(element.GetAttribute("href")?.Trim() ?? string.Empty), element.Position)
        {
            Type = MetaText.NullIfEmpty(element.GetAttribute("type")?.Trim().ToLowerInvariant()),
            Hreflang = MetaText.NullIfEmpty(element.GetAttribute("hreflang")?.Trim()),
            Sizes = MetaText.NullIfEmpty(element.GetAttribute("sizes")?.Trim()),
            Title = MetaText.NullIfEmpty(MetaText.Collapse(element.GetAttribute("title"))),
            Media = MetaText.NullIfEmpty(element.GetAttribute("media")?.Trim()),
            InHead = inHead,
        };

    private static bool HasRel(PageLink link, string rel) =>
        link.Rel.Split(' ').Contains(rel, StringComparer.Ordinal);

    private static bool IsIcon(PageLink link) =>
        link.Href.Raw.Length > 0 && link.Rel.Split(' ').Any(r => r is LinkRels.Icon or LinkRels.AppleTouchIcon or LinkRels.AppleTouchIconPrecomposed or LinkRels.MaskIcon);

    // Browsers prefer rel=icon over apple-touch-icon for the tab icon; /favicon.ico is only an assumption.
    private static FaviconChoice ChooseFavicon(ImmutableArray<PageLink> icons, Uri baseUrl)
    {
        var icon = icons.FirstOrDefault(i => i.Rel.Split(' ').Contains(LinkRels.Icon)) ?? icons.FirstOrDefault();
        if (icon is not null)
        {
            return new FaviconChoice(icon.Href, false, icon.Rel);
        }

        var fallback = new Uri(baseUrl, "/favicon.ico");
        return new FaviconChoice(new UrlValue("/favicon.ico", fallback), true, LinkRels.DefaultFaviconSource);
    }

    private static bool IsRobotsName(string name) =>
        name is MetaNames.Robots or "googlebot" or "googlebot-news" or "bingbot" or "slurp" or "yandex" or "msnbot" or "baiduspider" or "twitterbot";
}

/// <summary>A meta or link element's attributes, from the DOM or from the body scan.</summary>
internal sealed class RawTag(Dictionary<string, string> attributes, int? position)
{
    public int? Position { get; } = position;

    public string? GetAttribute(string name) => attributes.TryGetValue(name, out var value) ? value : null;

    public static RawTag From(IElement element, int? position)
    {
        var attributes = new Dictionary<string, string>(element.Attributes.Length, StringComparer.Ordinal);
        foreach (var attribute in element.Attributes)
        {
            // The first of duplicate attributes wins, as in HTML.
            attributes.TryAdd(attribute.Name, attribute.Value);
        }

        return new RawTag(attributes, position);
    }
}

/// <summary>Resolves attribute URLs against the base URL, keeping what was written.</summary>
internal sealed class UrlResolver(Uri baseUrl)
{
    public UrlValue Resolve(string raw)
    {
        var trimmed = raw.Trim();
        if (trimmed.Length == 0)
        {
            return new UrlValue(trimmed, null);
        }

        // Uri takes "//host/x" relative to an http base as protocol-relative, and "/x" against the base's authority.
        return WebUrl.TryResolve(baseUrl, trimmed, out var resolved)
            ? new UrlValue(trimmed, resolved)
            : new UrlValue(trimmed, null);
    }
}

/// <summary>Parses robots directives from meta tags and the <c>X-Robots-Tag</c> header.</summary>
internal static class RobotsParser
{
    public static RobotsInfo Parse(ImmutableArray<RobotsTag> tags, string? header)
    {
        var directives = tags.Select(t => t.Content).Append(header ?? string.Empty)
            .SelectMany(c => c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(d => d.ToLowerInvariant())
            // "googlebot: noindex" in a header names a user agent first.
            .Select(d => d.Contains(':', StringComparison.Ordinal) && !d.StartsWith("max-", StringComparison.Ordinal) && !d.StartsWith("unavailable_after", StringComparison.Ordinal)
                ? d[(d.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
                : d)
            .ToList();
        var maxImage = directives.Where(d => d.StartsWith("max-image-preview:", StringComparison.Ordinal))
            .Select(d => d["max-image-preview:".Length..].Trim()).FirstOrDefault();
        return new RobotsInfo(tags, MetaText.NullIfEmpty(header?.Trim()))
        {
            NoIndex = directives.Any(d => d is "noindex" or "none"),
            NoFollow = directives.Any(d => d is "nofollow" or "none"),
            MaxImagePreview = maxImage,
        };
    }
}

using System.Collections.Immutable;

namespace CardService.Core.Meta;

/// <summary>Groups meta tags by key (<c>name</c> and <c>property</c> alike) and builds the Open Graph, Twitter and article views.</summary>
internal sealed class TagGrouper(UrlResolver resolver)
{
    private readonly Dictionary<string, List<MetaTag>> _byKey = new(StringComparer.Ordinal);
    private readonly MediaGrouper _images = new(MetaNames.OgImage, resolver);
    private readonly MediaGrouper _videos = new(MetaNames.OgVideo, resolver);
    private readonly MediaGrouper _audios = new(MetaNames.OgAudio, resolver);
    private bool _ogWithName;
    private bool _twitterWithProperty;

    public void Add(MetaTag tag)
    {
        if (tag.Name is { } name)
        {
            AddKey(name, tag);
            _ogWithName |= name.StartsWith("og:", StringComparison.Ordinal) && tag.Property is null;
        }

        // jekyll-seo-tag 2.9 writes name="twitter:description" property="og:description" on one tag: it counts for both.
        if (tag.Property is { } property && property != tag.Name)
        {
            AddKey(property, tag);
            _twitterWithProperty |= property.StartsWith("twitter:", StringComparison.Ordinal);
        }
    }

    private void AddKey(string key, MetaTag tag)
    {
        if (!_byKey.TryGetValue(key, out var list))
        {
            _byKey[key] = list = [];
        }

        list.Add(tag);
        _ = _images.TryAdd(key, tag) || _videos.TryAdd(key, tag) || _audios.TryAdd(key, tag);
    }

    /// <summary>The first non-empty value for <paramref name="key"/>.</summary>
    public string? First(string key) =>
        _byKey.TryGetValue(key, out var list) ? list.Select(t => MetaText.NullIfEmpty(t.Content)).FirstOrDefault(c => c is not null) : null;

    /// <summary>Every non-empty value for <paramref name="key"/>, in order.</summary>
    public ImmutableArray<string> All(string key) =>
        _byKey.TryGetValue(key, out var list) ? [.. list.Select(t => MetaText.NullIfEmpty(t.Content)).OfType<string>()] : [];

    private int Count(string key) => _byKey.TryGetValue(key, out var list) ? list.Count : 0;

    private UrlValue? FirstUrl(string key) => First(key) is { } value ? resolver.Resolve(value) : null;

    public OpenGraphMeta OpenGraph() => new()
    {
        Title = First(MetaNames.OgTitle),
        Description = First(MetaNames.OgDescription),
        Url = FirstUrl(MetaNames.OgUrl),
        Type = First(MetaNames.OgType),
        SiteName = First(MetaNames.OgSiteName),
        Locale = First(MetaNames.OgLocale),
        LocaleAlternates = All(MetaNames.OgLocaleAlternate),
        Determiner = First(MetaNames.OgDeterminer),
        Images = _images.ToImmutable(),
        Videos = _videos.ToImmutable(),
        Audios = _audios.ToImmutable(),
        FbAppId = First(MetaNames.FbAppId),
        TitleCount = Count(MetaNames.OgTitle),
        AnyWrittenWithName = _ogWithName,
    };

    public TwitterMeta Twitter()
    {
        var cards = All(MetaNames.TwitterCard);
        return new TwitterMeta
        {
            // X: "one per page, the last one wins" (RULES.md #17).
            Card = cards.IsEmpty ? null : cards[^1],
            CardValues = cards,
            Site = First(MetaNames.TwitterSite),
            SiteId = First(MetaNames.TwitterSiteId),
            Creator = First(MetaNames.TwitterCreator),
            Title = First(MetaNames.TwitterTitle),
            Description = First(MetaNames.TwitterDescription),
            Image = FirstUrl(MetaNames.TwitterImage) ?? FirstUrl(MetaNames.TwitterImageSrc),
            ImageAlt = _byKey.TryGetValue(MetaNames.TwitterImageAlt, out var alts) ? alts[0].Content ?? string.Empty : null,
            Label1 = First(MetaNames.TwitterLabel1),
            Data1 = First(MetaNames.TwitterData1),
            Label2 = First(MetaNames.TwitterLabel2),
            Data2 = First(MetaNames.TwitterData2),
            Player = FirstUrl(MetaNames.TwitterPlayer),
            PlayerWidth = MetaText.ParseDimension(First(MetaNames.TwitterPlayerWidth)),
            PlayerHeight = MetaText.ParseDimension(First(MetaNames.TwitterPlayerHeight)),
            AnyWrittenWithProperty = _twitterWithProperty,
        };
    }

    public ArticleMeta Article() => new()
    {
        PublishedTime = First(MetaNames.ArticlePublishedTime),
        ModifiedTime = First(MetaNames.ArticleModifiedTime),
        ExpirationTime = First(MetaNames.ArticleExpirationTime),
        Authors = All(MetaNames.ArticleAuthor),
        Section = First(MetaNames.ArticleSection),
        Tags = All(MetaNames.ArticleTag),
        Publisher = First(MetaNames.ArticlePublisher),
    };
}

/// <summary>Groups <c>og:image</c> (or video/audio) with the structured properties that follow it.</summary>
internal sealed class MediaGrouper(string prefix, UrlResolver resolver)
{
    private readonly List<Builder> _items = [];

    private sealed class Builder(UrlValue? url, int? position)
    {
        public UrlValue? Url { get; set; } = url;
        public int? Position { get; } = position;
        public bool UrlFromUrlProperty { get; set; }
        public UrlValue? SecureUrl { get; set; }
        public string? Type { get; set; }
        public string? Width { get; set; }
        public string? Height { get; set; }
        public string? Alt { get; set; }
    }

    public bool TryAdd(string key, MetaTag tag)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var suffix = key[prefix.Length..];
        var content = tag.Content ?? string.Empty;
        var current = _items.Count > 0 ? _items[^1] : null;
        switch (suffix)
        {
            case "":
                // Each og:image starts a new image (OGP "structured properties").
                _items.Add(new Builder(resolver.Resolve(content), tag.Position));
                return true;
            case MetaNames.MediaUrl:
                if (current is null || current.UrlFromUrlProperty || (current.Url is { } u && u.Raw != content.Trim()))
                {
                    _items.Add(new Builder(resolver.Resolve(content), tag.Position) { UrlFromUrlProperty = true });
                }
                else
                {
                    current.Url ??= resolver.Resolve(content);
                    current.UrlFromUrlProperty = true;
                }

                return true;
            case MetaNames.MediaSecureUrl or MetaNames.MediaType or MetaNames.MediaWidth or MetaNames.MediaHeight or MetaNames.MediaAlt:
                if (current is null)
                {
                    // Properties before any og:image: keep them on an image without a URL so rules can say so.
                    current = new Builder(null, tag.Position);
                    _items.Add(current);
                }

                Set(current, suffix, content);
                return true;
            default:
                return false;
        }
    }

    private void Set(Builder item, string suffix, string content)
    {
        switch (suffix)
        {
            case MetaNames.MediaSecureUrl:
                item.SecureUrl ??= resolver.Resolve(content);
                break;
            case MetaNames.MediaType:
                item.Type ??= MetaText.NullIfEmpty(content);
                break;
            case MetaNames.MediaWidth:
                item.Width ??= MetaText.NullIfEmpty(content);
                break;
            case MetaNames.MediaHeight:
                item.Height ??= MetaText.NullIfEmpty(content);
                break;
            default:
                item.Alt ??= content;
                break;
        }
    }

    public ImmutableArray<OgMedia> ToImmutable() =>
    [
        .. _items.Select(b => new OgMedia(b.Url, b.Position)
        {
            SecureUrl = b.SecureUrl,
            Type = b.Type,
            Width = MetaText.ParseDimension(b.Width),
            Height = MetaText.ParseDimension(b.Height),
            RawWidth = b.Width,
            RawHeight = b.Height,
            Alt = b.Alt,
        }),
    ];
}

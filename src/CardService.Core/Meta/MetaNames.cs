namespace CardService.Core.Meta;

/// <summary>The meta names and properties the reader understands (lower-case, as matched).</summary>
public static class MetaNames
{
    public const string Description = "description";
    public const string Viewport = "viewport";
    public const string ThemeColor = "theme-color";
    public const string Generator = "generator";
    public const string ApplicationName = "application-name";
    public const string Author = "author";
    public const string Keywords = "keywords";
    public const string Robots = "robots";
    public const string Publisher = "publisher";

    public const string OgTitle = "og:title";
    public const string OgDescription = "og:description";
    public const string OgUrl = "og:url";
    public const string OgType = "og:type";
    public const string OgSiteName = "og:site_name";
    public const string OgLocale = "og:locale";
    public const string OgLocaleAlternate = "og:locale:alternate";
    public const string OgDeterminer = "og:determiner";
    public const string OgImage = "og:image";
    public const string OgVideo = "og:video";
    public const string OgAudio = "og:audio";
    public const string FbAppId = "fb:app_id";

    public const string TwitterCard = "twitter:card";
    public const string TwitterSite = "twitter:site";
    public const string TwitterSiteId = "twitter:site:id";
    public const string TwitterCreator = "twitter:creator";
    public const string TwitterTitle = "twitter:title";
    public const string TwitterDescription = "twitter:description";
    public const string TwitterImage = "twitter:image";
    public const string TwitterImageSrc = "twitter:image:src";
    public const string TwitterImageAlt = "twitter:image:alt";
    public const string TwitterLabel1 = "twitter:label1";
    public const string TwitterData1 = "twitter:data1";
    public const string TwitterLabel2 = "twitter:label2";
    public const string TwitterData2 = "twitter:data2";
    public const string TwitterPlayer = "twitter:player";
    public const string TwitterPlayerWidth = "twitter:player:width";
    public const string TwitterPlayerHeight = "twitter:player:height";

    public const string ArticlePublishedTime = "article:published_time";
    public const string ArticleModifiedTime = "article:modified_time";
    public const string ArticleExpirationTime = "article:expiration_time";
    public const string ArticleAuthor = "article:author";
    public const string ArticleSection = "article:section";
    public const string ArticleTag = "article:tag";
    public const string ArticlePublisher = "article:publisher";

    /// <summary>Structured media properties, after <c>og:image</c> / <c>og:video</c> / <c>og:audio</c>.</summary>
    public const string MediaUrl = ":url";
    public const string MediaSecureUrl = ":secure_url";
    public const string MediaType = ":type";
    public const string MediaWidth = ":width";
    public const string MediaHeight = ":height";
    public const string MediaAlt = ":alt";

    /// <summary>Other date metas some CMSs write instead of <c>article:published_time</c>.</summary>
    public static readonly IReadOnlyList<string> DateNames = ["date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "dcterms.date", "sailthru.date", "parsely-pub-date", "publish-date", "datepublished"];
}

/// <summary>Link relations, attribute values and source names the reader uses.</summary>
public static class LinkRels
{
    public const string Canonical = "canonical";
    public const string Icon = "icon";
    public const string ShortcutIcon = "shortcut icon";
    public const string AppleTouchIcon = "apple-touch-icon";
    public const string AppleTouchIconPrecomposed = "apple-touch-icon-precomposed";
    public const string MaskIcon = "mask-icon";
    public const string Alternate = "alternate";

    public const string OEmbedJson = "application/json+oembed";
    public const string OEmbedXml = "text/xml+oembed";
    public const string JsonLdType = "application/ld+json";

    /// <summary>Feed MIME types for <c>rel="alternate"</c>.</summary>
    public static readonly IReadOnlyList<string> FeedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"];

    /// <summary>The source name of the assumed <c>/favicon.ico</c>.</summary>
    public const string DefaultFaviconSource = "default:/favicon.ico";

    /// <summary>
    /// Whether a (lower-cased, space-separated) <c>rel</c> declares an icon that tabs, search results or Messages show:
    /// <c>icon</c> (so <c>shortcut icon</c> too), <c>apple-touch-icon</c>, <c>apple-touch-icon-precomposed</c>. Not Safari's
    /// monochrome <c>mask-icon</c>.
    /// </summary>
    public static bool IsPreviewIcon(string rel)
    {
        ArgumentNullException.ThrowIfNull(rel);
        return rel.Split(' ').Any(r => r is Icon or AppleTouchIcon or AppleTouchIconPrecomposed);
    }

    /// <summary>Whether a (lower-cased) <c>rel</c> declares Apple's touch icon, plain or <c>-precomposed</c>.</summary>
    public static bool IsAppleTouchIcon(string rel)
    {
        ArgumentNullException.ThrowIfNull(rel);
        return rel.Split(' ').Any(r => r is AppleTouchIcon or AppleTouchIconPrecomposed);
    }
}

using System.Collections.Immutable;

namespace CardService.Core.Meta;

/// <summary>Open Graph values. Single values are the first tag of that property; every tag stays in the page's <c>tags</c>.</summary>
public sealed record OpenGraphMeta
{
    /// <summary>No Open Graph tags.</summary>
    public static OpenGraphMeta Empty { get; } = new();

    /// <summary><c>og:title</c>.</summary>
    public string? Title { get; init; }

    /// <summary><c>og:description</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>og:url</c>, raw and resolved.</summary>
    public UrlValue? Url { get; init; }

    /// <summary><c>og:type</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>og:site_name</c>.</summary>
    public string? SiteName { get; init; }

    /// <summary><c>og:locale</c> as written (<c>en_US</c>, <c>en-us</c>, …).</summary>
    public string? Locale { get; init; }

    /// <summary><c>og:locale:alternate</c> values.</summary>
    public ImmutableArray<string> LocaleAlternates { get; init; } = [];

    /// <summary><c>og:determiner</c>.</summary>
    public string? Determiner { get; init; }

    /// <summary><c>og:image</c> groups: each <c>og:image</c> (or <c>og:image:url</c>) starts one, its structured properties follow.</summary>
    public ImmutableArray<OgMedia> Images { get; init; } = [];

    /// <summary><c>og:video</c> groups.</summary>
    public ImmutableArray<OgMedia> Videos { get; init; } = [];

    /// <summary><c>og:audio</c> groups.</summary>
    public ImmutableArray<OgMedia> Audios { get; init; } = [];

    /// <summary><c>fb:app_id</c>.</summary>
    public string? FbAppId { get; init; }

    /// <summary>How many <c>og:title</c> tags the page has (more than one is worth a warning).</summary>
    public int TitleCount { get; init; }

    /// <summary>Whether any <c>og:*</c> tag was written with <c>name=</c> instead of <c>property=</c>.</summary>
    public bool AnyWrittenWithName { get; init; }
}

/// <summary>One Open Graph image, video or audio with its structured properties.</summary>
/// <param name="Url">The <c>og:image</c> / <c>og:image:url</c> value; null when only structured properties were given.</param>
/// <param name="Position">Character offset of the tag that started the group; null when positions were not recorded.</param>
public sealed record OgMedia(UrlValue? Url, int? Position)
{
    /// <summary><c>:secure_url</c>.</summary>
    public UrlValue? SecureUrl { get; init; }

    /// <summary><c>:type</c> (a MIME type).</summary>
    public string? Type { get; init; }

    /// <summary><c>:width</c> when it is a whole number.</summary>
    public int? Width { get; init; }

    /// <summary><c>:height</c> when it is a whole number.</summary>
    public int? Height { get; init; }

    /// <summary><c>:width</c> as written (so a rule can flag <c>"1200px"</c>).</summary>
    public string? RawWidth { get; init; }

    /// <summary><c>:height</c> as written.</summary>
    public string? RawHeight { get; init; }

    /// <summary><c>:alt</c>; an empty string when written empty.</summary>
    public string? Alt { get; init; }
}

/// <summary>Twitter/X card values, read from <c>name=</c> and <c>property=</c> alike.</summary>
public sealed record TwitterMeta
{
    /// <summary>No Twitter tags.</summary>
    public static TwitterMeta Empty { get; } = new();

    /// <summary><c>twitter:card</c>: the last one, as X documents ("one per page, the last one wins").</summary>
    public string? Card { get; init; }

    /// <summary>Every <c>twitter:card</c> value in order (more than one is a duplicate).</summary>
    public ImmutableArray<string> CardValues { get; init; } = [];

    /// <summary><c>twitter:site</c>.</summary>
    public string? Site { get; init; }

    /// <summary><c>twitter:site:id</c>.</summary>
    public string? SiteId { get; init; }

    /// <summary><c>twitter:creator</c>.</summary>
    public string? Creator { get; init; }

    /// <summary><c>twitter:title</c>.</summary>
    public string? Title { get; init; }

    /// <summary><c>twitter:description</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>twitter:image</c> (or <c>twitter:image:src</c>).</summary>
    public UrlValue? Image { get; init; }

    /// <summary><c>twitter:image:alt</c>.</summary>
    public string? ImageAlt { get; init; }

    /// <summary><c>twitter:label1</c>.</summary>
    public string? Label1 { get; init; }

    /// <summary><c>twitter:data1</c>.</summary>
    public string? Data1 { get; init; }

    /// <summary><c>twitter:label2</c>.</summary>
    public string? Label2 { get; init; }

    /// <summary><c>twitter:data2</c>.</summary>
    public string? Data2 { get; init; }

    /// <summary><c>twitter:player</c>.</summary>
    public UrlValue? Player { get; init; }

    /// <summary><c>twitter:player:width</c>.</summary>
    public int? PlayerWidth { get; init; }

    /// <summary><c>twitter:player:height</c>.</summary>
    public int? PlayerHeight { get; init; }

    /// <summary>Whether any <c>twitter:*</c> tag was written with <c>property=</c> (jekyll-seo-tag 2.8 does this).</summary>
    public bool AnyWrittenWithProperty { get; init; }
}

/// <summary>Open Graph article values (<c>article:*</c>).</summary>
public sealed record ArticleMeta
{
    /// <summary>No article tags.</summary>
    public static ArticleMeta Empty { get; } = new();

    /// <summary><c>article:published_time</c> as written.</summary>
    public string? PublishedTime { get; init; }

    /// <summary><c>article:modified_time</c> as written.</summary>
    public string? ModifiedTime { get; init; }

    /// <summary><c>article:expiration_time</c> as written.</summary>
    public string? ExpirationTime { get; init; }

    /// <summary><c>article:author</c> values (profile URLs or names).</summary>
    public ImmutableArray<string> Authors { get; init; } = [];

    /// <summary><c>article:section</c>.</summary>
    public string? Section { get; init; }

    /// <summary><c>article:tag</c> values.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary><c>article:publisher</c>.</summary>
    public string? Publisher { get; init; }
}

using System.ComponentModel.DataAnnotations;

namespace CardService.Core.Cards.FromPage;

/// <summary>How cards made from a page (<c>url=</c>) and remote logos and backgrounds are cached.</summary>
public sealed class PageCardOptions
{
    public const string SectionName = "PageCards";

    /// <summary>How long a fetched page's fields and a fetched image are reused, and the <c>max-age</c> of such cards. Default 10 minutes; 0 fetches every time.</summary>
    [Range(0, 7 * 24 * 3600)]
    public int CacheSeconds { get; set; } = 600;

    /// <summary>Pages whose fields are remembered. Default 1000.</summary>
    [Range(0, 1_000_000)]
    public int MaxCachedPages { get; set; } = 1000;

    /// <summary>Total bytes of fetched logos and backgrounds kept. Default 32 MiB.</summary>
    [Range(0L, 4L * 1024 * 1024 * 1024)]
    public long MaxCachedImageBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// How long a page, logo or background that could not be used (fetch failure, error status) answers the same problem without being
    /// fetched again, so crawlers retrying a broken card do not hammer its site. Default 30 seconds; 0 retries every time.
    /// </summary>
    [Range(0, 3600)]
    public int FailureCacheSeconds { get; set; } = 30;

    /// <summary>The lifetime as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan CacheLifetime => TimeSpan.FromSeconds(CacheSeconds);
}

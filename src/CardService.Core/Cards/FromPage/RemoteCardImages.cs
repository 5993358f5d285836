using CardService.Core.Caching;
using CardService.Core.Fetching;

namespace CardService.Core.Cards.FromPage;

/// <summary>A remote logo or background turned into a <c>data:</c> URI the renderer can draw, or why it cannot be.</summary>
/// <param name="DataUri">The image as a <c>data:</c> URI; null on failure.</param>
/// <param name="Failure">The fetch failed (blocked address, timeout, too large — pixel bombs included, …).</param>
/// <param name="Unusable">The bytes arrived but are no image the renderer decodes (SVG, HTML, a declared size over <see cref="CardRenderingOptions.MaxImagePixels"/>).</param>
public sealed record RemoteImageResult(string? DataUri, FetchFailure? Failure, string? Unusable)
{
    public bool IsSuccess => DataUri is not null;
}

/// <summary>
/// Fetches logos and backgrounds through the safe <see cref="PageFetcher"/> (its address rules, byte and pixel caps
/// and time limits), checks them from their header before any decode, and keeps the result by URL in a bounded cache.
/// Thread-safe.
/// </summary>
public sealed class RemoteCardImages(PageFetcher fetcher, PageCardOptions options, TimeProvider? time = null, CardRenderingOptions? limits = null)
{
    private readonly TimedCache<string> _cache = new(
        (options ?? throw new ArgumentNullException(nameof(options))).MaxCachedImageBytes, options.CacheLifetime, uri => uri.Length, time);

    public async Task<RemoteImageResult> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_cache.TryGet(url.AbsoluteUri, out var cached))
        {
            return new RemoteImageResult(cached, null, null);
        }

        var download = await fetcher.FetchImageAsync(url, cancellationToken).ConfigureAwait(false);
        if (!download.IsSuccess)
        {
            return new RemoteImageResult(null, download.Failure, null);
        }

        var bytes = download.Image.Bytes.Span;
        if (CardImages.CheckBytes(bytes, limits) is { } problem)
        {
            return new RemoteImageResult(null, null, $"{download.Image.FinalUrl}: {problem}");
        }

        var dataUri = CardImages.ToDataUri(bytes, download.Image.Format);
        _cache.Set(url.AbsoluteUri, dataUri);
        return new RemoteImageResult(dataUri, null, null);
    }
}

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
/// and time limits), checks them from their header before any decode, and keeps the result by URL in a bounded cache:
/// concurrent requests for one image fetch it once, a failure is kept for <see cref="PageCardOptions.FailureCacheSeconds"/>.
/// Thread-safe.
/// </summary>
public sealed class RemoteCardImages(PageFetcher fetcher, PageCardOptions options, TimeProvider? time = null, CardRenderingOptions? limits = null)
{
    private readonly SingleFlightCache<RemoteImageResult> _images = new(
        (options ?? throw new ArgumentNullException(nameof(options))).MaxCachedImageBytes,
        static image => 256 + (image.DataUri?.Length ?? 0),
        image => image.IsSuccess ? options.CacheLifetime : TimeSpan.FromSeconds(options.FailureCacheSeconds),
        time);

    public Task<RemoteImageResult> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        return _images.GetOrLoadAsync(url.AbsoluteUri, () => FetchAsync(url), cancellationToken);
    }

    private async Task<RemoteImageResult> FetchAsync(Uri url)
    {
        // Shared by every waiting caller, so no caller's token: the fetcher's own time limit bounds it.
        var download = await fetcher.FetchImageAsync(url, CancellationToken.None).ConfigureAwait(false);
        if (!download.IsSuccess)
        {
            return new RemoteImageResult(null, download.Failure, null);
        }

        var bytes = download.Image.Bytes.Span;
        if (CardImages.CheckBytes(bytes, limits) is { } problem)
        {
            return new RemoteImageResult(null, null, $"{download.Image.FinalUrl}: {problem}");
        }

        return new RemoteImageResult(CardImages.ToDataUri(bytes, download.Image.Format), null, null);
    }
}

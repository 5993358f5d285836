using CardService.Core.Caching;
using CardService.Core.Fetching;
using CardService.Core.Meta;
using CardService.Core.Telemetry;

namespace CardService.Core.Inspection;

/// <summary>A page fetched through the safe fetcher and read: the response as it came, and its metadata.</summary>
public sealed record LoadedPage(FetchedResponse Response, PageMeta Meta);

/// <summary>A loaded page, or why there is none: a closed set of fetch failures, never an exception.</summary>
public sealed record PageLoadResult(LoadedPage? Page, FetchFailure? Failure)
{
    public bool IsSuccess => Page is not null;
}

/// <summary>
/// Fetches a page (every hop checked by <see cref="PageFetcher"/>'s address policy) and reads its metadata, decoding the
/// charset from the bytes and the <c>Content-Type</c>. A page that answers 404 or 500 is still loaded: its status is data.
/// Every caller (<c>/meta</c>, <c>/validate</c>, <c>/card?url=</c>) shares one load per page and crawler: concurrent
/// requests wait for the same fetch, and later ones reuse it for <see cref="FetchOptions.ReuseSeconds"/> (a failure for
/// <see cref="FetchOptions.FailureReuseSeconds"/>), so the service never multiplies traffic to the page's site. Thread-safe.
/// </summary>
public sealed class PageLoader
{
    // A kept page costs its body twice (the bytes and the decoded text) plus its parsed metadata: count it generously.
    private const int BodyCopies = 4;

    private readonly PageFetcher _fetcher;
    private readonly SingleFlightCache<PageLoadResult> _loads;

    public PageLoader(PageFetcher fetcher, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        _fetcher = fetcher;
        var options = fetcher.Options;
        _loads = new SingleFlightCache<PageLoadResult>(
            options.MaxReusedBytes,
            result => 1024 + (BodyCopies * (long)(result.Page?.Response.Body.Length ?? 0)),
            result => result.IsSuccess ? options.ReuseLifetime : options.FailureReuseLifetime,
            time);
    }

    /// <summary>Loads <paramref name="url"/> as <paramref name="agent"/>, or joins or reuses the load another caller made.</summary>
    public Task<PageLoadResult> LoadAsync(Uri url, CrawlerAgent agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Sites may answer crawlers differently, so each agent's view of a page is its own fetch.
        return _loads.GetOrLoadAsync($"{agent}|{url.AbsoluteUri}", () => FetchAndReadAsync(url, agent), cancellationToken);
    }

    private async Task<PageLoadResult> FetchAndReadAsync(Uri url, CrawlerAgent agent)
    {
        // Shared by every waiting caller, so no caller's token: the fetcher's own time limit bounds it.
        var fetched = await _fetcher.FetchPageAsync(url, agent, CancellationToken.None).ConfigureAwait(false);
        if (fetched.Response is not { } response)
        {
            return new PageLoadResult(null, fetched.Failure);
        }

        using var activity = CardServiceTelemetry.Source.StartActivity("read page");
        var meta = MetaReader.Read(response.Body.Span, response.ContentType, response.FinalUrl, new ReadOptions { XRobotsTag = response.XRobotsTag });
        activity?.SetTag(CardServiceTelemetry.Tags.Url, response.FinalUrl.AbsoluteUri);
        return new PageLoadResult(new LoadedPage(response, meta), null);
    }
}

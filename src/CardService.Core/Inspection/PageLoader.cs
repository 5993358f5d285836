using CardService.Core.Fetching;
using CardService.Core.Meta;

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
/// </summary>
public sealed class PageLoader(PageFetcher fetcher)
{
    public async Task<PageLoadResult> LoadAsync(Uri url, CrawlerAgent agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var fetched = await fetcher.FetchPageAsync(url, agent, cancellationToken).ConfigureAwait(false);
        if (fetched.Response is not { } response)
        {
            return new PageLoadResult(null, fetched.Failure);
        }

        var meta = MetaReader.Read(response.Body.Span, response.ContentType, response.FinalUrl, new ReadOptions { XRobotsTag = response.XRobotsTag });
        return new PageLoadResult(new LoadedPage(response, meta), null);
    }
}

using System.Collections.Immutable;
using CardService.Core.Caching;
using CardService.Core.Fetching;
using CardService.Core.Inspection;

namespace CardService.Core.Cards.FromPage;

/// <summary>Why a card request cannot be rendered.</summary>
public enum CardProblemKind
{
    /// <summary>Fields are missing or invalid; <see cref="CardProblem.Errors"/> names each.</summary>
    InvalidFields,

    /// <summary>The page, or a logo or background, could not be fetched; <see cref="CardProblem.Fetch"/> says why.</summary>
    FetchFailed,

    /// <summary>The page gives no title and the request none either.</summary>
    PageWithoutTitle,

    /// <summary>A fetched logo or background is not an image the renderer can decode safely.</summary>
    UnusableImage,
}

/// <summary>What went wrong, for which field (<c>url</c>, <c>logo</c>, <c>background</c>, or a field with errors).</summary>
public sealed record CardProblem(CardProblemKind Kind, string Field, string Detail)
{
    /// <summary>For <see cref="CardProblemKind.FetchFailed"/>.</summary>
    public FetchFailure? Fetch { get; init; }

    /// <summary>For <see cref="CardProblemKind.InvalidFields"/>: field → messages.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}

/// <summary>A card ready to render, or the problem that stops it.</summary>
/// <param name="Spec">The spec, every image a <c>data:</c> URI (so its ETag covers the image bytes); null with a problem.</param>
/// <param name="Sources">Field → where its value came from; empty for a card made from the request alone.</param>
/// <param name="UsesRemoteContent">The card depends on a fetched page or image, which may change: cache it for <see cref="PageCardOptions.CacheSeconds"/>, not forever.</param>
/// <param name="Problem">Why there is no spec.</param>
public sealed record CardResolution(CardSpec? Spec, ImmutableDictionary<string, string> Sources, bool UsesRemoteContent, CardProblem? Problem)
{
    public static CardResolution Failed(CardProblem problem) => new(null, ImmutableDictionary<string, string>.Empty, false, problem);
}

/// <summary>
/// Turns a card request into a renderable spec: fetches and reads the page of <see cref="CardFields.Url"/> (cached by URL
/// for <see cref="PageCardOptions.CacheSeconds"/>), lays the request's fields over the page's (<see cref="CardFromPage"/>),
/// and resolves http(s) and <c>auto</c> logos and backgrounds to <c>data:</c> URIs (<see cref="RemoteCardImages"/>).
/// Every fetch goes through the one safe <see cref="PageFetcher"/>. Thread-safe; the API and the CLI both use it.
/// </summary>
public sealed class CardResolver
{
    private readonly PageLoader _loader;
    private readonly RemoteCardImages _images;
    private readonly SingleFlightCache<PageOutcome> _pages;

    private readonly CardRenderingOptions? _limits;
    private readonly ISharedPageCards? _shared;
    private readonly TimeSpan _sharedLifetime;

    /// <summary>
    /// A resolver fetching through <paramref name="fetcher"/>; image limits (<paramref name="limits"/>) are the defaults when null.
    /// With <paramref name="shared"/>, pages read by other instances are taken from it before fetching, and pages read here are shared.
    /// </summary>
    public CardResolver(PageLoader loader, PageFetcher fetcher, PageCardOptions options, TimeProvider? time = null, CardRenderingOptions? limits = null,
        ISharedPageCards? shared = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(options);
        _loader = loader;
        _limits = limits;
        _shared = shared;
        _sharedLifetime = options.CacheLifetime;
        _images = new RemoteCardImages(fetcher, options, time, limits);
        var failureLifetime = TimeSpan.FromSeconds(options.FailureCacheSeconds);
        _pages = new SingleFlightCache<PageOutcome>(options.MaxCachedPages, _ => 1, outcome => outcome.Page is null ? failureLifetime : options.CacheLifetime, time);
    }

    public async Task<CardResolution> ResolveAsync(CardFields request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CardSpecFactory.CheckRequest(request, errors, _limits);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var fields = request;
        var sources = ImmutableDictionary<string, string>.Empty;
        PageCard? page = null;
        if (CardSpecFactory.ParseUrl(request.Url) is { } url)
        {
            var loaded = await GetPageAsync(url, cancellationToken).ConfigureAwait(false);
            if (loaded.Problem is { } pageProblem)
            {
                return CardResolution.Failed(pageProblem);
            }

            page = loaded.Page!;
            if (!page.HasTitle && string.IsNullOrWhiteSpace(request.Title))
            {
                return CardResolution.Failed(new CardProblem(CardProblemKind.PageWithoutTitle, CardFieldNames.Url,
                    $"{page.PageUrl} has no og:title, twitter:title, <title> or JSON-LD headline to put on a card; give a title."));
            }

            (fields, sources) = CardFromPage.Merge(page, request);
        }

        if (CardSpecFactory.TryCreate(fields, errors, _limits) is not { } spec)
        {
            return Invalid(errors);
        }

        var remote = page is not null;
        if (spec.Logo == CardImages.Auto)
        {
            var (logo, source) = await FirstIconAsync(page!, cancellationToken).ConfigureAwait(false);
            spec = spec with { Logo = logo };
            sources = sources.SetItem(CardFieldNames.Logo, source);
        }
        else if (spec.Logo is { } logoUrl && CardImages.IsRemote(logoUrl))
        {
            var logo = await _images.GetAsync(new Uri(logoUrl), cancellationToken).ConfigureAwait(false);
            if (ImageProblem(CardFieldNames.Logo, logo) is { } problem)
            {
                return CardResolution.Failed(problem);
            }

            spec = spec with { Logo = logo.DataUri };
            remote = true;
        }

        if (spec.Background is { } backgroundUrl && CardImages.IsRemote(backgroundUrl))
        {
            var background = await _images.GetAsync(new Uri(backgroundUrl), cancellationToken).ConfigureAwait(false);
            if (ImageProblem(CardFieldNames.Background, background) is { } problem)
            {
                return CardResolution.Failed(problem);
            }

            spec = spec with { Background = background.DataUri };
            remote = true;
        }

        return new CardResolution(spec, sources, remote, null);
    }

    // Concurrent and recent requests for one page (a post just shared) fetch it once; a page that could not be used
    // answers the same problem for FailureCacheSeconds, so crawlers retrying a broken card do not hammer its site.
    private Task<PageOutcome> GetPageAsync(Uri url, CancellationToken cancellationToken) =>
        _pages.GetOrLoadAsync(url.AbsoluteUri, () => FetchPageAsync(url), cancellationToken);

    private async Task<PageOutcome> FetchPageAsync(Uri url)
    {
        if (_shared is not null && _sharedLifetime > TimeSpan.Zero
            && await _shared.GetAsync(url, CancellationToken.None).ConfigureAwait(false) is { } sharedCard)
        {
            return new PageOutcome(sharedCard, null);
        }

        var outcome = await ReadPageAsync(url).ConfigureAwait(false);
        if (_shared is not null && _sharedLifetime > TimeSpan.Zero && outcome.Page is { } card)
        {
            // Only pages that gave fields are shared; a failure is retried by each instance after FailureCacheSeconds.
            await _shared.SetAsync(url, card, _sharedLifetime, CancellationToken.None).ConfigureAwait(false);
        }

        return outcome;
    }

    private async Task<PageOutcome> ReadPageAsync(Uri url)
    {
        var loaded = await _loader.LoadAsync(url, CrawlerAgent.Default, CancellationToken.None).ConfigureAwait(false);
        if (loaded.Page is not { } result)
        {
            return new PageOutcome(null, FetchProblem(CardFieldNames.Url, loaded.Failure!));
        }

        if (!result.Response.IsSuccessStatus)
        {
            // A 404 page has a title too ("Page not found"): that is no post's card.
            var status = result.Response.StatusCode;
            var failure = new FetchFailure(FetchFailureKind.HttpStatus, result.Response.FinalUrl, $"{result.Response.FinalUrl} answered {status}, not a page to make a card from", status);
            return new PageOutcome(null, FetchProblem(CardFieldNames.Url, failure));
        }

        return new PageOutcome(CardFromPage.Read(result.Meta), null);
    }

    // auto is a best effort: an icon that is missing, blocked or undecodable is skipped, and no icon at all draws no logo.
    private async Task<(string? DataUri, string Source)> FirstIconAsync(PageCard page, CancellationToken cancellationToken)
    {
        foreach (var icon in page.Icons)
        {
            var image = await _images.GetAsync(icon.Url, cancellationToken).ConfigureAwait(false);
            if (image.IsSuccess)
            {
                return (image.DataUri, icon.Source);
            }
        }

        return (null, CardSources.None);
    }

    private static CardProblem? ImageProblem(string field, RemoteImageResult image) =>
        image switch
        {
            { Failure: { } failure } => FetchProblem(field, failure),
            { Unusable: { } detail } => new CardProblem(CardProblemKind.UnusableImage, field, $"The {field} cannot be used: {detail}"),
            _ => null,
        };

    private static CardProblem FetchProblem(string field, FetchFailure failure) =>
        new(CardProblemKind.FetchFailed, field, failure.Detail) { Fetch = failure };

    private static CardResolution Invalid(Dictionary<string, string[]> errors) =>
        CardResolution.Failed(new CardProblem(CardProblemKind.InvalidFields, errors.Keys.First(), "One or more card fields are invalid.") { Errors = errors });

    /// <summary>A page's card fields, or why the page cannot give any.</summary>
    private sealed record PageOutcome(PageCard? Page, CardProblem? Problem);
}

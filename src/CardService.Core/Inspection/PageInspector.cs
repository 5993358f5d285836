using System.Collections.Immutable;
using System.Globalization;
using CardService.Core.Caching;
using CardService.Core.Fetching;
using CardService.Core.Meta;
using CardService.Core.Telemetry;
using CardService.Core.Validation;

namespace CardService.Core.Inspection;

/// <summary>
/// Reads and judges one page: fetches it through <see cref="PageLoader"/> (or reads given HTML), checks robots.txt for the
/// platforms' crawlers, probes its preview images through the same safe <see cref="PageFetcher"/>, and runs
/// <see cref="PageValidator"/>. Fetch failures come back as values; only cancellation throws. With a shared store, the
/// inspection of a fetched page is looked up there before anything is fetched, and stored once made.
/// </summary>
public sealed class PageInspector(PageLoader loader, PageFetcher fetcher, TimeProvider? time = null, ISharedInspections? shared = null)
{
    /// <summary>Most image URLs probed per page (og:image, twitter:image, JSON-LD images, distinct).</summary>
    public const int MaxImageProbes = 4;

    /// <summary>Most declared icons probed per page (rel=icon, shortcut icon, apple-touch-icon; distinct).</summary>
    public const int MaxIconProbes = 3;

    /// <summary>The crawlers whose robots.txt verdict the validator gets, with the platform each one serves.</summary>
    public static readonly ImmutableArray<(CrawlerAgent Agent, Platform Platform)> RobotsCrawlers =
    [
        (CrawlerAgent.Facebook, Platform.Facebook),
        (CrawlerAgent.Twitter, Platform.X),
        (CrawlerAgent.LinkedIn, Platform.LinkedIn),
        (CrawlerAgent.Slack, Platform.Slack),
        (CrawlerAgent.Discord, Platform.Discord),
    ];

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // Many inspections of one page probe the same images: one probe serves them all for the fetcher's reuse time.
    private readonly SingleFlightCache<ImageProbeResult> _probes = new(
        (fetcher ?? throw new ArgumentNullException(nameof(fetcher))).Options.MaxReusedBytes,
        SizeOf,
        probe => probe.IsSuccess ? fetcher.Options.ReuseLifetime : fetcher.Options.FailureReuseLifetime,
        time);

    // A page inspected here (or found in the shared store) is not looked up again while the fetcher reuses pages: the
    // shared store sits behind this one flight per page, as the fetch sits behind the loader's.
    private readonly SingleFlightCache<PageInspectionResult>? _sharedFlights = shared is null ? null : new(
        fetcher.Options.MaxReusedBytes,
        result => 1024 + (4L * (result.Inspection?.Meta.Decoding?.Text.Length ?? 0)),
        result => result.IsSuccess ? fetcher.Options.ReuseLifetime : fetcher.Options.FailureReuseLifetime,
        time);

    // Reports made by other rules or read into other types must not be served: the key names this build of Core.
    private static readonly string SharedKeyPrefix = typeof(PageInspector).Assembly.ManifestModule.ModuleVersionId.ToString("N") + "|";

    /// <summary>Inspects the page <paramref name="request"/> names; throws <see cref="ArgumentException"/> when its URL is not absolute.</summary>
    public async Task<PageInspectionResult> InspectAsync(InspectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Url);
        if (!request.Url.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{request.Url}' is not an absolute URL.", nameof(request));
        }

        using var activity = CardServiceTelemetry.Source.StartActivity("inspect page")?.SetTag(CardServiceTelemetry.Tags.Url, request.Url.AbsoluteUri);

        // Only a fetched page's inspection is the same for everyone; given HTML and local image facts are the caller's own.
        if (_sharedFlights is null || request.Html is not null || request.LocalImages is not null)
        {
            return await InspectHereAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{SharedKeyPrefix}{request.Agent}|{(request.ProbeImages ? "probe" : "noprobe")}|{request.Url.AbsoluteUri}");
        return await _sharedFlights.GetOrLoadAsync(key, () => InspectSharedAsync(key, request), cancellationToken).ConfigureAwait(false);
    }

    private async Task<PageInspectionResult> InspectSharedAsync(string key, InspectionRequest request)
    {
        // Shared by every waiting caller, so no caller's token: the store's timeout and the fetcher's limits bound it.
        if (await shared!.GetAsync(key, CancellationToken.None).ConfigureAwait(false) is { } stored)
        {
            return new PageInspectionResult(stored, null);
        }

        var result = await InspectHereAsync(request, CancellationToken.None).ConfigureAwait(false);
        if (result.Inspection is { } inspection && fetcher.Options.ReuseLifetime > TimeSpan.Zero)
        {
            // A failure is not shared: each instance retries it after FailureReuseSeconds, as it would a failed fetch.
            await shared.SetAsync(key, inspection, fetcher.Options.ReuseLifetime, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<PageInspectionResult> InspectHereAsync(InspectionRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        PageMeta meta;
        PageFacts facts;
        double fetchMs = 0, readMs;
        Task<IReadOnlyDictionary<Platform, bool>?> robots;
        if (request.Html is null)
        {
            var loaded = await loader.LoadAsync(request.Url, request.Agent, cancellationToken).ConfigureAwait(false);
            if (loaded.Page is not { } page)
            {
                return new PageInspectionResult(null, loaded.Failure);
            }

            // The loader fetches and reads in one call: the fetcher measured its part, the rest is reading.
            var loadMs = _time.GetElapsedTime(started).TotalMilliseconds;
            fetchMs = Math.Min(loadMs, page.Response.Elapsed.TotalMilliseconds);
            readMs = loadMs - fetchMs;
            meta = page.Meta;
            facts = FactsOf(page.Response, meta);
            robots = CheckRobotsAsync(page.Response, cancellationToken);
        }
        else
        {
            using (CardServiceTelemetry.Source.StartActivity("read page"))
            {
                meta = MetaReader.Read(request.Html, request.Url);
            }

            readMs = _time.GetElapsedTime(started).TotalMilliseconds;
            facts = PageFacts.None;
            robots = Task.FromResult<IReadOnlyDictionary<Platform, bool>?>(null);
        }

        var probing = _time.GetTimestamp();
        var images = request.ProbeImages || request.LocalImages is not null
            ? ProbeImagesAsync(meta, request, cancellationToken)
            : Task.FromResult<IReadOnlyList<ImageFacts>?>(null);
        facts = facts with
        {
            RobotsTxtAllows = await robots.ConfigureAwait(false),
            Images = await images.ConfigureAwait(false),
        };
        var probeMs = request.Html is null || request.ProbeImages ? _time.GetElapsedTime(probing).TotalMilliseconds : 0;

        var validating = _time.GetTimestamp();
        PageReport report;
        using (var validation = CardServiceTelemetry.Source.StartActivity("validate page"))
        {
            report = PageValidator.Validate(meta, facts);
            validation?.SetTag(CardServiceTelemetry.Tags.FindingCount, report.Findings.Length);
        }

        var validateMs = _time.GetElapsedTime(validating).TotalMilliseconds;

        var timings = new InspectionTimings(Round(fetchMs), Round(readMs), Round(probeMs), Round(validateMs));
        return new PageInspectionResult(new PageInspection(request.Url, request.Html is null, meta, facts, report, timings), null);
    }

    /// <summary>The URLs worth probing: og:image, twitter:image, then JSON-LD images; absolute http(s), distinct, at most <see cref="MaxImageProbes"/>.</summary>
    public static ImmutableArray<Uri> ImageUrls(PageMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var og = meta.OpenGraph.Images.FirstOrDefault(i => i.Url is not null || i.SecureUrl is not null);
        var jsonLd = meta.JsonLd.Where(b => b.IsValid).SelectMany(b => b.Items).SelectMany(i => i.Images)
            .Select(raw => WebUrl.TryResolve(meta.BaseUrl, raw, out var url) ? url : null);
        return
        [
            .. new[] { og?.Url?.Resolved ?? og?.SecureUrl?.Resolved, meta.Twitter.Image?.Resolved }.Concat(jsonLd)
                .OfType<Uri>()
                .DistinctBy(u => u.AbsoluteUri, StringComparer.Ordinal)
                .Take(MaxImageProbes),
        ];
    }

    /// <summary>
    /// The declared icons worth probing, in document order: <c>icon</c> (with <c>shortcut icon</c>), <c>apple-touch-icon</c>
    /// and its <c>-precomposed</c> form; absolute http(s), distinct, at most <see cref="MaxIconProbes"/>. Safari's
    /// <c>mask-icon</c> is a monochrome SVG no preview shows, so it is left out.
    /// </summary>
    public static ImmutableArray<Uri> IconUrls(PageMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return
        [
            .. meta.Icons.Where(i => LinkRels.IsPreviewIcon(i.Rel))
                .Select(i => i.Href.Resolved)
                .OfType<Uri>()
                .Where(u => u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
                .DistinctBy(u => u.AbsoluteUri, StringComparer.Ordinal)
                .Take(MaxIconProbes),
        ];
    }

    private static PageFacts FactsOf(FetchedResponse response, PageMeta meta) => new()
    {
        RequestedUrl = response.RequestedUrl,
        FinalUrl = response.FinalUrl,
        StatusCode = response.StatusCode,
        Redirects = [.. response.Redirects.Select(h => new RedirectStep(h.From, h.To, h.StatusCode))],
        ContentType = response.ContentType,
        XRobotsTag = response.XRobotsTag,
        HtmlBytes = response.Body.Length,
        Truncated = response.Truncated,
        Charset = meta.Decoding is { } decoding ? CharsetFacts.From(decoding) : null,
    };

    /// <summary>Each crawler may fetch the page only if robots.txt allows every URL it passes through (the redirects included).</summary>
    private async Task<IReadOnlyDictionary<Platform, bool>?> CheckRobotsAsync(FetchedResponse response, CancellationToken cancellationToken)
    {
        Uri[] chain = [response.RequestedUrl, .. response.Redirects.Select(h => h.To)];
        var urls = chain.DistinctBy(u => u.AbsoluteUri, StringComparer.Ordinal).ToArray();
        var verdicts = await Task.WhenAll(RobotsCrawlers.Select(async crawler =>
        {
            var checks = await Task.WhenAll(urls.Select(u => fetcher.CheckRobotsAsync(u, crawler.Agent, cancellationToken))).ConfigureAwait(false);
            return (crawler.Platform, Allowed: checks.All(c => c.Allowed));
        })).ConfigureAwait(false);
        return verdicts.ToDictionary(v => v.Platform, v => v.Allowed);
    }

    private async Task<IReadOnlyList<ImageFacts>?> ProbeImagesAsync(PageMeta meta, InspectionRequest request, CancellationToken cancellationToken)
    {
        var urls = ImageUrls(meta).Concat(IconUrls(meta)).DistinctBy(u => u.AbsoluteUri, StringComparer.Ordinal);
        var probes = await Task.WhenAll(urls.Select(async url =>
            request.LocalImages?.Invoke(url) is { } local ? local
            : request.ProbeImages ? FactsOf(url, await ProbeAsync(url, cancellationToken).ConfigureAwait(false))
            : null)).ConfigureAwait(false);
        return [.. probes.OfType<ImageFacts>()];
    }

    private Task<ImageProbeResult> ProbeAsync(Uri url, CancellationToken cancellationToken) =>
        _probes.GetOrLoadAsync(url.AbsoluteUri, () => fetcher.ProbeImageAsync(url, CancellationToken.None), cancellationToken);

    // Small, except for the URLs it holds (a page may name very long ones): UTF-16, twice for original and parsed forms.
    private static long SizeOf(ImageProbeResult result) => 512 + (result.Probe is not { } probe ? 0
        : 4L * (probe.Url.OriginalString.Length + probe.FinalUrl.OriginalString.Length + probe.Redirects.Sum(h => h.From.OriginalString.Length + h.To.OriginalString.Length)));

    private static ImageFacts FactsOf(Uri url, ImageProbeResult result)
    {
        if (result.Probe is not { } probe)
        {
            return new ImageFacts(url, null, null, null, null, null, null, result.Failure!.Detail);
        }

        // The probe asks for a byte range; 206 is the server saying yes to that, and a crawler's plain GET gets 200.
        var status = probe.StatusCode == 206 ? 200 : probe.StatusCode;
        return new ImageFacts(url, status, probe.ContentType, probe.Bytes, probe.Width, probe.Height, probe.Format, null);
    }

    private static double Round(double ms) => Math.Round(Math.Max(0, ms), 1);
}

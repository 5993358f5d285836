using CardService.Core.Fetching;
using CardService.Core.Meta;
using CardService.Core.Validation;

namespace CardService.Core.Inspection;

/// <summary>What to inspect: a URL to fetch, or HTML to read as if it were served at that URL.</summary>
/// <param name="Url">The page's absolute http(s) URL; with <paramref name="Html"/> it only resolves relative links.</param>
/// <param name="Html">The page's HTML; null to fetch <paramref name="Url"/>.</param>
/// <param name="ProbeImages">Whether to probe og:image, twitter:image and JSON-LD images (status, type, bytes, pixel size).</param>
/// <param name="Agent">Whose crawler to fetch the page as; the service's own user agent by default.</param>
public sealed record InspectionRequest(Uri Url, string? Html = null, bool ProbeImages = true, CrawlerAgent Agent = CrawlerAgent.Default)
{
    /// <summary>
    /// Image facts known without the network (a built site's own files), asked first for each image URL; a URL it answers
    /// null for is probed only when <see cref="ProbeImages"/> is true.
    /// </summary>
    public Func<Uri, ImageFacts?>? LocalImages { get; init; }
}

/// <summary>Milliseconds spent in each step; a step that did not run took 0.</summary>
/// <param name="FetchMs">Fetching the page (every redirect hop and the body).</param>
/// <param name="ReadMs">Decoding and reading the HTML.</param>
/// <param name="ProbeMs">Checking robots.txt and probing images (in parallel).</param>
/// <param name="ValidateMs">Applying the rule catalogue.</param>
public sealed record InspectionTimings(double FetchMs, double ReadMs, double ProbeMs, double ValidateMs);

/// <summary>A page read and judged.</summary>
/// <param name="RequestedUrl">The URL asked for.</param>
/// <param name="Fetched">Whether the page itself was fetched (false when its HTML was given).</param>
/// <param name="Meta">What <see cref="MetaReader"/> read, with the effective previews.</param>
/// <param name="Facts">What was known besides the HTML, as the validator saw it.</param>
/// <param name="Report">The validator's findings, score and verdicts.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record PageInspection(Uri RequestedUrl, bool Fetched, PageMeta Meta, PageFacts Facts, PageReport Report, InspectionTimings Timings);

/// <summary>An inspection, or the fetch failure that left nothing to judge (a 404 page is judged, not a failure).</summary>
public sealed record PageInspectionResult(PageInspection? Inspection, FetchFailure? Failure)
{
    public bool IsSuccess => Inspection is not null;
}

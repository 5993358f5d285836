namespace CardService.Functions.Hosting;

/// <summary>
/// The stable <c>type</c> URIs of every problem the API answers with. They are identifiers, documented
/// in the README; they are not fetched.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://cardservice.dev/problems/";

    /// <summary>400: a card's fields fail validation or cannot be parsed; <c>errors</c> names each field.</summary>
    public const string InvalidCard = Base + "invalid-card";

    /// <summary>400: the request body is not valid JSON (or a field has the wrong JSON type); <c>errors</c> names the field or <c>body</c>.</summary>
    public const string MalformedJson = Base + "malformed-json";

    /// <summary>400 for any other bad request.</summary>
    public const string BadRequest = Base + "bad-request";

    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";

    /// <summary>413: the body is larger than <see cref="Endpoints.CardRequestOptions.MaxBodyBytes"/>.</summary>
    public const string PayloadTooLarge = Base + "payload-too-large";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = Base + "unsupported-media-type";

    /// <summary>400: the URL to fetch is not an absolute http(s) URL, or names a host that cannot be one.</summary>
    public const string InvalidUrl = Base + "invalid-url";

    /// <summary>403: the URL, a redirect or its DNS answer leads to a loopback, private, link-local or metadata address; nothing was fetched there.</summary>
    public const string BlockedAddress = Base + "blocked-address";

    /// <summary>502: the host name does not resolve.</summary>
    public const string DnsFailure = Base + "dns-failure";

    /// <summary>502: no TCP connection could be opened to the host.</summary>
    public const string ConnectFailure = Base + "connect-failure";

    /// <summary>502: the TLS handshake failed (certificate or protocol).</summary>
    public const string TlsFailure = Base + "tls-failure";

    /// <summary>502: more redirects than allowed, or a redirect loop.</summary>
    public const string TooManyRedirects = Base + "too-many-redirects";

    /// <summary>502: the upstream answered a status that leaves nothing to use (an image that is 404, say).</summary>
    public const string UpstreamStatus = Base + "upstream-status";

    /// <summary>504: the upstream did not answer within the fetch time limit.</summary>
    public const string UpstreamTimeout = Base + "upstream-timeout";

    /// <summary>413: what the upstream sent is larger than the fetch limits allow (bytes or declared pixels).</summary>
    public const string UpstreamTooLarge = Base + "upstream-too-large";

    /// <summary>422: <c>/card?url=</c> read a page that gives no title (no og:title, twitter:title, &lt;title&gt; or JSON-LD headline).</summary>
    public const string PageWithoutTitle = Base + "page-without-title";

    /// <summary>503: every render slot is busy and the queue for them is full (<c>Rendering:MaxConcurrentRenders</c>, <c>Rendering:MaxQueuedRenders</c>); retry after <c>Retry-After</c>.</summary>
    public const string RendererBusy = Base + "renderer-busy";

    /// <summary>422: a fetched logo or background is not an image the renderer decodes (SVG, HTML, too many declared pixels).</summary>
    public const string UnusableImage = Base + "unusable-image";

    /// <summary>403: a <c>/preview/image</c> link that this server's preview page did not sign, or whose time ran out.</summary>
    public const string ImageLinkRefused = Base + "image-link-refused";

    /// <summary>403: signatures are required (<c>Signing:Required</c>) and the card URL has no <c>sig</c>, or is a POST.</summary>
    public const string SignatureRequired = Base + "signature-required";

    /// <summary>403: the card URL's <c>sig</c> is not what an active key (<c>Signing:Keys</c>) makes of its parameters.</summary>
    public const string SignatureMismatch = Base + "signature-mismatch";

    /// <summary>403: the card URL is signed but the time in its <c>exp</c> parameter has passed.</summary>
    public const string SignatureExpired = Base + "signature-expired";

    /// <summary>429: this client sent more requests that fetch other sites than <c>RateLimits</c> allow; retry after <c>Retry-After</c>.</summary>
    public const string TooManyRequests = Base + "too-many-requests";

    /// <summary>503: every outbound fetch slot is busy and the queue for them is full (<c>FetchLimits</c>); retry after <c>Retry-After</c>.</summary>
    public const string FetcherBusy = Base + "fetcher-busy";

    /// <summary>500: a bug or a broken deployment; never carries details.</summary>
    public const string InternalError = Base + "internal-error";

    /// <summary>The type for a status code that no endpoint chose a type for.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        >= 500 => InternalError,
        _ => Base + "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

namespace CardService.Core.Fetching;

/// <summary>Why a fetch produced nothing usable. A closed set: hosts map each kind to one HTTP status.</summary>
public enum FetchFailureKind
{
    /// <summary>Not an absolute http/https URL, or a host that cannot be a public name.</summary>
    InvalidUrl,

    /// <summary>The URL, a DNS answer or a redirect points at a non-public address.</summary>
    BlockedAddress,

    /// <summary>The host name did not resolve.</summary>
    Dns,

    /// <summary>No TCP connection could be made, or it broke mid-response.</summary>
    Connect,

    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    Tls,

    /// <summary>The total or connect time limit ran out.</summary>
    Timeout,

    /// <summary>A whole-resource download (image) exceeded its byte or pixel cap.</summary>
    TooLarge,

    /// <summary>More redirects than allowed, or a redirect loop.</summary>
    TooManyRedirects,

    /// <summary>A non-2xx status where the body is unusable (whole-image download). Pages and probes carry their status instead.</summary>
    HttpStatus,

    /// <summary>Every fetch slot is busy and the queue for them is full (<see cref="FetchOptions.MaxQueuedFetches"/>); nothing was sent.</summary>
    Busy,
}

/// <summary>A failed fetch: what kind, for which URL (the hop that failed), and a sentence saying why.</summary>
/// <param name="Kind">The failure kind.</param>
/// <param name="Url">The URL being fetched when it failed (a redirect target for a failed hop); null when the input was not a URL.</param>
/// <param name="Detail">A human sentence naming the URL or address and the reason.</param>
/// <param name="StatusCode">The HTTP status, for <see cref="FetchFailureKind.HttpStatus"/>.</param>
public sealed record FetchFailure(FetchFailureKind Kind, Uri? Url, string Detail, int? StatusCode = null);

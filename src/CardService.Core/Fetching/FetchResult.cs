using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace CardService.Core.Fetching;

/// <summary>One followed redirect.</summary>
public sealed record RedirectHop(Uri From, Uri To, int StatusCode);

/// <summary>
/// A page as the server answered it, whatever its status (a 404 or 500 page is a response, not a failure).
/// </summary>
/// <param name="RequestedUrl">The URL asked for.</param>
/// <param name="FinalUrl">The URL that answered, after redirects.</param>
/// <param name="StatusCode">The final response's status.</param>
/// <param name="Redirects">The redirects followed, in order.</param>
/// <param name="ContentType">The <c>Content-Type</c> header as sent (charset included); not decoded here.</param>
/// <param name="ContentEncoding">The <c>Content-Encoding</c> header as sent. The body is already decoded for gzip, deflate and br; any other encoding leaves it as received.</param>
/// <param name="XRobotsTag">The <c>X-Robots-Tag</c> header(s), comma-joined.</param>
/// <param name="Headers">Every response header (names case-insensitive, repeated values comma-joined).</param>
/// <param name="Body">The decoded body, at most <see cref="FetchOptions.MaxDecompressedBytes"/>.</param>
/// <param name="Truncated">True when the body was cut at a cap.</param>
/// <param name="RemoteAddress">The address of the connection opened for the final request.</param>
/// <param name="Elapsed">Time from the first request to the end of the body.</param>
public sealed record FetchedResponse(
    Uri RequestedUrl,
    Uri FinalUrl,
    int StatusCode,
    ImmutableArray<RedirectHop> Redirects,
    string? ContentType,
    string? ContentEncoding,
    string? XRobotsTag,
    ImmutableDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    bool Truncated,
    IPAddress? RemoteAddress,
    TimeSpan Elapsed)
{
    /// <summary>True for a 2xx final status.</summary>
    public bool IsSuccessStatus => StatusCode is >= 200 and < 300;
}

/// <summary>A page fetch: either a <see cref="FetchedResponse"/> or a <see cref="FetchFailure"/>, never both.</summary>
public sealed record FetchResult
{
    private FetchResult(FetchedResponse? response, FetchFailure? failure) => (Response, Failure) = (response, failure);

    public FetchedResponse? Response { get; }

    public FetchFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Response))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Response is not null;

    public static FetchResult Success(FetchedResponse response) => new(response ?? throw new ArgumentNullException(nameof(response)), null);

    public static FetchResult Failed(FetchFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));
}

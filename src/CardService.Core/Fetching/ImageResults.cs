using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace CardService.Core.Fetching;

/// <summary>
/// What a probe learned about an image from its headers and first bytes. Carries the status whatever it
/// is: a 404 image is a probe with <see cref="StatusCode"/> 404 and no format, for the validator to judge.
/// </summary>
/// <param name="Url">The image URL asked for.</param>
/// <param name="FinalUrl">The URL that answered, after redirects.</param>
/// <param name="StatusCode">The final status (206 when the server honoured the Range request).</param>
/// <param name="ContentType">The <c>Content-Type</c> header.</param>
/// <param name="Bytes">The image's full size: the <c>Content-Range</c> total, else <c>Content-Length</c> of a 200, else the bytes read when the body ended; null when unknown.</param>
/// <param name="Width">Pixel width from the header, when the format carries one.</param>
/// <param name="Height">Pixel height from the header.</param>
/// <param name="Format">One of <see cref="ImageFormats"/>, sniffed from the bytes (not the content type); null when unrecognised.</param>
/// <param name="BytesRead">Body bytes the probe read.</param>
/// <param name="Redirects">The redirects followed.</param>
public sealed record ImageProbe(
    Uri Url,
    Uri FinalUrl,
    int StatusCode,
    string? ContentType,
    long? Bytes,
    int? Width,
    int? Height,
    string? Format,
    long BytesRead,
    ImmutableArray<RedirectHop> Redirects)
{
    /// <summary>True for a 2xx status.</summary>
    public bool IsSuccessStatus => StatusCode is >= 200 and < 300;
}

/// <summary>An image probe: a <see cref="ImageProbe"/> (any HTTP status) or a <see cref="FetchFailure"/>.</summary>
public sealed record ImageProbeResult
{
    private ImageProbeResult(ImageProbe? probe, FetchFailure? failure) => (Probe, Failure) = (probe, failure);

    public ImageProbe? Probe { get; }

    public FetchFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Probe))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Probe is not null;

    public static ImageProbeResult Success(ImageProbe probe) => new(probe ?? throw new ArgumentNullException(nameof(probe)), null);

    public static ImageProbeResult Failed(FetchFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));
}

/// <summary>A whole downloaded image (2xx only, within <see cref="FetchOptions.MaxImageBytes"/> and <see cref="FetchOptions.MaxImagePixels"/>).</summary>
public sealed record ImageDownload(
    Uri Url,
    Uri FinalUrl,
    int StatusCode,
    string? ContentType,
    ReadOnlyMemory<byte> Bytes,
    string? Format,
    int? Width,
    int? Height);

/// <summary>An image download: an <see cref="ImageDownload"/> or a <see cref="FetchFailure"/> (non-2xx is <see cref="FetchFailureKind.HttpStatus"/>).</summary>
public sealed record ImageDownloadResult
{
    private ImageDownloadResult(ImageDownload? image, FetchFailure? failure) => (Image, Failure) = (image, failure);

    public ImageDownload? Image { get; }

    public FetchFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Image))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Image is not null;

    public static ImageDownloadResult Success(ImageDownload image) => new(image ?? throw new ArgumentNullException(nameof(image)), null);

    public static ImageDownloadResult Failed(FetchFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));
}

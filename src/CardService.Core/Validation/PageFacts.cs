using CardService.Core.Fetching;

namespace CardService.Core.Validation;

/// <summary>
/// What is known about a page besides its HTML, as plain data the wiring layer maps from the fetcher's results.
/// Everything is optional: null means "not known" (HTML posted by the caller), and rules that need an unknown
/// fact are not checked rather than guessed.
/// </summary>
public sealed record PageFacts
{
    /// <summary>Nothing known beyond the HTML.</summary>
    public static PageFacts None { get; } = new();

    /// <summary>The URL the caller asked for.</summary>
    public Uri? RequestedUrl { get; init; }

    /// <summary>The URL after redirects (the page's real address).</summary>
    public Uri? FinalUrl { get; init; }

    /// <summary>The final response's HTTP status.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Each redirect followed, in order; empty when there were none; null when not fetched.</summary>
    public IReadOnlyList<RedirectStep>? Redirects { get; init; }

    /// <summary>The final response's <c>Content-Type</c> header.</summary>
    public string? ContentType { get; init; }

    /// <summary>The <c>X-Robots-Tag</c> response header.</summary>
    public string? XRobotsTag { get; init; }

    /// <summary>How many bytes of HTML were read.</summary>
    public long? HtmlBytes { get; init; }

    /// <summary>Whether the body was cut at the fetch cap (tags after it were not seen).</summary>
    public bool? Truncated { get; init; }

    /// <summary>How the bytes were decoded; null to use <see cref="Meta.PageMeta.Decoding"/> when the page was read from bytes.</summary>
    public CharsetFacts? Charset { get; init; }

    /// <summary>
    /// robots.txt verdicts, keyed by the platform whose crawler was checked (Facebook = <c>facebookexternalhit</c>,
    /// X = <c>Twitterbot</c>, LinkedIn = <c>LinkedInBot</c>, Slack = <c>Slackbot-LinkExpanding</c>,
    /// Discord = <c>Discordbot</c>, Google = <c>Googlebot</c>): true when allowed. Null when not checked.
    /// </summary>
    public IReadOnlyDictionary<Platform, bool>? RobotsTxtAllows { get; init; }

    /// <summary>One entry per probed image URL (og:image, twitter:image, JSON-LD image); null when no image was probed.</summary>
    public IReadOnlyList<ImageFacts>? Images { get; init; }
}

/// <summary>One redirect hop.</summary>
/// <param name="From">The URL that redirected.</param>
/// <param name="To">Where it pointed.</param>
/// <param name="StatusCode">301, 302, 303, 307 or 308.</param>
public sealed record RedirectStep(Uri From, Uri To, int StatusCode);

/// <summary>What probing one image URL found (header only: no full download needed).</summary>
/// <param name="Url">The image URL probed (after resolving against the page).</param>
/// <param name="Status">The HTTP status; null when the request failed before a response.</param>
/// <param name="ContentType">The <c>Content-Type</c> header.</param>
/// <param name="Bytes">The size in bytes (<c>Content-Length</c> or bytes read).</param>
/// <param name="Width">Pixel width from the image header.</param>
/// <param name="Height">Pixel height from the image header.</param>
/// <param name="Format">The format read from the bytes: <c>png</c>, <c>jpeg</c>, <c>gif</c>, <c>webp</c>, <c>svg</c>, <c>avif</c>, …</param>
/// <param name="Error">Why the probe failed (DNS, refused address, timeout); null when it got a response.</param>
public sealed record ImageFacts(Uri Url, int? Status, string? ContentType, long? Bytes, int? Width, int? Height, string? Format, string? Error);

/// <summary>How a page's bytes were turned into text, as far as the rules care.</summary>
/// <param name="DeclaredCharset">The declared label as written (header first, else meta); null when none.</param>
/// <param name="DeclaredIn">Where the encoding used came from (BOM, header, meta, sniffing).</param>
/// <param name="DeclaredInFirst1024Bytes">Whether a meta declaration ends within the first 1024 bytes.</param>
/// <param name="EncodingUsed">The WHATWG name of the encoding used.</param>
/// <param name="DeclarationLied">Whether the declared legacy charset was overridden because the bytes are UTF-8.</param>
public sealed record CharsetFacts(string? DeclaredCharset, CharsetSource DeclaredIn, bool DeclaredInFirst1024Bytes, string EncodingUsed, bool DeclarationLied)
{
    /// <summary>The <c>charset=</c> of the <c>Content-Type</c> header; null when absent.</summary>
    public string? HeaderCharset { get; init; }

    /// <summary>The label found by the meta prescan; null when absent.</summary>
    public string? MetaCharset { get; init; }

    /// <summary>Whether the body starts with a byte order mark.</summary>
    public bool HasBom { get; init; }

    /// <summary>Whether the declared label names no known encoding.</summary>
    public bool DeclaredLabelUnknown { get; init; }

    /// <summary>Whether the bytes contain anything above ASCII (when false, a wrong label changes nothing).</summary>
    public bool HasNonAscii { get; init; }

    /// <summary>The facts of a <see cref="DecodedHtml"/>.</summary>
    public static CharsetFacts From(DecodedHtml decoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        return new CharsetFacts(decoded.DeclaredCharset, decoded.Source, decoded.DeclaredInFirst1024Bytes, decoded.EncodingName, decoded.DeclarationOverridden)
        {
            HeaderCharset = decoded.HeaderCharset,
            MetaCharset = decoded.MetaCharset,
            HasBom = decoded.HasBom,
            DeclaredLabelUnknown = decoded.DeclaredLabelUnknown,
            HasNonAscii = decoded.HasNonAscii,
        };
    }
}
